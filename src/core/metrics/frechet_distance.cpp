#include "core/metrics/frechet_distance.h"

#include "core/common/error.h"

namespace gs {

GaussianFit fit_gaussian(const torch::Tensor& features) {
  if (!features.defined() || features.dim() != 2 || features.size(0) < 2) {
    throw Error("A Gaussian fit needs at least two feature vectors.");
  }
  torch::Tensor x = features.to(torch::kFloat64);
  GaussianFit g;
  g.mean = x.mean(0);
  torch::Tensor c = x - g.mean;
  g.cov = c.t().matmul(c) / static_cast<double>(x.size(0) - 1);
  return g;
}

namespace {

// Symmetric PSD square root through eigh, negative round-off clamped.
torch::Tensor sqrt_psd(const torch::Tensor& m) {
  auto [vals, vecs] = torch::linalg::eigh(0.5 * (m + m.t()), "L");
  return vecs.matmul(torch::diag(vals.clamp_min(0).sqrt())).matmul(vecs.t());
}

}  // namespace

double frechet_distance(const GaussianFit& a, const GaussianFit& b) {
  if (a.mean.numel() != b.mean.numel()) throw Error("The two feature sets have different widths.");
  torch::NoGradGuard guard;
  const torch::Tensor s1 = sqrt_psd(a.cov);
  const torch::Tensor m = s1.matmul(b.cov).matmul(s1);
  const torch::Tensor eig = torch::linalg::eigvalsh(0.5 * (m + m.t()), "L");
  const double cross = eig.clamp_min(0).sqrt().sum().item<double>();
  const double mean_term = (a.mean - b.mean).pow(2).sum().item<double>();
  const double d = mean_term + a.cov.trace().item<double>() + b.cov.trace().item<double>() - 2 * cross;
  return d < 0 ? 0.0 : d;  // round-off below zero for identical sets
}

double frechet_distance(const torch::Tensor& features_a, const torch::Tensor& features_b) {
  if (features_a.dim() != 2 || features_b.dim() != 2 || features_a.size(1) != features_b.size(1)) {
    throw Error("The two feature sets have different widths.");
  }
  return frechet_distance(fit_gaussian(features_a), fit_gaussian(features_b));
}

}  // namespace gs
