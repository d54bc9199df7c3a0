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

void set_up_numeric_libraries(int /*argc*/, char** argv) {
  if (std::getenv("GENSTUDIO_BLAS_REEXEC")) return;  // already re-executed once
  bool changed = false;
  // Idle OpenMP threads spin only briefly before sleeping. GNU OpenMP's default
  // spins ~300000 rounds, so when another busy process shares the cores (a second
  // training, a test, a browser) every parallel region waits out a time slice: a
  // conv VAE's 60 steps on two threads took 139 s instead of 3.6 s with one core
  // busy elsewhere; with 10000 rounds 21 s, and no slower when the cores are idle.
  // (Sleeping at once, OMP_WAIT_POLICY=PASSIVE, is best under contention, 6.6 s,
  // but doubles the idle time.) bench/omp_wait.sh measures all of these.
  // A user's own OMP_WAIT_POLICY or GOMP_SPINCOUNT wins.
  if (!std::getenv("OMP_WAIT_POLICY") && !std::getenv("GOMP_SPINCOUNT")) {
    setenv("GOMP_SPINCOUNT", kOpenMpSpinCount, 1);
    setenv("GENSTUDIO_CHOSE_SPINCOUNT", "1", 1);
    changed = true;
  }
  if (!std::getenv("OPENBLAS_CORETYPE") && !std::getenv("GENSTUDIO_NO_BLAS_TUNING")) {
    using CoreNameFn = char* (*)();
    auto corename = reinterpret_cast<CoreNameFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    const char* current = corename ? corename() : nullptr;  // null: not OpenBLAS, nothing to tune
    const std::string wanted = preferred_openblas_coretype();
    if (current && !is_avx512_kernel(current) && !wanted.empty()) {
      setenv("OPENBLAS_CORETYPE", wanted.c_str(), 1);
      setenv("GENSTUDIO_CHOSE_CORETYPE", "1", 1);
      changed = true;
    }
  }
  if (!changed) return;
  setenv("GENSTUDIO_BLAS_REEXEC", "1", 1);
  execv("/proc/self/exe", argv);
  // exec failed: keep running with the libraries as loaded (correct, maybe slower),
  // and take back what they never saw, so `info` does not claim it.
  struct Choice {
    const char* marker;
    const char* variable;
  };
  for (const Choice& c : {Choice{"GENSTUDIO_CHOSE_SPINCOUNT", "GOMP_SPINCOUNT"},
                          Choice{"GENSTUDIO_CHOSE_CORETYPE", "OPENBLAS_CORETYPE"}}) {
    if (std::getenv(c.marker)) {
      unsetenv(c.variable);
      unsetenv(c.marker);
    }
  }
  unsetenv("GENSTUDIO_BLAS_REEXEC");
}

}  // namespace gs
