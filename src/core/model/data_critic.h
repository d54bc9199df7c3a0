// data_critic.h — the side interface of models with a field over data space:
// a discriminator/critic score or a log-density at data points, and for
// adversarial models the direction the generator's loss pushes generated
// points (the playground's heatmap and arrows).
//
// Reached through GenerativeModel::critic(), which returns nullptr for models
// without such a field; a model returns non-null exactly when its
// capabilities() include kCanScore (tests/test_model_registry.cpp).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's. Failure modes:
// gs::Error for points of the wrong dimension; generator_push needs gradients
// and fails under c10::InferenceMode.
#pragma once

#include <torch/torch.h>

namespace gs {

class DataCritic {
 public:
  virtual ~DataCritic() = default;

  // The discriminator/critic score (or log-density) at data points x [N, D], [N].
  virtual torch::Tensor score(const torch::Tensor& x) = 0;
  // kAdversarial: −∂L_G/∂x at generated points x [N, D], [N, D]. Needs
  // gradients: do not call under InferenceMode.
  virtual torch::Tensor generator_push(const torch::Tensor& x) = 0;
};

}  // namespace gs
