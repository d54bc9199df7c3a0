// runtime_info.h — what the numeric runtime is: LibTorch version, the BLAS
// library actually loaded and its kernel, thread counts, CPU features.
//
// Ownership: value types and free functions. Thread affinity: any thread.
// Failure modes: none; unknown fields read "unknown".
#pragma once

#include <string>

namespace gs {

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512dq = false;
  bool avx512vl = false;
  bool avx512_bf16 = false;
  bool amx_bf16 = false;
};

CpuFeatures detect_cpu_features();

struct RuntimeInfo {
  std::string torch_version;
  std::string blas_library;    // path of the libblas.so.3 / libopenblas mapped in
  std::string blas_kernel;     // OpenBLAS core name, e.g. "SkylakeX", when known
  std::string blas_config;     // OpenBLAS build configuration string, when known
  std::string blas_override;   // how the kernel was chosen ("OPENBLAS_CORETYPE=SkylakeX (set by GenStudio)")
  std::string omp_wait_policy; // how idle OpenMP threads wait ("spin 10000 rounds, then sleep (…)")
  int intra_op_threads = 0;    // at::get_num_threads()
  int inter_op_threads = 0;
  int hardware_threads = 0;
  std::string cpu_features;    // e.g. "avx2 fma avx512f ... amx_bf16"
  std::string allocator;       // "jemalloc" or "glibc malloc"
};

RuntimeInfo runtime_info();

// Multi-line human-readable summary (used by `genstudio-cli info` and Help → About).
std::string format_runtime_info(const RuntimeInfo& info);

// Sets LibTorch's intra-op threads; threads <= 0 means all hardware threads.
void set_compute_threads(int threads);

}  // namespace gs
