// style_generator.h — the side interface of style-based generators: a mapping
// network z → w, per-layer styles, a running mean w̄ and the truncation trick
// (the style-mixing panel, truncation ψ, exploring w instead of z).
//
// Reached through GenerativeModel::styles(), which returns nullptr for models
// without styles; a model returns non-null exactly when its capabilities()
// include kHasStyles (tests/test_model_registry.cpp checks every entry).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's. Failure modes:
// gs::Error for a style layer index out of range or ws of the wrong shape.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace gs {

class StyleGenerator {
 public:
  virtual ~StyleGenerator() = default;

  // How many style layers synthesize() takes (≥ 1).
  virtual int64_t num_style_layers() const = 0;
  // z → w, [N, w_dim].
  virtual torch::Tensor map_latent(const torch::Tensor& z) = 0;
  // The running mean w̄ (truncation centre), [w_dim].
  virtual torch::Tensor mean_style() const = 0;
  // Images in [0, 1] from per-layer styles ws [N, num_style_layers, w_dim],
  // with per-pixel noise drawn from noise_seed (or none).
  virtual torch::Tensor synthesize(const torch::Tensor& ws, bool noise, uint64_t noise_seed) = 0;
  // Truncation ψ used by GenerativeModel::decode: w ← w̄ + ψ(w − w̄).
  virtual void set_truncation(double psi) = 0;
};

}  // namespace gs
