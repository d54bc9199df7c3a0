// vae_model.h — autoencoder and (β-)VAE over the nets in vae_nets.h.
//
// The VAE reports total = reconstruction + β·KL, with the two terms separately;
// the autoencoder reports its reconstruction loss. Reconstruction is Bernoulli
// cross-entropy on logits ("bce") or squared error on sigmoid outputs ("mse"),
// summed over pixels and averaged over the batch (nats per image).
//
// Likelihood (VAE only, kCanLogProb): the negative ELBO with β = 1 (a true
// upper bound on −log p, whatever β trained it), one posterior sample, in nats
// of the 8-bit data. The decoder's per-pixel distribution is made a proper
// distribution over the 256 values, with bins [v/256, (v+1)/256): "bce" reads the
// decoder's logit ℓ as a continuous Bernoulli (density ∝ λ^x (1−λ)^(1−x), the
// normalised form of the Bernoulli cross-entropy on intensities) and takes
// each bin's exact mass, (e^{ℓb} − e^{ℓa}) / (e^ℓ − 1); "mse" reads the squared
// error as a Gaussian of variance ½ around sigmoid(ℓ) and takes each bin's
// mass, the outer bins reaching to ±∞. Point data: the continuous Gaussian
// density (σ = 0.1) of the training loss.
//
// Ownership: owns its networks and its FlatAdam. Thread affinity: one thread at a
// time. Failure modes: the constructor throws gs::Error for parameter/shape
// combinations it cannot build; load_state throws gs::Error on a mismatch and
// leaves the model unchanged.
#pragma once

#include <memory>

#include "core/model/generative_model.h"
#include "core/model/likelihood_model.h"
#include "core/models/vae/vae_nets.h"
#include "core/train/flat_adam.h"

namespace gs {

class VaeModel : public GenerativeModel, public LikelihoodModel {
 public:
  // variational=false builds the plain autoencoder ("ae").
  VaeModel(bool variational, const ParamValues& params, ImageShape shape);

  std::string id() const override { return variational_ ? "vae" : "ae"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return config_.shape; }
  int64_t latent_dim() const override { return config_.latent_dim; }
  std::vector<std::string> loss_names() const override;

  torch::Tensor train_step(const torch::Tensor& batch) override;
  torch::Tensor decode(const torch::Tensor& z) override;
  torch::Tensor encode(const torch::Tensor& images) override;
  torch::Tensor reconstruct(const torch::Tensor& images) override;
  LikelihoodModel* likelihood() override { return variational_ ? this : nullptr; }

  // LikelihoodModel (see the comment at the top); nll_nats = recon + kl of elbo_terms.
  torch::Tensor nll_nats(const torch::Tensor& x) override;
  bool nll_is_bound() const override { return true; }
  // [N, 2]: the discrete reconstruction NLL −log P(v | z) for one posterior
  // sample z, and KL(q(z|x) ‖ p(z)), both in nats (float64).
  torch::Tensor elbo_terms(const torch::Tensor& x);
  // elbo_terms named "reconstruction" and "kl".
  torch::Tensor nll_parts(const torch::Tensor& x, std::vector<std::string>* names) override;

  ModelGraph graph() override;  // vae_graph.cpp

  void set_learning_rate(double lr) override { optimizer_->set_lr(lr); }
  bool set_live_param(const std::string& key, const std::string& value) override;
  void set_training(bool training) override;

  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs(bool variational);

  // Current settings (for tests and diagnostics; read-only).
  double learning_rate() const { return optimizer_->lr(); }
  double beta() const { return beta_; }
  bool runs_bf16() const { return bf16_; }
  // The encoder's raw output: [N, 2·latent] (μ, log σ²) for the VAE, [N, latent] for the autoencoder.
  torch::Tensor encoder_head(const torch::Tensor& images) { return nets_.encoder->forward(images); }
  // The decoder's raw output for latents z: per-pixel logits (points: the decoded point).
  torch::Tensor decoder_logits(const torch::Tensor& z) { return nets_.decoder->forward(z); }

 private:
  torch::Tensor reconstruction_loss(const torch::Tensor& logits, const torch::Tensor& target) const;

  bool variational_;
  VaeNetConfig config_;
  double beta_ = 1.0;
  bool bce_ = true;
  bool bf16_ = false;  // forward matrix products in bfloat16 (see mixed_precision.h)
  VaeNets nets_;
  std::unique_ptr<FlatAdam> optimizer_;
};

}  // namespace gs
