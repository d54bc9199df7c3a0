// batch_sampler.h — reproducible shuffled mini-batches: epoch e uses a
// permutation drawn from (seed, e), so a run resumed at step s sees the same
// batches as one that never stopped.
//
// Ownership: borrows the image tensor (shared storage). Thread affinity: the
// training thread. Failure modes: throws gs::Error for an empty dataset.
#pragma once

#include <torch/torch.h>

namespace gs {

class BatchSampler {
 public:
  BatchSampler(torch::Tensor images, int64_t batch_size, uint64_t seed);

  // The batch for a global step number.
  torch::Tensor batch(int64_t step);
  int64_t batch_size() const { return batch_size_; }

 private:
  torch::Tensor images_;
  int64_t batch_size_;
  uint64_t seed_;
  int64_t epoch_ = -1;
  torch::Tensor permutation_;
};

}  // namespace gs
