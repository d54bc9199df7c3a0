// noise_schedule.h — the β_t / ᾱ_t tables of a diffusion model's forward
// process: "linear" (Ho et al. 2020, β from 1e-4 to 0.02 at T = 1000, scaled
// by 1000/T for other T) or "cosine" (Nichol & Dhariwal 2021, s = 0.008, β
// clipped at 0.999). Timesteps are 0 … T−1; ᾱ_t = Π_{s ≤ t} (1 − β_s), and
// ᾱ_{−1} = 1 (the clean data) by convention.
//
// Ownership: a value type (tables in doubles, plus float tensors for batched
// gathers). Thread affinity: immutable after construction, any thread.
// Failure modes: the constructor throws gs::Error for an unknown schedule
// name or T outside 2 … 1000; the accessors throw for t outside −1 … T−1.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

class NoiseSchedule {
 public:
  static constexpr int64_t kMaxTimesteps = 1000;

  NoiseSchedule(const std::string& name, int64_t timesteps);

  const std::string& name() const { return name_; }
  int64_t timesteps() const { return static_cast<int64_t>(beta_.size()); }

  double beta(int64_t t) const;
  // ᾱ_t; t = −1 gives 1.
  double alpha_bar(int64_t t) const;
  // Variance of the DDPM posterior q(x_{t−1} | x_t, x_0): β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t).
  double posterior_variance(int64_t t) const;

  // [T] float32 tables.
  const torch::Tensor& alpha_bar_tensor() const { return alpha_bar_t_; }
  // √ᾱ_t and √(1 − ᾱ_t) gathered for a batch of timesteps t [N] int64, shaped
  // [N, 1, …] with `dims` trailing ones so they broadcast against x.
  torch::Tensor sqrt_alpha_bar_at(const torch::Tensor& t, int64_t dims) const;
  torch::Tensor sqrt_one_minus_alpha_bar_at(const torch::Tensor& t, int64_t dims) const;

 private:
  void check_t(int64_t t, bool allow_minus_one) const;

  std::string name_;
  std::vector<double> beta_, alpha_bar_;
  torch::Tensor alpha_bar_t_, sqrt_ab_t_, sqrt_1mab_t_;
};

}  // namespace gs
