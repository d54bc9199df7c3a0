// cyclegan_losses.h — CycleGAN's loss terms, on images in [−1, 1].
//
//   adversarial (least squares): mean((D(x) − target)²)
//   cycle:    λ · mean|F(G(a)) − a|
//   identity: λ · λ_idt · mean|G(b) − b|
//
// Ownership: inline functions. Thread affinity: none. Failure modes: LibTorch's
// shape errors for mismatched tensors.
#pragma once

#include <torch/torch.h>

namespace gs {

inline torch::Tensor least_squares_loss(const torch::Tensor& scores, double target) {
  return (scores - target).pow(2).mean();
}

inline torch::Tensor cycle_loss(const torch::Tensor& reconstructed, const torch::Tensor& real, double lambda) {
  return lambda * (reconstructed - real).abs().mean();
}

inline torch::Tensor identity_loss(const torch::Tensor& mapped, const torch::Tensor& real, double lambda,
                                   double lambda_identity) {
  return lambda * lambda_identity * (mapped - real).abs().mean();
}

}  // namespace gs
