#include "core/common/runtime_info.h"

#include <ATen/Parallel.h>
#include <cpuid.h>
#include <dlfcn.h>
#include <link.h>
#include <torch/version.h>

#include <cstdlib>
#include <sstream>
#include <thread>

#include "core/common/blas_setup.h"

namespace gs {
namespace {

struct MappedLibraries {
  std::string blas;
  bool jemalloc = false;
};

int collect_library(struct dl_phdr_info* info, size_t, void* data) {
  auto* libs = static_cast<MappedLibraries*>(data);
  const std::string name = info->dlpi_name ? info->dlpi_name : "";
  if (name.find("jemalloc") != std::string::npos) libs->jemalloc = true;
  if (libs->blas.empty() && (name.find("libblas") != std::string::npos ||
                             name.find("libopenblas") != std::string::npos ||
                             name.find("libblis") != std::string::npos ||
                             name.find("libmkl") != std::string::npos)) {
    libs->blas = name;
  }
  return 0;
}

std::string call_string_function(const char* symbol) {
  using Fn = char* (*)();
  auto fn = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, symbol));
  if (!fn) return {};
  const char* text = fn();
  return text ? std::string(text) : std::string();
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

}  // namespace

CpuFeatures detect_cpu_features() {
  CpuFeatures f;
  __builtin_cpu_init();
  f.avx2 = __builtin_cpu_supports("avx2");
  f.fma = __builtin_cpu_supports("fma");
  f.avx512f = __builtin_cpu_supports("avx512f");
  f.avx512bw = __builtin_cpu_supports("avx512bw");
  f.avx512dq = __builtin_cpu_supports("avx512dq");
  f.avx512vl = __builtin_cpu_supports("avx512vl");
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (f.avx512f && __get_cpuid_count(7, 1, &a, &b, &c, &d)) f.avx512_bf16 = (a >> 5) & 1u;
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) f.amx_bf16 = (d >> 22) & 1u;
  return f;
}

RuntimeInfo runtime_info() {
  RuntimeInfo info;
  info.torch_version = TORCH_VERSION;
  MappedLibraries libs;
  dl_iterate_phdr(collect_library, &libs);
  info.blas_library = libs.blas.empty() ? "unknown (statically linked or not loaded)" : libs.blas;
  info.allocator = libs.jemalloc ? "jemalloc" : "glibc malloc";
  info.blas_kernel = trim(call_string_function("openblas_get_corename"));
  info.blas_config = trim(call_string_function("openblas_get_config"));
  if (info.blas_kernel.empty()) {
    info.blas_kernel = libs.blas.find("openblas") != std::string::npos ? "unknown" : "reference or non-OpenBLAS";
  }
  if (const char* core = std::getenv("OPENBLAS_CORETYPE")) {
    info.blas_override = std::string("OPENBLAS_CORETYPE=") + core +
                         (std::getenv("GENSTUDIO_CHOSE_CORETYPE") ? " (chosen by GenStudio for this CPU)"
                                                              : " (from the environment)");
  } else {
    info.blas_override = "none (library's own CPU detection)";
  }
  if (const char* wait = std::getenv("OMP_WAIT_POLICY")) {
    info.omp_wait_policy = std::string("OMP_WAIT_POLICY=") + wait + " (from the environment)";
  } else if (const char* spin = std::getenv("GOMP_SPINCOUNT")) {
    info.omp_wait_policy = std::string("spin ") + spin + " rounds, then sleep (GOMP_SPINCOUNT, " +
                           (std::getenv("GENSTUDIO_CHOSE_SPINCOUNT") ? "set by GenStudio)" : "from the environment)");
  } else {
    info.omp_wait_policy = "the OpenMP library's default";
  }
  info.intra_op_threads = at::get_num_threads();
  info.inter_op_threads = at::get_num_interop_threads();
  info.hardware_threads = static_cast<int>(std::thread::hardware_concurrency());
  const CpuFeatures f = detect_cpu_features();
  std::ostringstream feats;
  if (f.avx2) feats << "avx2 ";
  if (f.fma) feats << "fma ";
  if (f.avx512f) feats << "avx512f ";
  if (f.avx512bw) feats << "avx512bw ";
  if (f.avx512dq) feats << "avx512dq ";
  if (f.avx512vl) feats << "avx512vl ";
  if (f.avx512_bf16) feats << "avx512_bf16 ";
  if (f.amx_bf16) feats << "amx_bf16 ";
  info.cpu_features = trim(feats.str());
  return info;
}

std::string format_runtime_info(const RuntimeInfo& info) {
  std::ostringstream out;
  out << "LibTorch:         " << info.torch_version << "\n"
      << "BLAS library:     " << info.blas_library << "\n"
      << "BLAS kernel:      " << info.blas_kernel << "\n"
      << "BLAS selection:   " << info.blas_override << "\n"
      << "OpenMP waiting:   " << info.omp_wait_policy << "\n";
  if (!info.blas_config.empty()) out << "BLAS build:       " << info.blas_config << "\n";
  out << "Threads:          " << info.intra_op_threads << " intra-op, " << info.inter_op_threads
      << " inter-op, " << info.hardware_threads << " hardware\n"
      << "Allocator:        " << info.allocator << "\n"
      << "CPU features:     " << (info.cpu_features.empty() ? "baseline x86-64" : info.cpu_features)
      << "\n";
  return out.str();
}

void set_compute_threads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
}

}  // namespace gs
