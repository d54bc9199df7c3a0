// fuzz_entry.h — what every fuzz target's entry function shares with the
// regression test (tests/test_fuzz_regressions.cpp).
//
// An entry function feeds one input's bytes to a real reader of GenStudio and
// returns the sentences it refused them with (gs::Error::what(), one per reader
// call; an empty list when every call succeeded). Anything else — a crash, an
// abort, a sanitizer report, an exception that is not gs::Error, a hang or an
// allocation beyond the fuzzer's RSS limit — escapes it and is a finding.
// GS_FUZZ_TARGET(entry) turns one into a libFuzzer target that also stops on a
// sentence carrying a library's internal text (library_text_in) that is not
// quoted from the input.
//
// Ownership: values only; the temporary files live in one folder per process
// (fuzz_temp_dir), overwritten by each input and removed at exit. Thread
// affinity: one thread (libFuzzer's and the test's). Failure modes: none of its
// own; fuzz_temp_file aborts when the temporary folder cannot be written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "fuzz_targets.h"

namespace gs::fuzz {

// Runs `read`; a gs::Error's sentence goes into `out`, anything else propagates.
template <typename Fn>
void sentence_or_success(Sentences& out, Fn&& read) {
  try {
    read();
  } catch (const gs::Error& e) {
    out.emplace_back(e.what());
  }
}

// library_text_in(sentence) (fuzz_targets.h): the first library-internal marker
// found in it ("PytorchStreamReader", "OpenCV(", "libpng", "what():",
// "[json.exception", …), or empty when none.

// A file of this process's temporary folder (in /dev/shm when there is one)
// named `name`, holding `size` bytes from `data`; returns its path.
std::string fuzz_temp_file(const std::string& name, const uint8_t* data, size_t size);
std::string fuzz_temp_dir();

// One thread for LibTorch (two cores are shared by everything).
void fuzz_single_thread();

}  // namespace gs::fuzz

#ifdef GS_FUZZ_REPLAY
#define GS_FUZZ_TARGET(entry)
#else
#include <cstdio>
#include <cstdlib>
#define GS_FUZZ_TARGET(entry)                                                             \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {               \
    static const bool once = (gs::fuzz::fuzz_single_thread(), true);                      \
    (void)once;                                                                           \
    for (const std::string& s : entry(data, size)) {                                      \
      const std::string leak = gs::fuzz::library_text_in(s);                              \
      if (!leak.empty() && !gs::fuzz::input_contains(data, size, leak)) {                 \
        std::fprintf(stderr, "==fuzz== library text \"%s\" in the sentence: %s\n", leak.c_str(), s.c_str()); \
        std::abort();                                                                     \
      }                                                                                   \
    }                                                                                     \
    return 0;                                                                             \
  }
#endif
