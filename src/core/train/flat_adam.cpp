#include "core/train/flat_adam.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

#include "core/common/error.h"
#include "core/train/gradient_sync.h"

namespace gs {

FlatAdam::FlatAdam(const std::vector<torch::Tensor>& parameters, AdamOptions options)
    : options_(options) {
  int64_t total = 0;
  for (const auto& p : parameters) total += p.numel();
  flat_ = torch::empty({total});
  flat_grad_ = torch::zeros({total});
  m_ = torch::zeros({total});
  v_ = torch::zeros({total});
  denom_ = torch::empty({total});
  torch::NoGradGuard no_grad;
  int64_t offset = 0;
  for (auto p : parameters) {
    const int64_t n = p.numel();
    auto slot = flat_.narrow(0, offset, n);
    slot.copy_(p.detach().reshape({-1}));
    p.set_data(slot.view(p.sizes()));
    // Autograd accumulates in place into an existing gradient, so the views stay views.
    p.mutable_grad() = flat_grad_.narrow(0, offset, n).view(p.sizes());
    params_.push_back(p);
    offset += n;
  }
}

// A backward pass with create_graph replaces gradients out of place; fold any
// such gradient back into the flat buffer so the update sees it.
void FlatAdam::reattach_gradients() {
  int64_t offset = 0;
  const auto* base = static_cast<const char*>(flat_grad_.data_ptr());
  const auto item = static_cast<int64_t>(flat_grad_.element_size());
  for (auto& p : params_) {
    const int64_t n = p.numel();
    const torch::Tensor& g = p.grad();
    // Compared by address first: narrowing a view for every parameter each step would allocate.
    if (!g.defined() || g.data_ptr() != base + offset * item) {
      torch::Tensor slot = flat_grad_.narrow(0, offset, n);
      if (g.defined()) slot.copy_(g.reshape({-1}));
      else slot.zero_();
      p.mutable_grad() = slot.view(p.sizes());
    }
    offset += n;
  }
}

void FlatAdam::zero_grad() {
  reattach_gradients();
  float* g = flat_grad_.data_ptr<float>();
  std::fill(g, g + flat_grad_.numel(), 0.0f);
  synchronized_ = false;
}

void FlatAdam::synchronize_gradients() {
  GradientSync* sync = current_gradient_sync();
  if (!sync || synchronized_) return;
  torch::NoGradGuard no_grad;
  reattach_gradients();
  sync->average(flat_grad_);
  synchronized_ = true;
}

// Shared by step() and step_loop(): gradients averaged and attached, the step counted.
void FlatAdam::begin_step() {
  synchronize_gradients();
  reattach_gradients();
  synchronized_ = false;
  ++step_;
  if (options_.weight_decay != 0 && options_.decoupled_weight_decay) {
    flat_.mul_(1.0 - options_.lr * options_.weight_decay);
  }
}

void FlatAdam::step() {
  torch::NoGradGuard no_grad;
  begin_step();
  const double b1 = options_.beta1, b2 = options_.beta2;
  const double bc1 = 1.0 - std::pow(b1, static_cast<double>(step_));
  const double bc2 = 1.0 - std::pow(b2, static_cast<double>(step_));
  torch::Tensor g = flat_grad_;
  if (options_.weight_decay != 0 && !options_.decoupled_weight_decay) {
    g = flat_grad_.add(flat_, options_.weight_decay);
  }
  m_.mul_(b1).add_(g, 1.0 - b1);
  v_.mul_(b2).addcmul_(g, g, 1.0 - b2);
  torch::sqrt_out(denom_, v_);
  denom_.div_(std::sqrt(bc2)).add_(options_.eps);
  flat_.addcdiv_(m_, denom_, -options_.lr / bc1);
}

void FlatAdam::step_loop() {
  torch::NoGradGuard no_grad;
  begin_step();
  const double b1 = options_.beta1, b2 = options_.beta2;
  const double bc1 = 1.0 - std::pow(b1, static_cast<double>(step_));
  const double bc2 = 1.0 - std::pow(b2, static_cast<double>(step_));
  const float fb1 = static_cast<float>(b1), fb2 = static_cast<float>(b2);
  const float a1 = static_cast<float>(1.0 - b1), a2 = static_cast<float>(1.0 - b2);
  const float sqrt_bc2 = static_cast<float>(std::sqrt(bc2)), eps = static_cast<float>(options_.eps);
  const float step_size = static_cast<float>(-options_.lr / bc1);
  const float wd = static_cast<float>(options_.weight_decay);
  const bool l2 = options_.weight_decay != 0 && !options_.decoupled_weight_decay;
  float* p = flat_.data_ptr<float>();
  const float* grad = flat_grad_.data_ptr<float>();
  float* m = m_.data_ptr<float>();
  float* v = v_.data_ptr<float>();
  at::parallel_for(0, flat_.numel(), 1 << 15, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const float g = l2 ? grad[i] + wd * p[i] : grad[i];
      m[i] = m[i] * fb1 + a1 * g;
      v[i] = v[i] * fb2 + a2 * (g * g);
      p[i] += step_size * (m[i] / (std::sqrt(v[i]) / sqrt_bc2 + eps));
    }
  });
}

void FlatAdam::save(torch::serialize::OutputArchive& archive, const std::string& prefix) const {
  archive.write(prefix + ".params", flat_);
  archive.write(prefix + ".exp_avg", m_);
  archive.write(prefix + ".exp_avg_sq", v_);
  archive.write(prefix + ".step", torch::tensor({step_}, torch::kLong));
}

void FlatAdam::load(torch::serialize::InputArchive& archive, const std::string& prefix) {
  torch::Tensor params, m, v, step;
  try {
    archive.read(prefix + ".params", params);
    archive.read(prefix + ".exp_avg", m);
    archive.read(prefix + ".exp_avg_sq", v);
    archive.read(prefix + ".step", step);
  } catch (const c10::Error&) {
    throw Error("The checkpoint has no optimizer state '" + prefix + "'.");
  }
  if (params.sizes() != flat_.sizes() || m.sizes() != flat_.sizes() || v.sizes() != flat_.sizes() ||
      step.numel() != 1) {
    throw Error("The checkpoint's '" + prefix + "' holds " + std::to_string(params.numel()) +
                " parameters but this model has " + std::to_string(flat_.numel()) + ".");
  }
  torch::NoGradGuard no_grad;
  flat_.copy_(params);
  m_.copy_(m);
  v_.copy_(v);
  step_ = step.item<int64_t>();
}

}  // namespace gs
