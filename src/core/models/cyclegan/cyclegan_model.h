// cyclegan_model.h — CycleGAN (Zhu et al. 2017) for unpaired translation between
// two image domains A and B: generators G_AB and G_BA (ResNet), PatchGAN
// discriminators D_A and D_B, least-squares adversarial loss, cycle-consistency
// and identity losses, a history pool of generated images and a linear
// learning-rate decay.
//
// Data: batches [N, 2C, H, W] whose first C channels are an image of domain A
// and the last C an unrelated image of domain B (unpaired_domains.h). Reported:
// G_A, G_B, D_A, D_B, cycle_A, cycle_B, idt_A, idt_B (weighted as in the loss).
// translate() is its ImageTranslator side (translator(), kCanTranslate).
//
// Ownership: owns four networks and two optimizers (generators, discriminators).
// Thread affinity: one thread at a time. Failure modes: gs::Error from the
// constructor for single-domain data; translate() pads any size to a multiple of
// 4 (at least 16) and crops back, so it accepts every image size.
#pragma once

#include <memory>

#include "core/model/generative_model.h"
#include "core/models/cyclegan/image_pool.h"
#include "core/train/flat_adam.h"

namespace gs {

class CycleGanModel : public GenerativeModel, public ImageTranslator {
 public:
  CycleGanModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "cyclegan"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  int64_t latent_dim() const override { return 0; }
  std::vector<std::string> loss_names() const override;

  torch::Tensor train_step(const torch::Tensor& batch) override;
  ImageTranslator* translator() override { return this; }
  torch::Tensor translate(const torch::Tensor& images, bool a_to_b) override;

  ModelGraph graph() override;  // cyclegan_graph.cpp

  void set_learning_rate(double lr) override;
  void set_training(bool training) override;
  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  // The optimizers' current rates (for tests and diagnostics; read-only).
  double generator_lr() const { return opt_g_->lr(); }
  double discriminator_lr() const { return opt_d_->lr(); }

 private:
  void apply_schedule();

  ImageShape shape_;
  double lambda_cycle_, lambda_identity_, base_lr_;
  int64_t decay_start_, decay_steps_, steps_ = 0;
  torch::nn::Sequential g_ab_{nullptr}, g_ba_{nullptr}, d_a_{nullptr}, d_b_{nullptr};
  std::unique_ptr<FlatAdam> opt_g_, opt_d_;
  ImagePool pool_a_, pool_b_;
};

}  // namespace gs
