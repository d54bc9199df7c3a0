// likelihood_eval.h — test-set likelihood in the units of likelihood_model.h:
// the mean NLL of 8-bit images in nats per image and in bits per dimension,
// for any LikelihoodModel; the per-pixel independent baseline (a 256-way
// histogram per pixel, fitted on training images with a pseudo-count); and
// the probe the training session runs at its log interval.
//
// Ownership: values and small classes owning their tensors. Thread affinity:
// the caller's (the model's thread for anything that runs the model). Failure
// modes: gs::Error for images of the wrong shape, an empty set or a
// pseudo-count that is not positive.
#pragma once

#include <torch/torch.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/model/generative_model.h"

namespace gs {

// Images in [0, 1] → their 8-bit values v = round(255 x), int64, same shape.
torch::Tensor to_8bit(const torch::Tensor& images);

struct LikelihoodResult {
  int64_t images = 0;
  int64_t dims = 0;           // C·H·W
  double nats = 0;            // mean NLL per image, nats
  double bits_per_dim = 0;    // nats / (dims · ln 2)
  bool bound = false;         // an upper bound (ELBO, dequantisation), not the exact NLL
  double seconds = 0;
};

// Mean NLL of `images` under the model (which must have likelihood()), in
// batches, without gradients, in evaluation mode. The model's stochastic
// estimates draw from torch's default generator, which is seeded with `seed`
// for the evaluation and restored afterwards (training draws stay unchanged).
// Stops after the batch during which `max_seconds` (> 0) ran out. With
// `labels` ([N] int64) and a class-conditional model with a likelihood, the NLL
// is that of p(x | y) with those labels (ClassConditional::nll_nats_given).
LikelihoodResult evaluate_likelihood(GenerativeModel& model, const torch::Tensor& images, int64_t batch_size = 200,
                                     uint64_t seed = 20261, double max_seconds = 0, const torch::Tensor& labels = {});

// Per-item NLL in nats [N] with the same generator handling (for scoring).
torch::Tensor likelihood_nats(GenerativeModel& model, const torch::Tensor& images, int64_t batch_size = 200,
                              uint64_t seed = 20261);

// Every pixel its own categorical distribution over the 256 values, fitted on
// training images: p(v) = (count(v) + α) / (N + 256 α).
class PixelHistogramBaseline {
 public:
  PixelHistogramBaseline(const torch::Tensor& train_images, double pseudo_count);
  torch::Tensor nll_nats(const torch::Tensor& images) const;  // [N], nats per image
  int64_t dims() const { return log_p_.size(0); }

 private:
  torch::Tensor log_p_;  // [D, 256]
};

// The training session's test-set probe: a fixed subset of test images (the
// first `max_images`), evaluated at the log interval when the time since the
// last evaluation is at least (1 − share)/share times what it cost, so it takes
// at most about `share` of the wall time; the first call always evaluates
// (bounded by `first_seconds`, which then fixes the subset size). Given the
// test labels, a class-conditional model reports test bits/dim of p(x | y)
// with the true label (under the same metric names).
class TestLikelihoodProbe {
 public:
  TestLikelihoodProbe(torch::Tensor test_images, int64_t max_images = 1000, double share = 0.08,
                      double first_seconds = 3.0, torch::Tensor test_labels = {});
  // Appends test_bits_per_dim and test_nats when it evaluated.
  void maybe_run(GenerativeModel& model, std::vector<std::string>* names, std::vector<double>* values);

 private:
  torch::Tensor images_, labels_;
  double share_, first_seconds_;
  bool first_ = true;
  double cost_ = 0;
  std::chrono::steady_clock::time_point last_end_;
};

}  // namespace gs
