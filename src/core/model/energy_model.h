// energy_model.h — the side interface of energy-based models (the restricted
// Boltzmann machine): the free energy of visible configurations, block Gibbs
// sampling with clamped units, the learned filters, and annealed importance
// sampling (AIS) of the log partition function. The RBM explorer (filters,
// Gibbs chain, clamped completion), the free-energy curves and
// `genstudio-cli eval` read it.
//
// Visible data are [N, C, H, W] in {0, 1} (or probabilities in [0, 1] where
// noted); the model binarises training images itself.
//
// Reached through GenerativeModel::energy(), which returns nullptr for other
// models; a model returns non-null exactly when its capabilities() include
// kHasEnergy (tests/test_model_registry.cpp checks every entry).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's; call without
// gradients. Failure modes: gs::Error with a sentence for tensors of the wrong
// shape, k < 1, fewer than 2 AIS temperatures or runs < 1.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace gs {

class EnergyModel {
 public:
  virtual ~EnergyModel() = default;

  virtual int64_t hidden_units() const = 0;
  // F(v) = −b·v − Σ_j softplus(c_j + W_j·v) per item, [N] (nats).
  virtual torch::Tensor free_energy(const torch::Tensor& v) = 0;
  // k steps of block Gibbs sampling v → h → v from v0; visible units where
  // `clamp` ([N, C, H, W] bool, may be undefined) is true keep v0's values.
  // Returns the visible probabilities of the last step (the mean-field image a
  // person looks at); `state` (if given) receives the binary sample to continue from.
  virtual torch::Tensor gibbs(const torch::Tensor& v0, int k, const torch::Tensor& clamp, torch::Generator& gen,
                              torch::Tensor* state = nullptr) = 0;
  // The weights of each hidden unit as an image, [hidden, C, H, W] float32 (raw weights).
  virtual torch::Tensor filters() const = 0;
  // Images in [0, 1] as the model's binary visible units, the way it binarises
  // its training data (threshold ½, or a Bernoulli draw from `gen` when the
  // model binarises stochastically and a generator is given).
  virtual torch::Tensor binarize(const torch::Tensor& images, torch::Generator* gen = nullptr) const {
    (void)gen;
    return images.gt(0.5).to(torch::kFloat32);
  }
  // Stochastic pseudo-log-likelihood per item, [N] nats: D · log σ(F(ṽ) − F(v))
  // with ṽ = v with one uniformly drawn unit flipped (binary v).
  virtual torch::Tensor pseudo_log_likelihood(const torch::Tensor& v, torch::Generator& gen) {
    torch::Tensor flat = v.reshape({v.size(0), -1});
    torch::Tensor idx = torch::randint(flat.size(1), {flat.size(0), 1}, gen, torch::kLong);
    torch::Tensor flipped = flat.clone();
    flipped.scatter_(1, idx, 1 - flat.gather(1, idx));
    return torch::log_sigmoid(free_energy(flipped.reshape(v.sizes())) - free_energy(v)) *
           static_cast<double>(flat.size(1));
  }

  struct AisResult {
    // log Ẑ = log Z_base + log mean_r w_r over the runs (chains) r.
    double log_z = 0;
    // The standard error of log Ẑ over the runs: std(w) / (√runs · mean(w))
    // (delta method); ±3 of it is the usual reported interval.
    double log_z_spread = 0;
    double log_z_base = 0;     // log Z of the base-rate RBM
    int runs = 0;
    int temperatures = 0;
    bool cancelled = false;
  };
  // Progress in [0, 1]; return false to cancel (the result then has cancelled = true).
  using Progress = std::function<bool(double fraction)>;
  // AIS from the base-rate RBM (visible biases from the data's mean, no
  // weights) to this one over `temperatures` evenly spaced β, `runs`
  // independent chains (Salakhutdinov and Murray 2008). `data_mean` is the
  // mean binary visible vector of the training data ([C, H, W] or [D]);
  // `progress` is called every 1 % of the temperatures and at least every
  // 50 ms (so cancelling takes effect within one temperature step of that).
  virtual AisResult estimate_log_z(int runs, int temperatures, const torch::Tensor& data_mean, torch::Generator& gen,
                                   const Progress& progress = {}) = 0;
};

}  // namespace gs
