#include "core/models/realnvp/realnvp_layers.h"

#include <cmath>

namespace gs {
namespace {

torch::Tensor soft_clamp(const torch::Tensor& raw, double bound) { return torch::tanh(raw / bound) * bound; }

void zero_init(torch::nn::Linear& l) {
  torch::NoGradGuard ng;
  l->weight.zero_();
  l->bias.zero_();
}

}  // namespace

// ---- ActNorm ----

ActNormImpl::ActNormImpl(int64_t channels) {
  bias_ = register_parameter("bias", torch::zeros({channels}));
  log_scale_ = register_parameter("log_scale", torch::zeros({channels}));
  initialised_ = register_buffer("initialised", torch::zeros({1}, torch::kBool));
}

torch::Tensor ActNormImpl::shape_like(const torch::Tensor& p, const torch::Tensor& x) const {
  return x.dim() == 2 ? p.view({1, -1}) : p.view({1, -1, 1, 1});
}

torch::Tensor ActNormImpl::forward(const torch::Tensor& x, torch::Tensor& logdet) {
  if (is_training() && !initialised_.item<bool>()) {
    // Data-dependent initialisation: zero mean, unit variance per channel on this batch.
    torch::NoGradGuard ng;
    std::vector<int64_t> dims = {0};
    for (int64_t d = 2; d < x.dim(); ++d) dims.push_back(d);
    const torch::Tensor mean = x.mean(dims);
    const torch::Tensor std = x.std(dims, /*unbiased=*/false);
    bias_.copy_(-mean);
    log_scale_.copy_(-torch::log(std + 1e-6));
    initialised_.fill_(true);
  }
  const double per_item = x.dim() == 2 ? 1.0 : static_cast<double>(x.size(2) * x.size(3));
  logdet = logdet + log_scale_.sum() * per_item;
  return (x + shape_like(bias_, x)) * torch::exp(shape_like(log_scale_, x));
}

torch::Tensor ActNormImpl::inverse(const torch::Tensor& y) {
  return y * torch::exp(-shape_like(log_scale_, y)) - shape_like(bias_, y);
}

// ---- PointCoupling ----

PointCouplingImpl::PointCouplingImpl(const torch::Tensor& mask, int64_t hidden, int64_t layers, double bound)
    : bound_(bound) {
  const int64_t d = mask.numel();
  mask_ = register_buffer("mask", mask.to(torch::kFloat32).view({1, d}));
  inverse_mask_ = register_buffer("inverse_mask", 1 - mask_);
  net_ = torch::nn::Sequential();
  int64_t in = d;
  for (int64_t i = 0; i < layers; ++i) {
    net_->push_back(torch::nn::Linear(in, hidden));
    net_->push_back(torch::nn::SiLU());
    in = hidden;
  }
  torch::nn::Linear last(in, 2 * d);
  zero_init(last);
  net_->push_back(last);
  register_module("net", net_);
}

void PointCouplingImpl::scale_shift(const torch::Tensor& x, torch::Tensor& s, torch::Tensor& t) {
  const torch::Tensor h = net_->forward(x * mask_);
  const int64_t d = mask_.size(1);
  s = soft_clamp(h.narrow(1, 0, d), bound_) * inverse_mask_;
  t = h.narrow(1, d, d) * inverse_mask_;
}

torch::Tensor PointCouplingImpl::forward(const torch::Tensor& x, torch::Tensor& logdet) {
  torch::Tensor s, t;
  scale_shift(x, s, t);
  logdet = logdet + s.sum(1);
  return x * torch::exp(s) + t;
}

torch::Tensor PointCouplingImpl::inverse(const torch::Tensor& y) {
  torch::Tensor s, t;
  scale_shift(y, s, t);  // the masked coordinates of y are those of x
  return (y - t) * torch::exp(-s);
}

// ---- CouplingResNet ----

CouplingResNetImpl::CouplingResNetImpl(int64_t in, int64_t out, int64_t width, int64_t blocks) {
  auto conv = [](int64_t a, int64_t b) { return torch::nn::Conv2d(torch::nn::Conv2dOptions(a, b, 3).padding(1)); };
  in_ = register_module("in", conv(in, width));
  for (int64_t i = 0; i < blocks; ++i) blocks_->push_back(conv(width, width));
  register_module("blocks", blocks_);
  out_ = register_module("out", conv(width, 2 * out));
  torch::NoGradGuard ng;
  out_->weight.zero_();
  out_->bias.zero_();
}

torch::Tensor CouplingResNetImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = in_->forward(x);
  for (const auto& block : *blocks_) h = h + block->as<torch::nn::Conv2d>()->forward(torch::relu(h));
  return out_->forward(torch::relu(h));
}

// ---- ConvCoupling ----

ConvCouplingImpl::ConvCouplingImpl(Mask mask, int parity, int64_t channels, int64_t height, int64_t width,
                                   int64_t net_width, int64_t blocks, double bound)
    : kind_(mask), parity_(parity), channels_(channels), half_(channels / 2), bound_(bound) {
  if (kind_ == Mask::Checkerboard) {
    torch::Tensor r = torch::arange(height).view({-1, 1}), c = torch::arange(width).view({1, -1});
    torch::Tensor m = ((r + c + parity) % 2 == 0).to(torch::kFloat32).view({1, 1, height, width});
    mask_ = register_buffer("mask", m);
    inverse_mask_ = register_buffer("inverse_mask", 1 - m);
    net_ = register_module("net", CouplingResNet(channels + 1, channels, net_width, blocks));
  } else {
    const int64_t pass = parity == 0 ? half_ : channels - half_;
    net_ = register_module("net", CouplingResNet(pass, channels - pass, net_width, blocks));
  }
}

void ConvCouplingImpl::scale_shift(const torch::Tensor& x, torch::Tensor& s, torch::Tensor& t) {
  if (kind_ == Mask::Checkerboard) {
    const torch::Tensor m = mask_.expand({x.size(0), 1, x.size(2), x.size(3)});
    const torch::Tensor h = net_->forward(torch::cat({x * mask_, m}, 1));
    s = soft_clamp(h.narrow(1, 0, channels_), bound_) * inverse_mask_;
    t = h.narrow(1, channels_, channels_) * inverse_mask_;
  } else {
    const int64_t pass = parity_ == 0 ? half_ : channels_ - half_;
    const torch::Tensor a = x.narrow(1, parity_ == 0 ? 0 : half_, pass);
    const torch::Tensor h = net_->forward(a);
    const int64_t rest = channels_ - pass;
    s = soft_clamp(h.narrow(1, 0, rest), bound_);
    t = h.narrow(1, rest, rest);
  }
}

torch::Tensor ConvCouplingImpl::forward(const torch::Tensor& x, torch::Tensor& logdet) {
  torch::Tensor s, t;
  scale_shift(x, s, t);
  logdet = logdet + s.flatten(1).sum(1);
  if (kind_ == Mask::Checkerboard) return x * torch::exp(s) + t;
  const int64_t pass = parity_ == 0 ? half_ : channels_ - half_;
  const int64_t rest = channels_ - pass;
  if (parity_ == 0) return torch::cat({x.narrow(1, 0, pass), x.narrow(1, pass, rest) * torch::exp(s) + t}, 1);
  return torch::cat({x.narrow(1, 0, rest) * torch::exp(s) + t, x.narrow(1, rest, pass)}, 1);
}

torch::Tensor ConvCouplingImpl::inverse(const torch::Tensor& y) {
  torch::Tensor s, t;
  scale_shift(y, s, t);  // the passed-through part of y is that of x
  if (kind_ == Mask::Checkerboard) return (y - t) * torch::exp(-s);
  const int64_t pass = parity_ == 0 ? half_ : channels_ - half_;
  const int64_t rest = channels_ - pass;
  if (parity_ == 0) return torch::cat({y.narrow(1, 0, pass), (y.narrow(1, pass, rest) - t) * torch::exp(-s)}, 1);
  return torch::cat({(y.narrow(1, 0, rest) - t) * torch::exp(-s), y.narrow(1, rest, pass)}, 1);
}

// ---- squeeze ----

torch::Tensor squeeze2x2(const torch::Tensor& x) {
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  return x.reshape({n, c, h / 2, 2, w / 2, 2}).permute({0, 1, 3, 5, 2, 4}).reshape({n, 4 * c, h / 2, w / 2});
}

torch::Tensor unsqueeze2x2(const torch::Tensor& x) {
  const int64_t n = x.size(0), c = x.size(1) / 4, h = x.size(2), w = x.size(3);
  return x.reshape({n, c, 2, 2, h, w}).permute({0, 1, 4, 2, 5, 3}).reshape({n, c, 2 * h, 2 * w});
}

torch::Tensor standard_normal_log_prob(const torch::Tensor& z) {
  const torch::Tensor flat = z.flatten(1);
  return -0.5 * flat.pow(2).sum(1) - 0.5 * static_cast<double>(flat.size(1)) * std::log(2 * M_PI);
}

}  // namespace gs
