#include "core/metrics/mode_coverage.h"

#include "core/common/error.h"

namespace gs {

ModeCoverage mode_coverage(const torch::Tensor& samples, const std::vector<std::vector<float>>& modes,
                           double mode_std, double k_std) {
  if (modes.empty()) throw Error("Mode coverage needs a distribution with known modes.");
  const int64_t d = static_cast<int64_t>(modes[0].size());
  if (samples.dim() != 2 || samples.size(1) != d) throw Error("Samples and modes differ in dimension.");
  ModeCoverage r;
  r.modes_total = static_cast<int>(modes.size());
  if (samples.size(0) == 0) return r;
  torch::Tensor centres = torch::empty({r.modes_total, d});
  for (int i = 0; i < r.modes_total; ++i) {
    for (int64_t j = 0; j < d; ++j) centres[i][j] = modes[i][j];
  }
  torch::Tensor x = samples.to(torch::kFloat32);
  torch::Tensor dist = torch::cdist(x, centres);  // [N, K]
  auto [nearest_dist, nearest] = dist.min(1);
  torch::Tensor hq = nearest_dist <= k_std * mode_std;
  r.hq_percent = 100.0 * hq.to(torch::kFloat64).mean().item<double>();
  torch::Tensor covered = torch::zeros({r.modes_total}, torch::kBool);
  torch::Tensor hit = nearest.masked_select(hq);
  if (hit.numel() > 0) covered.index_fill_(0, hit, true);
  r.modes_covered = static_cast<int>(covered.sum().item<int64_t>());
  return r;
}

Divergence histogram_divergence(const torch::Tensor& real, const torch::Tensor& fake, double lo,
                                double hi, int bins) {
  if (real.dim() != 2 || fake.dim() != 2 || real.size(1) != fake.size(1) || real.size(1) > 2) {
    throw Error("Divergence estimates take 1-D or 2-D samples of the same dimension.");
  }
  const int64_t d = real.size(1);
  auto histogram = [&](const torch::Tensor& x) {
    torch::Tensor idx = ((x.to(torch::kFloat64) - lo) / (hi - lo) * bins).floor().clamp(0, bins - 1).to(torch::kLong);
    torch::Tensor flat = d == 1 ? idx.select(1, 0) : idx.select(1, 0) * bins + idx.select(1, 1);
    const int64_t cells = d == 1 ? bins : static_cast<int64_t>(bins) * bins;
    torch::Tensor h = torch::bincount(flat, {}, cells).to(torch::kFloat64) + 0.5;  // pseudo-count
    return h / h.sum();
  };
  torch::Tensor p = histogram(real), q = histogram(fake);
  torch::Tensor m = 0.5 * (p + q);
  Divergence r;
  r.kl = (p * (p / q).log()).sum().item<double>();
  r.js = 0.5 * (p * (p / m).log()).sum().item<double>() + 0.5 * (q * (q / m).log()).sum().item<double>();
  return r;
}

}  // namespace gs
