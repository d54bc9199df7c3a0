// fuzz_session — the session file reader (core/session/session_file.h):
// read_session_json on the input's text; the parts it could not read
// (SessionRead::problems) are sentences too.
#include <string>

#include "core/session/session_file.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_session(const uint8_t* data, size_t size) {
  Sentences out;
  const std::string text(reinterpret_cast<const char*>(data), size);
  sentence_or_success(out, [&] {
    const SessionRead read = read_session_json(text, "studio.gssession");
    out.insert(out.end(), read.problems.begin(), read.problems.end());
  });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_session)
