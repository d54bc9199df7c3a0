// discrete_pixel_likelihood.h — the VAE decoder's per-pixel distributions made
// proper distributions over the 256 values of 8-bit data, bins [v/256, (v+1)/256):
//
//  - continuous Bernoulli with logit ℓ (density ∝ λ^x (1−λ)^(1−x) on [0, 1],
//    the normalised form of the Bernoulli cross-entropy on intensities): the
//    exact bin mass (e^{ℓ(v+1)/256} − e^{ℓv/256}) / (e^ℓ − 1), ln 256 per pixel at ℓ = 0;
//  - Gaussian N(μ, σ²): the bin mass, the outer bins reaching to ±∞.
//
// Both return −log(mass) in nats, float64, elementwise over logits/means and
// 8-bit values v (int64, same shape). Ownership: free functions. Thread
// affinity: none. Failure modes: none (float64 throughout, stable at ℓ → 0 and |ℓ| ≫ 1).
#pragma once

#include <torch/torch.h>

namespace gs {

torch::Tensor continuous_bernoulli_bin_nll(const torch::Tensor& logits, const torch::Tensor& v);
torch::Tensor gaussian_bin_nll(const torch::Tensor& mean, double sigma, const torch::Tensor& v);

}  // namespace gs
