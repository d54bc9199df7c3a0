#include "core/common/sgemm_probe.h"

#include <torch/torch.h>

#include <chrono>

#include "core/common/error.h"
#include "core/common/runtime_info.h"

namespace gs {

SgemmRate measure_sgemm(int size, int threads, double seconds) {
  if (size < 16 || size > 8192) throw Error("The matrix size must be between 16 and 8192.");
  if (seconds <= 0) throw Error("The measuring time must be positive.");
  set_compute_threads(threads);
  torch::manual_seed(0);
  torch::Tensor a = torch::randn({size, size}), b = torch::randn({size, size});
  torch::Tensor c = torch::empty({size, size});
  torch::mm_out(c, a, b);  // warm-up: page in, spin up threads
  SgemmRate r;
  r.size = size;
  r.threads = at::get_num_threads();
  const double flop = 2.0 * size * static_cast<double>(size) * size;
  using Clock = std::chrono::steady_clock;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < end || r.repetitions < 3) {
    const auto t0 = Clock::now();
    torch::mm_out(c, a, b);
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    r.gflops = std::max(r.gflops, flop / dt / 1e9);
    ++r.repetitions;
  }
  return r;
}

}  // namespace gs
