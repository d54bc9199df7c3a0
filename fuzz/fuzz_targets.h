// fuzz_targets.h — the entry functions of the fuzz targets (fuzz/fuzz_*.cpp),
// listed for the regression test, which replays every seed and regression
// input through them (tests/test_fuzz_regressions.cpp). Torch- and Qt-free.
//
// Ownership: function pointers to free functions. Thread affinity: one thread.
// Failure modes: an entry returns the gs::Error sentences of its readers;
// anything else escaping it is a bug the fuzzing found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gs::fuzz {

using Sentences = std::vector<std::string>;
using Entry = Sentences (*)(const uint8_t* data, size_t size);

Sentences fuzz_idx(const uint8_t* data, size_t size);
Sentences fuzz_idx_gzip(const uint8_t* data, size_t size);
Sentences fuzz_checkpoint(const uint8_t* data, size_t size);
Sentences fuzz_torchscript_descriptor(const uint8_t* data, size_t size);
Sentences fuzz_torchscript_module(const uint8_t* data, size_t size);
Sentences fuzz_image(const uint8_t* data, size_t size);
Sentences fuzz_image_studio(const uint8_t* data, size_t size);
Sentences fuzz_session(const uint8_t* data, size_t size);
Sentences fuzz_cli(const uint8_t* data, size_t size);
Sentences fuzz_text_corpus(const uint8_t* data, size_t size);
Sentences fuzz_lesson(const uint8_t* data, size_t size);

struct Target {
  const char* name;  // the target's executable and its corpus folders' name
  Entry entry;
};

inline const std::vector<Target>& all_targets() {
  static const std::vector<Target> targets = {
      {"fuzz_idx", fuzz_idx},
      {"fuzz_idx_gzip", fuzz_idx_gzip},
      {"fuzz_checkpoint", fuzz_checkpoint},
      {"fuzz_torchscript_descriptor", fuzz_torchscript_descriptor},
      {"fuzz_torchscript_module", fuzz_torchscript_module},
      {"fuzz_image", fuzz_image},
      {"fuzz_image_studio", fuzz_image_studio},
      {"fuzz_session", fuzz_session},
      {"fuzz_cli", fuzz_cli},
      {"fuzz_text_corpus", fuzz_text_corpus},
      {"fuzz_lesson", fuzz_lesson},
  };
  return targets;
}

// The first library-internal marker found in `sentence` ("PytorchStreamReader",
// "OpenCV(", "libpng", "what():", "[json.exception", …), or empty when none.
std::string library_text_in(const std::string& sentence);

// Whether the input itself holds `text`: a sentence quoting the input (an
// unknown key, a wrong value) may show a marker the fuzzer put there; that is
// not a leak.
bool input_contains(const uint8_t* data, size_t size, const std::string& text);

}  // namespace gs::fuzz
