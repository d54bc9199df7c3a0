#include "core/train/batch_sampler.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/common/error.h"

namespace gs {

BatchSampler::BatchSampler(torch::Tensor images, int64_t batch_size, uint64_t seed)
    : images_(std::move(images)), batch_size_(batch_size), seed_(seed) {
  if (!images_.defined() || images_.size(0) == 0) throw Error("The dataset has no training images.");
  batch_size_ = std::min<int64_t>(batch_size_, images_.size(0));
}

void BatchSampler::set_labels(torch::Tensor labels) {
  if (labels.defined() && (labels.dim() != 1 || labels.size(0) != images_.size(0))) {
    throw Error("The dataset has " + std::to_string(images_.size(0)) + " training images but " +
                std::to_string(labels.dim() == 1 ? labels.size(0) : labels.numel()) + " labels.");
  }
  labels_ = labels.defined() ? labels.to(torch::kLong) : labels;
  batch_labels_ = torch::Tensor();
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
  const torch::Tensor rows = permutation_.narrow(0, start, batch_size_);
  if (labels_.defined()) batch_labels_ = labels_.index_select(0, rows);
  return images_.index_select(0, rows);
}

}  // namespace gs
