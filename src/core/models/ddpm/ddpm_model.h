// ddpm_model.h — the denoising diffusion model "ddpm" (Ho et al. 2020) as a
// GenerativeModel with the DiffusionModel side interface.
//
// Training: x_0 (images scaled to [−1, 1]; points as they are), t uniform in
// 0 … T−1, x_t from the closed form q(x_t | x_0), and the mean squared error of
// the network's ε (or v = √ᾱ ε − √(1−ᾱ) x_0) prediction. The losses are the
// total and the mean per quarter of the timesteps ("loss_t_0_25" … the
// least-noise quarter first); a quarter that no t of a batch fell in keeps its
// last value. An EMA of the weights (decay ramped as min(d, (1+n)/(10+n)) over
// the n updates) is kept beside the live weights and used for sampling unless
// DiffusionSampling::use_ema is false.
//
// Latent model: latent_dim = C·H·W (points: D); decode(z) treats z as x_T and
// runs DDIM with `sample_steps` steps and η = 0 (deterministic), so the sample
// grid, interpolation and the Samples view work; prior_sample is standard
// normal. Images: U-Net (ddpm_unet.h), x̂₀ clamped to [−1, 1]; points: a residual
// MLP (point_denoiser.h), x̂₀ clamped to 1.5× the largest |coordinate| seen in
// training (so the first steps from pure noise cannot fling points away), and
// every training point is noised `draws` times per step (8 by default: a
// larger effective batch at little cost).
// Class conditioning (parameter class_conditional, on by default; images with
// labels only — on unlabelled data or points the model is unconditional and
// conditional() is null): a learned class embedding is added to the timestep
// embedding (ddpm_unet.h); train_step_labeled replaces each label by the null
// class ∅ with probability p_uncond, so one network learns ε(x, c) and ε(x, ∅);
// sampling combines them by classifier-free guidance, ε̃ = (1 + w)·ε(x, c) −
// w·ε(x, ∅) (class_guidance.h), with DiffusionSampling::class_label (−1: ∅,
// unconditional) and guidance w chosen at sampling time, DDPM and DDIM alike.
// train_step without labels trains ∅; decode (the sample grid, the latent
// explorers) draws unconditionally. An unconditional model refuses a class or
// w ≠ 0 with a sentence.
//
// Ownership: owns both networks, the EMA buffer and the FlatAdam. Thread
// affinity: one thread at a time. Failure modes: the constructor throws
// gs::Error for two image domains, image sides not divisible by 4, U-Net
// channels not divisible by 8, sample_steps > timesteps; the DiffusionModel
// calls throw gs::Error as described in diffusion_model.h; load_state throws
// gs::Error on missing or mis-sized tensors.
#pragma once

#include <memory>

#include "core/model/generative_model.h"
#include "core/models/ddpm/denoiser.h"
#include "core/models/ddpm/noise_schedule.h"
#include "core/train/flat_adam.h"

namespace gs {

class DdpmModel : public GenerativeModel, public DiffusionModel, public ClassConditional {
 public:
  static constexpr int kBuckets = 4;

  DdpmModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "ddpm"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  int64_t latent_dim() const override { return shape_.numel(); }
  std::vector<std::string> loss_names() const override { return static_loss_names(); }
  static std::vector<std::string> static_loss_names();

  torch::Tensor train_step(const torch::Tensor& batch) override;
  torch::Tensor decode(const torch::Tensor& z) override;
  // GANSpace features: the first denoising step's prediction x̂₀ from x_T = z (one
  // network pass instead of a whole DDIM run, so directions of 2,000 latents take seconds).
  torch::Tensor features(const torch::Tensor& z) override;
  torch::Tensor prior_sample(int64_t n, torch::Generator& gen) const override;
  DiffusionModel* diffusion() override { return this; }
  ClassConditional* conditional() override { return num_classes_ > 0 ? this : nullptr; }

  // ClassConditional (images with labels and class_conditional on).
  int64_t num_classes() const override { return num_classes_; }
  torch::Tensor train_step_labeled(const torch::Tensor& batch, const torch::Tensor& labels) override;
  // DDIM with `sample_steps` steps at η = 0 from x_T drawn from gen.
  torch::Tensor sample_classes(const torch::Tensor& labels, double guidance, torch::Generator& gen) override;

  // DiffusionModel.
  int64_t timesteps() const override { return schedule_.timesteps(); }
  std::string schedule_name() const override { return schedule_.name(); }
  torch::Tensor alpha_bar() const override { return schedule_.alpha_bar_tensor(); }
  torch::Tensor q_sample(const torch::Tensor& x0, const torch::Tensor& t, const torch::Tensor& noise) const override;
  Prediction predict(const torch::Tensor& x_t, const torch::Tensor& t, const DiffusionSampling& how) override;
  torch::Tensor sample(const torch::Tensor& x_T, const DiffusionSampling& how, torch::Generator& gen,
                       const StepCallback& on_step = {}) override;
  torch::Tensor to_model_space(const torch::Tensor& data) const override;
  torch::Tensor to_image_space(const torch::Tensor& x) const override;

  ModelGraph graph() override;  // ddpm_graph.cpp
  void set_learning_rate(double lr) override { optimizer_->set_lr(lr); }
  bool set_live_param(const std::string& key, const std::string& value) override;
  void set_training(bool training) override;

  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  const NoiseSchedule& schedule() const { return schedule_; }
  int64_t parameter_count() const { return optimizer_->numel(); }
  int64_t ema_updates() const { return ema_updates_; }
  const torch::Tensor& ema_weights() const { return ema_flat_; }

 private:
  std::shared_ptr<Denoiser> make_net(const ParamValues& params) const;
  void check_x(const torch::Tensor& x, const char* what) const;
  torch::Tensor check_t(const torch::Tensor& t, int64_t n) const;
  // y: class indices (K = ∅) or undefined for an unconditional model; w: guidance.
  Prediction predict_with(Denoiser& net, const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y,
                          double w) const;
  // Class indices for `how` (n items), or undefined for an unconditional model.
  torch::Tensor labels_for(const DiffusionSampling& how, int64_t n) const;
  torch::Tensor sample_labeled(const torch::Tensor& x_T, const DiffusionSampling& how, const torch::Tensor& y,
                               torch::Generator& gen, const StepCallback& on_step);
  torch::Tensor train_on(const torch::Tensor& batch, const torch::Tensor& y);
  void update_ema();

  ImageShape shape_;
  NoiseSchedule schedule_;
  bool v_prediction_ = false;
  double ema_decay_ = 0.999;
  int sample_steps_ = 20;
  int64_t draws_ = 1;            // points: noise draws per training point
  int64_t num_classes_ = 0;      // > 0: class-conditional (embedding row num_classes_ is ∅)
  double p_uncond_ = 0.1;        // probability a training label becomes ∅
  std::shared_ptr<Denoiser> net_, ema_net_;
  std::unique_ptr<FlatAdam> optimizer_;
  torch::Tensor ema_flat_;       // the EMA net's parameters are views of it
  int64_t ema_updates_ = 0;
  torch::Tensor bucket_loss_;    // [kBuckets], last value per quarter of t
  torch::Tensor data_bound_;     // points: max |coordinate| seen in training ([1])
};

}  // namespace gs
