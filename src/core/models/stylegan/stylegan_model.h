// stylegan_model.h — a style-based generator ("stylegan"): mapping network z → w,
// synthesis from a learned constant through modulated convolutions with per-layer
// styles and per-pixel noise, style-mixing regularisation during training, a
// running average w̄ for the truncation trick. Images are padded to the next
// power of two (Fashion-MNIST: 32×32) inside and cropped back on output.
// Discriminator: strided convolutions and a minibatch-stddev channel;
// non-saturating loss with a lazy R1 penalty on real images (every 4 steps).
// The mapping network learns at 1/100 of the learning rate (StyleGAN's
// learning-rate multiplier); without it and the minibatch stddev, training on
// Fashion-MNIST collapsed to one garment within a few hundred steps.
// The style methods are its StyleGenerator side (styles(), kHasStyles).
// Sampling (decode, map_latent, synthesize) can use an exponential moving average
// of the mapping and synthesis weights (g_ema > 0, StyleGAN's G_ema; off by
// default: at 1,200 steps it and bilinear upsampling made FID worse, bench/RESULTS.md); w̄ follows the averaged
// mapping network. Checkpoints without the average (before issue 18) start it
// from the generator and keep the nearest-neighbour upsampling they were trained with.
//
// Ownership: owns mapping, synthesis, discriminator, three optimizers and w̄.
// Thread affinity: one thread at a time. Failure modes: gs::Error for point or
// two-domain data, a style layer index out of range, or (load_state) a
// checkpoint whose networks differ.
#pragma once

#include <memory>

#include "core/model/generative_model.h"
#include "core/models/stylegan/style_nets.h"
#include "core/train/flat_adam.h"

namespace gs {

class StyleGanModel : public GenerativeModel, public StyleGenerator {
 public:
  StyleGanModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "stylegan"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  int64_t latent_dim() const override { return z_dim_; }
  std::vector<std::string> loss_names() const override { return {"d_loss", "g_loss", "r1", "d_x", "d_g_z"}; }

  torch::Tensor train_step(const torch::Tensor& batch) override;
  torch::Tensor decode(const torch::Tensor& z) override;
  torch::Tensor features(const torch::Tensor& z) override { return map_latent(z); }

  StyleGenerator* styles() override { return this; }
  int64_t num_style_layers() const override { return synthesis_->num_ws(); }
  torch::Tensor map_latent(const torch::Tensor& z) override;
  torch::Tensor mean_style() const override { return w_avg_; }
  torch::Tensor synthesize(const torch::Tensor& ws, bool noise, uint64_t noise_seed) override;
  void set_truncation(double psi) override { psi_ = psi; }
  bool set_live_param(const std::string& key, const std::string& value) override;

  ModelGraph graph() override;  // stylegan_graph.cpp

  void set_learning_rate(double lr) override;
  void set_training(bool training) override;
  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  // The optimizers' current rates (for tests and diagnostics; read-only).
  double synthesis_lr() const { return opt_g_->lr(); }
  double mapping_lr() const { return opt_m_->lr(); }
  double discriminator_lr() const { return opt_d_->lr(); }
  // Per-channel strengths of the per-pixel noise, one tensor per synthesis layer (a copy).
  std::vector<torch::Tensor> noise_strengths() const;
  double generator_ema() const { return g_ema_; }

 private:
  torch::Tensor to_model_space(const torch::Tensor& batch) const;
  torch::Tensor crop(const torch::Tensor& images) const;
  torch::Tensor mixed_styles(int64_t n);
  std::vector<torch::Tensor> generator_parameters() const;  // mapping, then synthesis
  std::vector<torch::Tensor> ema_parameters() const;        // the same order
  void reset_ema();   // the average := the generator
  void update_ema();  // after each generator update, when g_ema > 0
  MappingNetwork& sampling_mapping() { return g_ema_ > 0 ? ema_mapping_ : mapping_; }
  SynthesisNetwork& sampling_synthesis() { return g_ema_ > 0 ? ema_synthesis_ : synthesis_; }

  ImageShape shape_;
  int64_t z_dim_, resolution_;
  double mixing_prob_, r1_gamma_, psi_;
  double g_ema_ = 0;  // decay of the generator's weight average (0: sample the generator itself)
  int64_t ema_updates_ = 0;
  int64_t steps_ = 0;
  MappingNetwork mapping_{nullptr};
  SynthesisNetwork synthesis_{nullptr};
  torch::nn::Sequential discriminator_{nullptr};
  MappingNetwork ema_mapping_{nullptr};      // the averaged copies (no gradients)
  SynthesisNetwork ema_synthesis_{nullptr};
  // Synthesis, mapping (at kMappingLrMul of the learning rate, as in StyleGAN:
  // a mapping network trained at full rate collapses w) and discriminator.
  std::unique_ptr<FlatAdam> opt_g_, opt_m_, opt_d_;
  static constexpr double kMappingLrMul = 0.01;
  torch::Tensor w_avg_;
  torch::Tensor d_loss_, g_loss_, r1_, d_x_, d_gz_;
};

}  // namespace gs
