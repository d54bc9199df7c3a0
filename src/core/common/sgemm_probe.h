// sgemm_probe.h — measures the single-precision matrix-multiply rate of the BLAS
// LibTorch is using, the ceiling that dense layers can reach on this machine.
//
// Ownership: free function. Thread affinity: any thread; sets the intra-op
// thread count for the calling process. Failure modes: throws gs::Error for a
// size outside 16…8192 or a non-positive duration.
#pragma once

namespace gs {

struct SgemmRate {
  int size = 0;
  int threads = 0;
  double gflops = 0;   // best of the timed repetitions
  int repetitions = 0;
};

SgemmRate measure_sgemm(int size, int threads, double seconds);

}  // namespace gs
