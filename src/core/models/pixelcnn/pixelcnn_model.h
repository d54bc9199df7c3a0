// pixelcnn_model.h — the Gated PixelCNN ("pixelcnn") as a GenerativeModel with
// an exact likelihood (LikelihoodModel) and pixel-by-pixel sampling
// (PixelSampler).
//
// Training minimises the cross-entropy of a 256-way softmax per pixel against
// the 8-bit values round(255·x); losses are bits/dim and nats per image. There
// is no latent: the "prior" is per-pixel uniform noise u ∈ [0, 1)^(H·W) and
// decode(u) draws every pixel by inverse CDF with its u (cached sampler), so a
// fixed noise gives a reproducible sample grid that shows training progress.
// Gray images only (1 channel); no class conditioning (train_step gets images
// only).
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

class PixelCnnModel : public GenerativeModel, public LikelihoodModel, public PixelSampler {
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
  torch::Tensor per_pixel_nll(const torch::Tensor& x);  // [N, 1, H, W] nats

  ImageShape shape_;
  PixelCnnNet net_{nullptr};
  std::unique_ptr<FlatAdam> optimizer_;
};

}  // namespace gs
