// frechet_distance.h — the Fréchet distance between Gaussian fits of two
// feature sets (FID when the features are a classifier's penultimate layer;
// here GenStudio's Fashion-MNIST classifier, not Inception):
//   ‖μ₁ − μ₂‖² + tr C₁ + tr C₂ − 2 tr (C₁^½ C₂ C₁^½)^½.
// In double precision; both square roots come from symmetric eigendecompositions
// with negative round-off eigenvalues clamped to 0, so nearly singular
// covariances (fewer samples than dimensions) stay finite.
//
// Ownership: free functions on tensors. Thread affinity: none. Failure modes:
// gs::Error for sets of different widths or fewer than two rows.
#pragma once

#include <torch/torch.h>

namespace gs {

struct GaussianFit {
  torch::Tensor mean;  // [D] double
  torch::Tensor cov;   // [D, D] double (unbiased)
};

GaussianFit fit_gaussian(const torch::Tensor& features);  // [N, D]
double frechet_distance(const GaussianFit& a, const GaussianFit& b);
double frechet_distance(const torch::Tensor& features_a, const torch::Tensor& features_b);

}  // namespace gs
