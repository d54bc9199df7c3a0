// likelihood_model.h — the side interface of models with a likelihood: exact
// (a flow's change of variables, PixelCNN's product of conditionals) or an
// upper bound on the negative log-likelihood (a VAE's negative ELBO, a flow's
// uniform dequantisation). The loss plot's bits/dim, `genstudio-cli eval`, the
// test-set evaluation and anomaly scoring read it.
//
// Units. Image data in [0, 1] are read as 8-bit values v = round(255 x) and
// the NLL is that of the discrete data, in nats per item; bits per dimension
// is nll / (C·H·W · ln 2) (nats_to_bits_per_dim). Point data (the playground):
// −log p(x) of the continuous density at x.
//
// Reached through GenerativeModel::likelihood(), which returns nullptr for
// models without one; a model returns non-null exactly when its capabilities()
// include kCanLogProb (tests/test_model_registry.cpp checks every entry).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's; call without
// gradients (c10::InferenceMode) and with set_training(false). Failure modes:
// gs::Error for data of the wrong shape.
#pragma once

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

// nats per item → bits per dimension.
inline double nats_to_bits_per_dim(double nats, int64_t dims) { return nats / (static_cast<double>(dims) * std::log(2.0)); }

class LikelihoodModel {
 public:
  virtual ~LikelihoodModel() = default;

  // Negative log-likelihood of each item in nats, [N] (see Units above). Models
  // whose estimate is stochastic (dequantisation noise, the ELBO's sample) draw
  // from torch's default generator.
  virtual torch::Tensor nll_nats(const torch::Tensor& x) = 0;
  // True when nll_nats is an upper bound (ELBO, dequantised density), false when exact.
  virtual bool nll_is_bound() const = 0;
  // Per-dimension NLL in nats [N, C, H, W] where the model factorises over
  // dimensions (autoregressive models: the heatmap of a test image); an
  // undefined tensor when it does not.
  virtual torch::Tensor nll_map(const torch::Tensor& x) { (void)x; return {}; }
  // The NLL split into named terms, [N, K] in nats summing to nll_nats (a VAE's
  // reconstruction NLL and KL of its ELBO), with their names in `names`; an
  // undefined tensor when the model has no such split.
  virtual torch::Tensor nll_parts(const torch::Tensor& x, std::vector<std::string>* names) {
    (void)x;
    (void)names;
    return {};
  }
};

}  // namespace gs
