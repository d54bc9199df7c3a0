// point_denoiser.h — the denoiser of "ddpm" on 2-D (or D-dimensional) point
// data: a residual MLP, h ← h + W_l silu(h + e_l(t)), where e_l(t) is layer l's
// slice of one projection of the sinusoidal timestep embedding (one op for all
// layers).
//
// Ownership: a torch module (held by DdpmModel). Thread affinity: one thread at
// a time. Failure modes: none beyond LibTorch's on wrong shapes (the model
// checks them first).
#pragma once

#include "core/models/ddpm/denoiser.h"

namespace gs {

class PointDenoiser : public Denoiser {
 public:
  PointDenoiser(int64_t dims, int64_t hidden, int64_t layers);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t) override;

 private:
  int64_t hidden_, layers_;
  torch::Tensor freqs_;
  torch::nn::Linear time1{nullptr}, time_proj{nullptr}, in{nullptr}, out{nullptr};
  torch::nn::ModuleList blocks;
};

}  // namespace gs
