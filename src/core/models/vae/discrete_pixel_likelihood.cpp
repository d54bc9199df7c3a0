#include "core/models/vae/discrete_pixel_likelihood.h"

#include <cmath>

namespace gs {
namespace {

// log((e^t − 1) / t), stable for every t (≈ t/2 near 0).
torch::Tensor log_expm1_over_t(const torch::Tensor& t) {
  const torch::Tensor a = t.abs().clamp_min(1e-12);
  const torch::Tensor big = torch::relu(t) + torch::log(-torch::expm1(-a)) - torch::log(a);
  return torch::where(a < 1e-6, t * 0.5, big);
}

}  // namespace

torch::Tensor continuous_bernoulli_bin_nll(const torch::Tensor& logits, const torch::Tensor& v) {
  constexpr double w = 1.0 / 256.0;
  const torch::Tensor l = logits.to(torch::kFloat64);
  const torch::Tensor a = v.to(torch::kFloat64) * w;
  return -(a * l + std::log(w) + log_expm1_over_t(l * w) - log_expm1_over_t(l));
}

torch::Tensor gaussian_bin_nll(const torch::Tensor& mean, double sigma, const torch::Tensor& v) {
  const torch::Tensor m = mean.to(torch::kFloat64);
  const torch::Tensor vd = v.to(torch::kFloat64);
  const double k = 1.0 / (sigma * std::sqrt(2.0));
  const torch::Tensor lo = torch::where(v == 0, torch::full_like(vd, -1e30), (vd / 256.0 - m) * k);
  const torch::Tensor hi = torch::where(v == 255, torch::full_like(vd, 1e30), ((vd + 1) / 256.0 - m) * k);
  // Mass from whichever tail is smaller, so bins far from μ keep their precision.
  const torch::Tensor upper = 0.5 * (torch::erfc(lo) - torch::erfc(hi));
  const torch::Tensor lower = 0.5 * (torch::erfc(-hi) - torch::erfc(-lo));
  const torch::Tensor mass = torch::where(lo > 0, upper, lower);
  return -torch::log(mass.clamp_min(1e-300));
}

}  // namespace gs
