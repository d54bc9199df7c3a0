#include "core/common/blas_setup.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string>

#include "core/common/runtime_info.h"

namespace gs {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// OpenBLAS kernels that already use AVX-512; no need to override those.
bool is_avx512_kernel(const std::string& core) {
  const std::string c = lower(core);
  return c.find("skylakex") != std::string::npos || c.find("cooperlake") != std::string::npos ||
         c.find("sapphire") != std::string::npos;
}

}  // namespace

const char* preferred_openblas_coretype() {
  const CpuFeatures f = detect_cpu_features();
  if (f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl) return "SkylakeX";
  return "";
}

void select_blas_kernels(int /*argc*/, char** argv) {
  if (std::getenv("OPENBLAS_CORETYPE") || std::getenv("GENSTUDIO_NO_BLAS_TUNING") ||
      std::getenv("GENSTUDIO_BLAS_REEXEC")) {
    return;  // the user chose, or we already re-executed once
  }
  using CoreNameFn = char* (*)();
  auto corename = reinterpret_cast<CoreNameFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  if (!corename) return;  // not OpenBLAS: nothing to tune
  const char* current = corename();
  if (current && is_avx512_kernel(current)) return;
  const std::string wanted = preferred_openblas_coretype();
  if (wanted.empty()) return;
  setenv("OPENBLAS_CORETYPE", wanted.c_str(), 1);
  setenv("GENSTUDIO_BLAS_REEXEC", "1", 1);
  execv("/proc/self/exe", argv);
  // exec failed: keep running with the kernels already loaded (correct, slower).
  unsetenv("OPENBLAS_CORETYPE");
  unsetenv("GENSTUDIO_BLAS_REEXEC");
}

}  // namespace gs
