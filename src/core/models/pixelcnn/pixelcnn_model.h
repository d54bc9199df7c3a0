// pixelcnn_model.h — the Gated PixelCNN ("pixelcnn") as a GenerativeModel with
// an exact likelihood (LikelihoodModel) and pixel-by-pixel sampling
// (PixelSampler).
//
// Training minimises the cross-entropy of a 256-way softmax per pixel against
// the 8-bit values round(255·x); losses are bits/dim and nats per image. There
// is no latent: the "prior" is per-pixel uniform noise u ∈ [0, 1)^(H·W) and
// decode(u) draws every pixel by inverse CDF with its u (cached sampler), so a
// fixed noise gives a reproducible sample grid that shows training progress.
// Gray images only (1 channel).
//
// Class conditioning (parameter class_conditional, off by default; labelled
// images only, otherwise ignored): a class-dependent bias in every gated layer
// (pixelcnn_nets.h) models p(x | y). The trainer calls train_step_labeled (the
// losses are then bits/dim of p(x | y) with the true label, as is the session's
// test bits/dim through nll_nats_given); train_step without labels is refused.
// nll_nats(x) (eval, anomaly scores) is the exact marginal −log Σ_y p(y) p(x|y)
// with p(y) the training label frequencies (K network passes); nll_map is the
// per-pixel NLL under the most probable class. decode and the PixelSampler
// calls draw class select_class() for every image, or with −1 (the default)
// image i of class i mod K; sample_classes with −1 draws y from p(y).
//
// Ownership: owns its network and its FlatAdam. Thread affinity: one thread at
// a time. Failure modes: the constructor throws gs::Error for point data, more
// than one channel, or an even kernel; likelihood and sampling calls throw
// gs::Error for images or masks of the wrong shape and a temperature ≤ 0;
// load_state throws gs::Error on a mismatch.
#pragma once

#include <memory>

#include "core/model/generative_model.h"
#include "core/models/pixelcnn/pixelcnn_nets.h"
#include "core/train/flat_adam.h"

namespace gs {

class PixelCnnModel : public GenerativeModel, public LikelihoodModel, public PixelSampler, public ClassConditional {
 public:
  PixelCnnModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "pixelcnn"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  // The size of the sampling noise u (one number per sub-pixel).
  int64_t latent_dim() const override { return shape_.numel(); }
  std::vector<std::string> loss_names() const override { return {"bits_per_dim", "nll_nats"}; }

  torch::Tensor train_step(const torch::Tensor& batch) override;
  // Noise u [N, C·H·W] → images drawn by inverse CDF at temperature 1.
  torch::Tensor decode(const torch::Tensor& z) override;
  // Uniform noise in [0, 1), [n, C·H·W].
  torch::Tensor prior_sample(int64_t n, torch::Generator& gen) const override;

  LikelihoodModel* likelihood() override { return this; }
  PixelSampler* pixel_sampler() override { return this; }
  ClassConditional* conditional() override { return num_classes_ > 0 ? this : nullptr; }

  // ClassConditional (labelled images with class_conditional on).
  int64_t num_classes() const override { return num_classes_; }
  torch::Tensor train_step_labeled(const torch::Tensor& batch, const torch::Tensor& labels) override;
  // Guidance is ignored (a PixelCNN has no unconditional model to guide with).
  torch::Tensor sample_classes(const torch::Tensor& labels, double guidance, torch::Generator& gen) override;
  torch::Tensor nll_nats_given(const torch::Tensor& x, const torch::Tensor& labels) override;
  void select_class(int64_t label) override;

  // LikelihoodModel: exact NLL of the 8-bit data.
  torch::Tensor nll_nats(const torch::Tensor& x) override;
  bool nll_is_bound() const override { return false; }
  torch::Tensor nll_map(const torch::Tensor& x) override;

  // PixelSampler.
  torch::Tensor pixel_distribution(const torch::Tensor& images) override;
  torch::Tensor sample_pixels(const torch::Tensor& images, const torch::Tensor& todo, double temperature,
                              torch::Generator& gen, const PixelCallback& on_pixel = {}) override;
  // The same with the noise given ([N, C, H, W] uniform) and a choice of the
  // cached (default) or the naive full-recompute sampler (tests, bench).
  torch::Tensor sample_with_noise(const torch::Tensor& images, const torch::Tensor& todo, double temperature,
                                  const torch::Tensor& noise, bool cached = true, const PixelCallback& on_pixel = {});

  ModelGraph graph() override;  // pixelcnn_graph.cpp
  void set_learning_rate(double lr) override { optimizer_->set_lr(lr); }
  bool set_live_param(const std::string& key, const std::string& value) override;
  void set_training(bool training) override { net_->train(training); }

  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  double learning_rate() const { return optimizer_->lr(); }
  PixelCnnNetImpl& net() { return *net_; }

 private:
  void check_images(const torch::Tensor& x, const char* what) const;
  torch::Tensor per_pixel_nll(const torch::Tensor& x, const torch::Tensor& labels = {});  // [N, 1, H, W] nats
  torch::Tensor checked_labels(const torch::Tensor& labels, int64_t n) const;  // [n] int64 in 0 … K−1
  torch::Tensor labels_for(int64_t n) const;  // the PixelSampler calls' classes (undefined: unconditional)
  torch::Tensor log_prior() const;            // log p(y), [K]
  torch::Tensor class_nll(const torch::Tensor& x);  // [N, K] nats of x under each class

  ImageShape shape_;
  PixelCnnNet net_{nullptr};
  std::unique_ptr<FlatAdam> optimizer_;
  int64_t num_classes_ = 0;
  int64_t selected_class_ = -1;
  torch::Tensor class_counts_;  // [K] training labels seen (the class prior)
};

}  // namespace gs
