#include "core/train/batch_sampler.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/common/error.h"

namespace gs {

BatchSampler::BatchSampler(torch::Tensor images, int64_t batch_size, uint64_t seed)
    : images_(std::move(images)), batch_size_(batch_size), seed_(seed) {
  if (!images_.defined() || images_.size(0) == 0) throw Error("The dataset has no training images.");
  batch_size_ = std::min<int64_t>(batch_size_, images_.size(0));
}

torch::Tensor BatchSampler::batch(int64_t step) {
  const int64_t per_epoch = images_.size(0) / batch_size_;
  const int64_t epoch = step / per_epoch;
  if (epoch != epoch_) {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed_ * 1000003ULL + static_cast<uint64_t>(epoch));
    permutation_ = torch::randperm(images_.size(0), gen, torch::kLong);
    epoch_ = epoch;
  }
  const int64_t start = (step % per_epoch) * batch_size_;
  return images_.index_select(0, permutation_.narrow(0, start, batch_size_));
}

}  // namespace gs
