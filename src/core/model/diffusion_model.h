// diffusion_model.h — the side interface of denoising diffusion models (DDPM,
// DDIM): the closed-form forward process q(x_t | x_0), the network's
// prediction at a timestep, and iterative samplers chosen at sampling time.
// The diffusion explorer (timestep scrubber, sampler comparison), the
// playground's denoising field and `genstudio-cli sample --sampler` read it.
//
// Conventions. Timesteps t are 0 … T−1 (T = timesteps()); x_0 is data scaled
// to [−1, 1] for images (x = 2·image − 1; images in and out of this interface
// are in that scale, use to_model_space / to_image_space) and raw coordinates
// for point data. ᾱ_t = Π_{s ≤ t} (1 − β_s) of the schedule the model was
// trained with; q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I).
//
// Reached through GenerativeModel::diffusion(), which returns nullptr for
// other models; a model returns non-null exactly when its capabilities()
// include kIterative (tests/test_model_registry.cpp checks every entry).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's; call without
// gradients and with set_training(false). Failure modes: gs::Error with a
// sentence for a timestep outside 0 … T−1, a step count outside 1 … T, η < 0,
// a class label the model was not trained with, tensors of the wrong shape.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <string>

namespace gs {

struct DiffusionSampling {
  enum class Sampler { DDPM, DDIM };
  Sampler sampler = Sampler::DDIM;
  int steps = 50;           // DDPM: must equal T (ancestral, every step); DDIM: 1 … T, evenly spaced
  double eta = 0.0;         // DDIM only: 0 deterministic, 1 the DDPM posterior variance at each kept step
  bool use_ema = true;      // sample with the EMA of the weights (when the model keeps one)
  int class_label = -1;     // class-conditional models: the class to draw (−1: unconditional)
  double guidance = 0.0;    // classifier-free guidance weight w: ε = (1 + w) ε(x, c) − w ε(x, ∅)
};

class DiffusionModel {
 public:
  virtual ~DiffusionModel() = default;

  // Number of training timesteps T.
  virtual int64_t timesteps() const = 0;
  // "linear" or "cosine": the schedule the model was trained with.
  virtual std::string schedule_name() const = 0;
  // ᾱ_t for t = 0 … T−1, [T] float32 (decreasing from ≈ 1 towards 0).
  virtual torch::Tensor alpha_bar() const = 0;

  // Closed form of the forward process: √ᾱ_t x0 + √(1 − ᾱ_t) noise, with t [N]
  // int64 and noise shaped like x0 (model space).
  virtual torch::Tensor q_sample(const torch::Tensor& x0, const torch::Tensor& t, const torch::Tensor& noise) const = 0;

  struct Prediction {
    torch::Tensor eps;      // predicted noise, shaped like x_t
    torch::Tensor x0_hat;   // predicted clean data, (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t (images clamped to [−1, 1])
  };
  // The network at timestep t ([N] int64) on x_t (model space).
  virtual Prediction predict(const torch::Tensor& x_t, const torch::Tensor& t, const DiffusionSampling& how) = 0;

  // Called after each reverse step with its index (0 … steps−1), the timestep
  // it arrived from, the new x (model space) and the prediction made on the
  // way; return false to stop (sample() then returns the current x).
  using StepCallback =
      std::function<bool(int index, int64_t t, const torch::Tensor& x, const Prediction& prediction)>;
  // Runs the reverse process from x_T (e.g. torch::randn of the data's shape,
  // drawn by the caller so a seed fixes it) and returns x_0 (model space).
  // Noise injected on the way (DDPM, DDIM with η > 0) is drawn from `gen`.
  virtual torch::Tensor sample(const torch::Tensor& x_T, const DiffusionSampling& how, torch::Generator& gen,
                               const StepCallback& on_step = {}) = 0;

  // Model space ⇄ images in [0, 1] (identity for point data).
  virtual torch::Tensor to_model_space(const torch::Tensor& data) const = 0;
  virtual torch::Tensor to_image_space(const torch::Tensor& x) const = 0;
};

}  // namespace gs
