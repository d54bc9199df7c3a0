#include "core/explore/latent_ops.h"

#include "core/common/error.h"

namespace gs {

std::vector<double> interpolation_steps(int n) {
  if (n < 2) throw Error("An interpolation needs at least two frames.");
  std::vector<double> ts(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) ts[i] = static_cast<double>(i) / (n - 1);
  return ts;
}

torch::Tensor lerp_path(const torch::Tensor& a, const torch::Tensor& b, const std::vector<double>& ts) {
  if (a.sizes() != b.sizes() || a.dim() != 1) throw Error("Interpolation endpoints must be vectors of one size.");
  std::vector<torch::Tensor> out;
  for (double t : ts) out.push_back((1 - t) * a + t * b);
  return torch::stack(out);
}

torch::Tensor slerp_path(const torch::Tensor& a, const torch::Tensor& b, const std::vector<double>& ts) {
  if (a.sizes() != b.sizes() || a.dim() != 1) throw Error("Interpolation endpoints must be vectors of one size.");
  const double na = a.norm().item<double>(), nb = b.norm().item<double>();
  if (na < 1e-12 || nb < 1e-12) return lerp_path(a, b, ts);
  torch::Tensor ua = a / na, ub = b / nb;
  const double cos_omega = std::clamp(torch::dot(ua, ub).item<double>(), -1.0, 1.0);
  const double omega = std::acos(cos_omega);
  const double so = std::sin(omega);
  if (so < 1e-6) return lerp_path(a, b, ts);
  std::vector<torch::Tensor> out;
  for (double t : ts) {
    const double wa = std::sin((1 - t) * omega) / so, wb = std::sin(t * omega) / so;
    out.push_back((wa * ua + wb * ub) * ((1 - t) * na + t * nb));
  }
  return torch::stack(out);
}

PrincipalDirections principal_directions(const torch::Tensor& samples, int64_t k) {
  if (samples.dim() != 2 || samples.size(0) < 2) throw Error("PCA needs at least two sample vectors.");
  torch::Tensor x = samples.to(torch::kFloat64);
  PrincipalDirections p;
  p.mean = x.mean(0);
  torch::Tensor centred = x - p.mean;
  auto [u, s, vh] = torch::linalg_svd(centred, /*full_matrices=*/false);
  k = std::min<int64_t>(k, vh.size(0));
  torch::Tensor var = s.pow(2) / static_cast<double>(x.size(0) - 1);
  p.directions = vh.narrow(0, 0, k).to(torch::kFloat32);
  p.stddev = var.narrow(0, 0, k).sqrt().to(torch::kFloat32);
  p.explained = (var.narrow(0, 0, k) / var.sum().clamp_min(1e-30)).to(torch::kFloat32);
  p.mean = p.mean.to(torch::kFloat32);
  return p;
}

}  // namespace gs
