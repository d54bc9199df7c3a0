#include "core/models/ddpm/noise_schedule.h"

#include <cmath>

#include "core/common/error.h"

namespace gs {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

NoiseSchedule::NoiseSchedule(const std::string& name, int64_t timesteps) : name_(name) {
  if (timesteps < 2 || timesteps > kMaxTimesteps) {
    throw Error("The number of diffusion timesteps must be between 2 and " + std::to_string(kMaxTimesteps) +
                "; got " + std::to_string(timesteps) + ".");
  }
  const int64_t T = timesteps;
  beta_.resize(T);
  if (name == "linear") {
    const double scale = 1000.0 / static_cast<double>(T);
    const double lo = 1e-4 * scale, hi = std::min(0.02 * scale, 0.999);
    for (int64_t i = 0; i < T; ++i) beta_[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(T - 1);
  } else if (name == "cosine") {
    const double s = 0.008;
    auto f = [&](double i) {
      const double c = std::cos((i / static_cast<double>(T) + s) / (1.0 + s) * kPi / 2.0);
      return c * c;
    };
    for (int64_t i = 0; i < T; ++i) beta_[i] = std::min(1.0 - f(i + 1.0) / f(static_cast<double>(i)), 0.999);
  } else {
    throw Error("Unknown noise schedule '" + name + "'; choose linear or cosine.");
  }
  alpha_bar_.resize(T);
  double prod = 1.0;
  for (int64_t i = 0; i < T; ++i) {
    prod *= 1.0 - beta_[i];
    alpha_bar_[i] = prod;
  }
  alpha_bar_t_ = torch::tensor(alpha_bar_, torch::kFloat64).to(torch::kFloat32);
  sqrt_ab_t_ = torch::tensor(alpha_bar_, torch::kFloat64).sqrt().to(torch::kFloat32);
  sqrt_1mab_t_ = (1.0 - torch::tensor(alpha_bar_, torch::kFloat64)).sqrt().to(torch::kFloat32);
}

void NoiseSchedule::check_t(int64_t t, bool allow_minus_one) const {
  if (t < (allow_minus_one ? -1 : 0) || t >= timesteps()) {
    throw Error("The timestep " + std::to_string(t) + " is outside 0 … " + std::to_string(timesteps() - 1) + ".");
  }
}

double NoiseSchedule::beta(int64_t t) const {
  check_t(t, false);
  return beta_[t];
}

double NoiseSchedule::alpha_bar(int64_t t) const {
  check_t(t, true);
  return t < 0 ? 1.0 : alpha_bar_[t];
}

double NoiseSchedule::posterior_variance(int64_t t) const {
  check_t(t, false);
  return beta_[t] * (1.0 - alpha_bar(t - 1)) / (1.0 - alpha_bar_[t]);
}

namespace {
torch::Tensor gather(const torch::Tensor& table, const torch::Tensor& t, int64_t dims) {
  std::vector<int64_t> shape{t.size(0)};
  for (int64_t i = 0; i < dims; ++i) shape.push_back(1);
  return table.index_select(0, t).view(shape);
}
}  // namespace

torch::Tensor NoiseSchedule::sqrt_alpha_bar_at(const torch::Tensor& t, int64_t dims) const {
  return gather(sqrt_ab_t_, t, dims);
}
torch::Tensor NoiseSchedule::sqrt_one_minus_alpha_bar_at(const torch::Tensor& t, int64_t dims) const {
  return gather(sqrt_1mab_t_, t, dims);
}

}  // namespace gs
