#include "core/models/ddpm/reverse_process.h"

#include <cmath>
#include <string>

#include "core/common/error.h"

namespace gs {

std::vector<int64_t> sampler_timesteps(const DiffusionSampling& how, int64_t T) {
  if (how.steps < 1 || how.steps > T) {
    throw Error("The number of sampling steps must be between 1 and " + std::to_string(T) +
                " (the model's timesteps); got " + std::to_string(how.steps) + ".");
  }
  if (!std::isfinite(how.eta) || how.eta < 0 || how.eta > 1) {
    throw Error("η must be between 0 (deterministic DDIM) and 1 (DDPM-like noise); got " + std::to_string(how.eta) + ".");
  }
  if (how.sampler == DiffusionSampling::Sampler::DDPM && how.steps != T) {
    throw Error("The DDPM sampler takes every one of the model's " + std::to_string(T) + " steps; got " +
                std::to_string(how.steps) + " (use DDIM for fewer steps).");
  }
  std::vector<int64_t> ts;
  const int64_t K = how.steps;
  if (K == 1) return {T - 1};
  for (int64_t i = K - 1; i >= 0; --i) {
    const int64_t t = static_cast<int64_t>(std::llround(static_cast<double>(i) * static_cast<double>(T - 1) /
                                                        static_cast<double>(K - 1)));
    if (ts.empty() || ts.back() != t) ts.push_back(t);
  }
  return ts;
}

double ddim_sigma(const NoiseSchedule& schedule, int64_t t, int64_t t_prev, double eta) {
  const double ab = schedule.alpha_bar(t), ab_prev = schedule.alpha_bar(t_prev);
  const double v = (1.0 - ab_prev) / (1.0 - ab) * (1.0 - ab / ab_prev);
  return eta * std::sqrt(std::max(v, 0.0));
}

torch::Tensor run_reverse_process(const NoiseSchedule& schedule, const torch::Tensor& x_T, const DiffusionSampling& how,
                                  torch::Generator& gen, const PredictAt& predict,
                                  const DiffusionModel::StepCallback& on_step) {
  const std::vector<int64_t> ts = sampler_timesteps(how, schedule.timesteps());
  const bool ddpm = how.sampler == DiffusionSampling::Sampler::DDPM;
  torch::NoGradGuard no_grad;
  torch::Tensor x = x_T.to(torch::kFloat32).clone();
  torch::Tensor z = torch::empty_like(x);
  for (size_t i = 0; i < ts.size(); ++i) {
    const int64_t t = ts[i];
    const int64_t t_prev = i + 1 < ts.size() ? ts[i + 1] : -1;
    DiffusionModel::Prediction p = predict(x, t);
    const double ab = schedule.alpha_bar(t), ab_prev = schedule.alpha_bar(t_prev);
    double sigma = 0;
    if (ddpm) {
      // Posterior mean μ̃ = c0 x̂₀ + c1 x_t, variance β̃_t.
      const double beta = schedule.beta(t);
      const double c0 = std::sqrt(ab_prev) * beta / (1.0 - ab);
      const double c1 = std::sqrt(1.0 - beta) * (1.0 - ab_prev) / (1.0 - ab);
      sigma = std::sqrt(schedule.posterior_variance(t));
      x = p.x0_hat * c0 + x * c1;
    } else {
      sigma = ddim_sigma(schedule, t, t_prev, how.eta);
      torch::Tensor eps = (x - p.x0_hat * std::sqrt(ab)) / std::sqrt(1.0 - ab);
      const double dir = std::sqrt(std::max(1.0 - ab_prev - sigma * sigma, 0.0));
      x = p.x0_hat * std::sqrt(ab_prev) + eps * dir;
    }
    if (sigma > 0) {
      z.normal_(0.0, 1.0, gen);
      x.add_(z, sigma);
    }
    if (on_step && !on_step(static_cast<int>(i), t, x, p)) break;
  }
  return x;
}

}  // namespace gs
