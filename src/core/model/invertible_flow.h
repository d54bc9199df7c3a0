// invertible_flow.h — the side interface of normalising flows: a bijection
// between data x and a standard-normal latent z built from steps (coupling
// layers, ActNorm, squeezes, factor-outs), each invertible with a known
// log-determinant. The playground bends a grid through the steps one at a
// time; the flow explorer shows x → z → x and the latent of a test image.
//
// Direction: step 1 is applied first on the way from data to latent. k = 0 is
// the data side (for images: after dequantisation/logit, in the flow's own
// coordinates), k = num_flow_steps() the latent (flattened, [N, latent_dim]).
//
// Reached through GenerativeModel::flow(), which returns nullptr for models
// that are not flows; a model returns non-null exactly when its capabilities()
// include kInvertible (tests/test_model_registry.cpp).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's. Failure modes:
// gs::Error for k out of range or inputs of the wrong shape.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace gs {

class InvertibleFlow {
 public:
  virtual ~InvertibleFlow() = default;

  virtual int64_t num_flow_steps() const = 0;
  // "coupling 3 (checkerboard)", "squeeze", "ActNorm 2" … for the layer slider (k in 1..num).
  virtual std::string flow_step_name(int64_t k) const = 0;
  // Point data: x [N, D] through the first k steps toward z, [N, D]; log|det ∂out/∂x|
  // accumulated into *logdet [N] when given.
  virtual torch::Tensor forward_steps(const torch::Tensor& x, int64_t k, torch::Tensor* logdet = nullptr) = 0;
  // Point data: z [N, D] back through the last k steps toward x (k = num: x itself).
  virtual torch::Tensor inverse_steps(const torch::Tensor& z, int64_t k) = 0;
};

}  // namespace gs
