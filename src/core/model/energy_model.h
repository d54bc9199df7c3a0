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

  struct AisResult {
    double log_z = 0;          // mean over runs of the log partition function estimate
    double log_z_spread = 0;   // standard deviation of the estimate over the runs
    int runs = 0;
    int temperatures = 0;
    bool cancelled = false;
  };
  // Progress in [0, 1]; return false to cancel (the result then has cancelled = true).
  using Progress = std::function<bool(double fraction)>;
  // AIS from the base-rate RBM (visible biases from the data's mean, no
  // weights) to this one over `temperatures` evenly spaced β, `runs`
  // independent chains (Salakhutdinov and Murray 2008).
  virtual AisResult estimate_log_z(int runs, int temperatures, const torch::Tensor& data_mean, torch::Generator& gen,
                                   const Progress& progress = {}) = 0;
};

}  // namespace gs
