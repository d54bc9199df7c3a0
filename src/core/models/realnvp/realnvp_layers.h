// realnvp_layers.h — the invertible pieces RealNVP flows are built from
// (Dinh et al. 2017, "Density estimation using Real NVP"; ActNorm from Glow):
//
//   ActNorm        y = (x + b) · exp(s) per channel, initialised from the first
//                  training batch so its output has zero mean and unit variance.
//   PointCoupling  affine coupling on [N, D] points with a binary mask: the
//                  masked coordinates pass unchanged and feed an MLP giving the
//                  log-scale s and shift t of the others, y = x · exp(s) + t.
//   ConvCoupling   the same on images [N, C, H, W] with a checkerboard mask
//                  (spatial parity) or a channel mask (one half of the channels
//                  conditions the other), with a small ResNet conditioner.
//   squeeze / unsqueeze  [N, C, H, W] ⇄ [N, 4C, H/2, W/2] (2×2 blocks to channels).
//
// Log-scales are soft-clamped, s = bound · tanh(raw / bound), so one layer never
// scales by more than exp(±bound); the conditioners' last layers start at zero,
// so every coupling starts as the identity. Every forward returns the output
// and adds log|det ∂y/∂x| per item to `logdet` ([N]); inverse undoes forward
// exactly (up to float rounding).
//
// Ownership: TORCH_MODULE holders (shared_ptr semantics). Thread affinity: one
// thread at a time. Failure modes: shape mismatches surface as c10::Error from
// LibTorch; the flows (point_flow.h, image_flow.h) check shapes first.
#pragma once

#include <torch/torch.h>

namespace gs {

class ActNormImpl : public torch::nn::Module {
 public:
  explicit ActNormImpl(int64_t channels);
  // x: [N, C] or [N, C, H, W]. Initialises itself from x the first time it runs in training mode.
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor& logdet);
  torch::Tensor inverse(const torch::Tensor& y);
  bool initialised() const { return initialised_.item<bool>(); }

 private:
  torch::Tensor shape_like(const torch::Tensor& p, const torch::Tensor& x) const;
  torch::Tensor bias_, log_scale_, initialised_;
};
TORCH_MODULE(ActNorm);

class PointCouplingImpl : public torch::nn::Module {
 public:
  // mask: [D] of 0/1 (1 = passes unchanged and conditions the rest).
  PointCouplingImpl(const torch::Tensor& mask, int64_t hidden, int64_t layers, double bound);
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor& logdet);
  torch::Tensor inverse(const torch::Tensor& y);

 private:
  void scale_shift(const torch::Tensor& x, torch::Tensor& s, torch::Tensor& t);
  torch::Tensor mask_, inverse_mask_;
  torch::nn::Sequential net_{nullptr};
  double bound_;
};
TORCH_MODULE(PointCoupling);

// The conditioner of ConvCoupling: conv 3×3 in → width, `blocks` residual
// blocks (ReLU, conv 3×3), ReLU, conv 3×3 → 2·out (zero-initialised).
class CouplingResNetImpl : public torch::nn::Module {
 public:
  CouplingResNetImpl(int64_t in, int64_t out, int64_t width, int64_t blocks);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d in_{nullptr}, out_{nullptr};
  torch::nn::ModuleList blocks_;
};
TORCH_MODULE(CouplingResNet);

class ConvCouplingImpl : public torch::nn::Module {
 public:
  enum class Mask { Checkerboard, Channel };
  // parity: which checkerboard squares (0/1) or which channel half passes unchanged.
  ConvCouplingImpl(Mask mask, int parity, int64_t channels, int64_t height, int64_t width,
                   int64_t net_width, int64_t blocks, double bound);
  torch::Tensor forward(const torch::Tensor& x, torch::Tensor& logdet);
  torch::Tensor inverse(const torch::Tensor& y);
  Mask mask_kind() const { return kind_; }

 private:
  void scale_shift(const torch::Tensor& x, torch::Tensor& s, torch::Tensor& t);
  Mask kind_;
  int parity_;
  int64_t channels_, half_;
  torch::Tensor mask_, inverse_mask_;  // checkerboard: [1, 1, H, W]
  CouplingResNet net_{nullptr};
  double bound_;
};
TORCH_MODULE(ConvCoupling);

torch::Tensor squeeze2x2(const torch::Tensor& x);    // [N, C, H, W] → [N, 4C, H/2, W/2]
torch::Tensor unsqueeze2x2(const torch::Tensor& x);  // the inverse

// Standard normal log-density of each row of z [N, …] summed over the rest, [N].
torch::Tensor standard_normal_log_prob(const torch::Tensor& z);

}  // namespace gs
