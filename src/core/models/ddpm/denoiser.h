// denoiser.h — what the diffusion model asks of its network: given x_t and
// the timesteps t, predict ε (or v), shaped like x_t. Two implementations:
// the image U-Net (ddpm_unet.h; optionally class-conditional) and the point MLP
// (point_denoiser.h). Also
// the sinusoidal timestep embedding both use.
//
// Ownership: held by DdpmModel through std::shared_ptr (a live network and its
// EMA copy). Thread affinity: one thread at a time. Failure modes: forward
// assumes shapes the model has checked.
#pragma once

#include <torch/torch.h>

namespace gs {

class Denoiser : public torch::nn::Module {
 public:
  // x [N, …] in model space, t [N] int64 → [N, …] like x.
  virtual torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t) = 0;
  // Class-conditional networks: labels y [N] int64 in 0 … K (K: the null class).
  // Unconditional networks ignore y.
  virtual torch::Tensor forward_labeled(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) {
    (void)y;
    return forward(x, t);
  }
};

// The transformer-style sinusoidal embedding of integer timesteps: [N] int64 →
// [N, dim] (sin of the first dim/2 frequencies, then cos). `freqs` holds the
// dim/2 frequencies exp(−ln(10000)·i/(dim/2)), from timestep_frequencies().
torch::Tensor timestep_embedding(const torch::Tensor& t, const torch::Tensor& freqs);
torch::Tensor timestep_frequencies(int64_t dim);

}  // namespace gs
