// latent_ops.h — operations on latent vectors: linear and spherical
// interpolation, and principal directions of a set of vectors.
//
// Ownership: free functions on tensors. Thread affinity: none. Failure modes:
// gs::Error for mismatched shapes or too few samples.
#pragma once

#include <torch/torch.h>

namespace gs {

// (1 − t)·a + t·b for each t in ts; returns [T, D].
torch::Tensor lerp_path(const torch::Tensor& a, const torch::Tensor& b, const std::vector<double>& ts);

// Spherical interpolation along the great circle between a and b (with the
// magnitudes interpolated linearly); falls back to lerp when they are parallel.
torch::Tensor slerp_path(const torch::Tensor& a, const torch::Tensor& b, const std::vector<double>& ts);

// n evenly spaced values from 0 to 1 inclusive.
std::vector<double> interpolation_steps(int n);

struct PrincipalDirections {
  torch::Tensor mean;        // [D]
  torch::Tensor directions;  // [k, D], unit rows, by decreasing variance
  torch::Tensor stddev;      // [k] standard deviation along each direction
  torch::Tensor explained;   // [k] share of the total variance, 0–1
};

// PCA of the rows of samples [N, D] (N ≥ 2), keeping k components.
PrincipalDirections principal_directions(const torch::Tensor& samples, int64_t k);

}  // namespace gs
