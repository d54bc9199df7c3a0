// reverse_process.h — the two samplers of "ddpm", written against a noise
// schedule and a prediction function so they can be tested on their own:
//   DDPM ancestral (Ho et al. 2020): every t = T−1 … 0, x_{t−1} drawn from the
//     posterior N(μ̃(x_t, x̂₀), β̃_t I).
//   DDIM (Song et al. 2021): K evenly spaced timesteps, x_prev = √ᾱ_prev x̂₀ +
//     √(1 − ᾱ_prev − σ²) ε̂ + σ z with σ = η √((1−ᾱ_prev)/(1−ᾱ_t)) √(1 − ᾱ_t/ᾱ_prev);
//     η = 0 is deterministic, η = 1 with K = T is DDPM again.
// ε̂ used in the update is recomputed from x̂₀ (which the model may clamp), so
// both samplers see one consistent prediction.
//
// Ownership: free functions. Thread affinity: the caller's. Failure modes:
// gs::Error with a sentence for steps outside 1 … T, DDPM with steps ≠ T, η
// outside 0 … 1 (or not finite).
#pragma once

#include <functional>
#include <vector>

#include "core/model/diffusion_model.h"
#include "core/models/ddpm/noise_schedule.h"

namespace gs {

// The timesteps a sampler visits, in the order it visits them (descending).
// Validates how.steps and how.eta against T.
std::vector<int64_t> sampler_timesteps(const DiffusionSampling& how, int64_t T);

// Standard deviation of the noise a DDIM step from t to t_prev injects (t_prev
// = −1: the last step, to the data).
double ddim_sigma(const NoiseSchedule& schedule, int64_t t, int64_t t_prev, double eta);

using PredictAt = std::function<DiffusionModel::Prediction(const torch::Tensor& x, int64_t t)>;

// Runs the reverse process from x_T; see DiffusionModel::sample.
torch::Tensor run_reverse_process(const NoiseSchedule& schedule, const torch::Tensor& x_T, const DiffusionSampling& how,
                                  torch::Generator& gen, const PredictAt& predict,
                                  const DiffusionModel::StepCallback& on_step);

}  // namespace gs
