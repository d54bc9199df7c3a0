#include "core/models/rbm/rbm_ais.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/common/error.h"

namespace gs {

EnergyModel::AisResult ais_log_partition(const torch::Tensor& W, const torch::Tensor& b, const torch::Tensor& c,
                                         const torch::Tensor& data_mean, int runs, int temperatures,
                                         torch::Generator& gen, const EnergyModel::Progress& progress) {
  if (runs < 1) throw Error("AIS needs at least one run.");
  if (temperatures < 2) throw Error("AIS needs at least two temperatures (β = 0 and β = 1).");
  const int64_t d = W.size(0), h = W.size(1);
  if (W.dim() != 2 || b.numel() != d || c.numel() != h || data_mean.numel() != d) {
    throw Error("The RBM's weights, biases and the data mean do not fit together for AIS.");
  }
  torch::NoGradGuard no_grad;
  const torch::Tensor p = data_mean.reshape({d}).to(torch::kFloat32).clamp(1e-3, 1 - 1e-3);
  const torch::Tensor b_a = torch::log(p) - torch::log1p(-p);
  const torch::Tensor Wt = W.t().contiguous();

  EnergyModel::AisResult r;
  r.runs = runs;
  r.temperatures = temperatures;
  r.log_z_base = torch::softplus(b_a.to(torch::kFloat64)).sum().item<double>() + static_cast<double>(h) * std::log(2.0);

  torch::Tensor v = torch::bernoulli(torch::sigmoid(b_a).expand({runs, d}).contiguous(), gen);
  torch::Tensor log_w = torch::zeros({runs}, torch::kFloat64);
  torch::Tensor x = torch::empty({runs, h}), ph = torch::empty({runs, h}), hs = torch::empty({runs, h});
  torch::Tensor pv = torch::empty({runs, d});
  const int report_every = std::max(1, (temperatures - 1 + 99) / 100);
  auto last_report = std::chrono::steady_clock::now();
  double beta_prev = 0;
  for (int k = 1; k < temperatures; ++k) {
    const double beta = static_cast<double>(k) / (temperatures - 1);
    torch::addmm_out(x, c, v, W);  // c + vW, shared by the weight and the transition
    const torch::Tensor visible_terms = torch::mv(v, b - b_a) * (beta - beta_prev);
    const torch::Tensor hidden_terms = (torch::softplus(x * beta) - torch::softplus(x * beta_prev)).sum(1);
    log_w.add_((visible_terms + hidden_terms).to(torch::kFloat64));
    if (k + 1 < temperatures) {  // a Gibbs step that leaves p*_β invariant
      torch::mul_out(ph, x, beta);
      ph.sigmoid_();
      hs.bernoulli_(ph, gen);
      torch::addmm_out(pv, b, hs, Wt);  // b + hWᵀ
      pv.mul_(beta).add_(b_a, 1 - beta).sigmoid_();
      v.bernoulli_(pv, gen);
    }
    beta_prev = beta;
    // Every 1 % of the way, and at least every 50 ms so that cancelling is prompt.
    if (progress && (k % report_every == 0 || k + 1 == temperatures ||
                     std::chrono::steady_clock::now() - last_report > std::chrono::milliseconds(50))) {
      last_report = std::chrono::steady_clock::now();
      if (!progress(static_cast<double>(k) / (temperatures - 1))) {
        r.cancelled = true;
        return r;
      }
    }
  }
  const double max_w = log_w.max().item<double>();
  const torch::Tensor w = (log_w - max_w).exp();
  const double mean_w = w.mean().item<double>();
  r.log_z = r.log_z_base + max_w + std::log(mean_w);
  r.log_z_spread = runs > 1 ? w.std().item<double>() / (std::sqrt(static_cast<double>(runs)) * mean_w) : 0.0;
  return r;
}

}  // namespace gs
