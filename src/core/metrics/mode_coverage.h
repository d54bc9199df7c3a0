// mode_coverage.h — the mode-collapse metrics of the GAN literature (Unrolled
// GAN, VEEGAN) and a grid estimate of the divergence between two 2-D densities.
//
// A sample is high quality when it lies within `k_std` standard deviations of
// its nearest mode; a mode is covered when at least one high-quality sample has
// it as nearest mode.
//
// Ownership: free functions on tensors. Thread affinity: none. Failure modes:
// throws gs::Error for tensors of the wrong shape or no modes.
#pragma once

#include <torch/torch.h>

#include <vector>

namespace gs {

struct ModeCoverage {
  int modes_covered = 0;
  int modes_total = 0;
  double hq_percent = 0;  // share of samples that are high quality, 0–100
};

ModeCoverage mode_coverage(const torch::Tensor& samples, const std::vector<std::vector<float>>& modes,
                           double mode_std, double k_std = 3.0);

struct Divergence {
  double kl = 0;  // KL(true ‖ generated), nats
  double js = 0;  // Jensen–Shannon, nats (≤ ln 2)
};

// Histograms both sample sets on a bins × bins grid over [lo, hi]² (or bins over
// [lo, hi] for 1-D) with a small pseudo-count, then compares them.
Divergence histogram_divergence(const torch::Tensor& real, const torch::Tensor& fake, double lo,
                                double hi, int bins = 50);

}  // namespace gs
