#include "fuzz_entry.h"

#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace gs::fuzz {

std::string library_text_in(const std::string& sentence) {
  static const char* const kMarkers[] = {
      "PytorchStreamReader", "PytorchStreamWriter", "OpenCV(", "libpng", "what():", "[json.exception",
      "Exception raised from", "c10::", "cv::", "Assertion failed", "terminate called", "std::",
      "basic_string", "INTERNAL ASSERT", "miniz", "gzread", "inflate"};
  for (const char* m : kMarkers) {
    if (sentence.find(m) != std::string::npos) return m;
  }
  return {};
}

bool input_contains(const uint8_t* data, size_t size, const std::string& text) {
  return std::string(reinterpret_cast<const char*>(data), size).find(text) != std::string::npos;
}

std::string fuzz_temp_dir() {
  static const std::string dir = [] {
    std::error_code ec;
    std::string base = std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                           ? std::string("/dev/shm")
                           : std::filesystem::temp_directory_path().string();
    std::string pattern = base + "/genstudio-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) {
      std::perror("genstudio fuzz: cannot make a temporary folder");
      std::abort();
    }
    static const std::string made = pattern;
    std::atexit([] {
      std::error_code e;
      std::filesystem::remove_all(made, e);
    });
    return pattern;
  }();
  return dir;
}

std::string fuzz_temp_file(const std::string& name, const uint8_t* data, size_t size) {
  const std::string path = fuzz_temp_dir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::fprintf(stderr, "genstudio fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
  return path;
}

void fuzz_single_thread() {
  at::set_num_threads(1);
  at::set_num_interop_threads(1);
}

}  // namespace gs::fuzz
