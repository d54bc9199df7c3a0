// batch_sampler.h — reproducible shuffled mini-batches: epoch e uses a
// permutation drawn from (seed, e), so a run resumed at step s sees the same
// batches as one that never stopped. With labels (set_labels), each batch's
// labels are drawn by the same rows, so labels()[i] belongs to batch(step)[i].
//
// Ownership: borrows the image tensor (shared storage). Thread affinity: the
// training thread. Failure modes: throws gs::Error for an empty dataset or
// labels whose count differs from the images'.
#pragma once

#include <torch/torch.h>

namespace gs {

class BatchSampler {
 public:
  BatchSampler(torch::Tensor images, int64_t batch_size, uint64_t seed);

  // Labels [N] int64 of the images (shared storage); an undefined tensor
  // removes them. Class-conditional training uses them.
  void set_labels(torch::Tensor labels);
  bool has_labels() const { return labels_.defined(); }

  // The batch for a global step number.
  torch::Tensor batch(int64_t step);
  // The labels of the rows of the last batch() ([B] int64); undefined without labels.
  const torch::Tensor& labels() const { return batch_labels_; }
  int64_t batch_size() const { return batch_size_; }

 private:
  torch::Tensor images_;
  torch::Tensor labels_, batch_labels_;
  int64_t batch_size_;
  uint64_t seed_;
  int64_t epoch_ = -1;
  torch::Tensor permutation_;
};

}  // namespace gs
