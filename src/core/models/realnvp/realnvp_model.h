// realnvp_model.h — RealNVP (model id "realnvp"): a normalising flow trained
// by exact maximum likelihood, with one architecture per kind of data.
//
// Point data [N, D ≥ 2] (the playground): ActNorm and MLP affine couplings with
// alternating masks (PointFlow); the density is exact, reported as "nll"
// (−log p(x), nats). Its critic (the playground's heatmap) is score(x) = log p(x),
// −nll_nats(x) on images.
// Images [N, C, H, W] in [0, 1]: uniform dequantisation of the 8-bit values,
// the logit transform and the multi-scale ImageFlow; reported as
// "bits_per_dim" and "nll_nats", an upper bound on the 8-bit data's NLL
// (dequantization.h). encode is x → z with the bin centres (no noise), decode
// z → x clamped to [0, 1]; their round trip is exact up to float rounding.
// The prior is N(0, I) over latent_dim = C·H·W (or D); the explorer samples z·T.
//
// Side interfaces: likelihood() (LikelihoodModel), flow() (InvertibleFlow; for
// images forward_steps/inverse_steps work in the flow's own coordinates, after
// the logit transform), critic() (DataCritic: the log-density; no adversarial push).
//
// Ownership: owns its flow and its FlatAdam. Thread affinity: one thread at a
// time. Failure modes: the constructor throws gs::Error for data it cannot
// model (1-D points, image sides the scales cannot halve); nll_nats and the
// flow calls throw gs::Error for inputs of the wrong shape or k out of range;
// load_state checks every buffer's shape before changing anything.
#pragma once

#include <memory>

#include "core/model/generative_model.h"
#include "core/models/realnvp/flow_stack.h"
#include "core/train/flat_adam.h"

namespace gs {

class RealNvpModel : public GenerativeModel, public LikelihoodModel, public InvertibleFlow, public DataCritic {
 public:
  RealNvpModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "realnvp"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  int64_t latent_dim() const override { return shape_.numel(); }
  std::vector<std::string> loss_names() const override;

  torch::Tensor train_step(const torch::Tensor& batch) override;
  torch::Tensor decode(const torch::Tensor& z) override;
  torch::Tensor encode(const torch::Tensor& x) override;
  torch::Tensor reconstruct(const torch::Tensor& x) override { return decode(encode(x)); }

  LikelihoodModel* likelihood() override { return this; }
  InvertibleFlow* flow() override { return this; }
  DataCritic* critic() override { return this; }

  // LikelihoodModel
  torch::Tensor nll_nats(const torch::Tensor& x) override;
  bool nll_is_bound() const override { return !shape_.points; }
  // InvertibleFlow
  int64_t num_flow_steps() const override { return stack_->num_steps(); }
  std::string flow_step_name(int64_t k) const override;
  torch::Tensor forward_steps(const torch::Tensor& x, int64_t k, torch::Tensor* logdet = nullptr) override;
  torch::Tensor inverse_steps(const torch::Tensor& z, int64_t k) override;
  // DataCritic
  torch::Tensor score(const torch::Tensor& x) override { return -nll_nats(x); }
  torch::Tensor generator_push(const torch::Tensor& x) override { return torch::zeros_like(x); }

  bool set_live_param(const std::string& key, const std::string& value) override;
  ModelGraph graph() override;  // realnvp_graph.cpp
  void set_learning_rate(double lr) override { optimizer_->set_lr(lr); }
  void set_training(bool training) override { stack_->train(training); }
  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  // Read-only diagnostics for tests.
  double learning_rate() const { return optimizer_->lr(); }
  double logit_alpha() const { return alpha_; }
  int64_t parameter_count() const { return optimizer_->numel(); }
  // The flow's own coordinates of images x in [0, 1] (bin centres when u is undefined,
  // else y = (v + u)/256), with the logit log-det added to logdet [N].
  torch::Tensor to_flow_space(const torch::Tensor& x, const torch::Tensor& u, torch::Tensor& logdet) const;
  // −log p(x) per item, with gradients (the training loss before averaging).
  torch::Tensor nll_with_grad(const torch::Tensor& x);

 private:
  void check_shape(const torch::Tensor& x, const char* what) const;
  void check_step(int64_t k) const;

  ImageShape shape_;
  double alpha_ = 0.05;
  double grad_clip_ = 10;
  std::vector<torch::Tensor> parameters_;  // views into the optimizer's flat buffer
  std::shared_ptr<FlowStack> stack_;
  std::unique_ptr<FlatAdam> optimizer_;
};

}  // namespace gs
