// fuzz_text_corpus — the text corpus reader (core/data/text_corpus.h): the
// input as a user's text file through load_text_path (UTF-8 check, split,
// vocabulary, chunks), and split_utf8 on the bytes alone.
#include <string>

#include "core/data/text_corpus.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_text_corpus(const uint8_t* data, size_t size) {
  Sentences out;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  sentence_or_success(out, [&] { split_utf8(bytes, "text.txt"); });
  const std::string path = fuzz_temp_file("text.txt", data, size);
  sentence_or_success(out, [&] { load_text_path(path, 0); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_text_corpus)
