// image_pool.h — CycleGAN's history of generated images: the discriminators see
// a mix of the newest fakes and older ones, which damps oscillation.
//
// Ownership: owns up to `capacity` image tensors. Thread affinity: the training
// thread. Failure modes: none.
#pragma once

#include <torch/torch.h>

#include <vector>

namespace gs {

class ImagePool {
 public:
  explicit ImagePool(int64_t capacity) : capacity_(capacity) {}
  // For each image: while the pool fills, store and return it; afterwards, with
  // probability ½ return a stored image and store the new one in its place.
  torch::Tensor query(const torch::Tensor& images);

 private:
  int64_t capacity_;
  std::vector<torch::Tensor> images_;
};

}  // namespace gs
