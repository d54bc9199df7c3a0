// rbm_model.h — the Bernoulli–Bernoulli restricted Boltzmann machine ("rbm")
// as a GenerativeModel with an energy function (EnergyModel).
//
// E(v, h) = −b·v − c·h − vᵀWh over binary visible v (the binarised image,
// threshold 0.5 or a Bernoulli draw per pixel, the "binarize" parameter) and
// binary hidden h. Training is contrastive divergence with k Gibbs steps
// (CD-k) or persistent CD (a chain kept across steps), plain SGD with momentum
// and L2 weight decay on W. The visible biases start at the log-odds of the
// first batch's pixel means. Losses per step: the mean-field reconstruction
// error (mean squared error per pixel of σ(σ(vW + c)Wᵀ + b) against v) and the
// mean free energy of the batch per visible unit (nats per pixel, so that it
// shares the loss plot's axis with the reconstruction error). There is no latent worth decoding
// (kCanDecode is not set): the "prior" is uniform noise u, and decode(u) runs
// `sample_steps` Gibbs steps from v = [u < ½] with a fixed seed, so a fixed
// noise gives a reproducible sample grid that shows training progress.
//
// Ownership: owns its tensors (weights, momentum, persistent chain, step
// buffers). Thread affinity: one thread at a time. Failure modes: the
// constructor throws gs::Error for point data or two domains; energy calls
// throw gs::Error (a sentence) for tensors of the wrong shape, k < 1, fewer
// than 2 AIS temperatures or runs < 1; load_state throws gs::Error on a
// missing or mismatched tensor.
#pragma once

#include "core/model/generative_model.h"

namespace gs {

class RbmModel : public GenerativeModel, public EnergyModel {
 public:
  RbmModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "rbm"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  int64_t latent_dim() const override { return visible_; }  // the size of the starting noise
  std::vector<std::string> loss_names() const override { return {"recon_error", "free_energy_per_pixel"}; }

  torch::Tensor train_step(const torch::Tensor& batch) override;
  // Noise u [N, D] → the visible probabilities after sample_steps Gibbs steps from [u < ½].
  torch::Tensor decode(const torch::Tensor& z) override;
  torch::Tensor prior_sample(int64_t n, torch::Generator& gen) const override;

  EnergyModel* energy() override { return this; }

  // EnergyModel.
  int64_t hidden_units() const override { return hidden_; }
  torch::Tensor free_energy(const torch::Tensor& v) override;
  torch::Tensor gibbs(const torch::Tensor& v0, int k, const torch::Tensor& clamp, torch::Generator& gen,
                      torch::Tensor* state = nullptr) override;
  torch::Tensor filters() const override;
  torch::Tensor binarize(const torch::Tensor& images, torch::Generator* gen = nullptr) const override;
  torch::Tensor pseudo_log_likelihood(const torch::Tensor& v, torch::Generator& gen) override;
  AisResult estimate_log_z(int runs, int temperatures, const torch::Tensor& data_mean, torch::Generator& gen,
                           const Progress& progress = {}) override;

  ModelGraph graph() override;  // rbm_graph.cpp
  void set_learning_rate(double lr) override { lr_ = lr; }
  bool set_live_param(const std::string& key, const std::string& value) override;
  void set_training(bool) override {}

  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  // The parameters themselves ([D, H], [D], [H]), for tests and AIS.
  const torch::Tensor& weights() const { return W_; }
  const torch::Tensor& visible_bias() const { return b_; }
  const torch::Tensor& hidden_bias() const { return c_; }
  void set_parameters(const torch::Tensor& W, const torch::Tensor& b, const torch::Tensor& c);

 private:
  torch::Tensor flat_visible(const torch::Tensor& v, const char* what) const;  // [N, D] float
  void ensure_buffers(int64_t n);

  ImageShape shape_;
  int64_t visible_, hidden_;
  int cd_k_;
  bool persistent_;
  bool stochastic_binarize_;
  double lr_, momentum_, weight_decay_;
  int sample_steps_;
  bool biases_initialised_ = false;

  torch::Tensor W_, b_, c_;           // [D, H], [D], [H]
  torch::Tensor vW_, vb_, vc_;        // momentum
  torch::Tensor chain_;               // persistent visible chain [B, D]
  // Step buffers for a batch of buffer_n_ items (no allocation in the hot loop).
  int64_t buffer_n_ = 0;
  torch::Tensor ph0_, pre_, h_, pv_, v_, phk_, gW_;
};

}  // namespace gs
