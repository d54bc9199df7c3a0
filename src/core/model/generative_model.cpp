#include "core/model/generative_model.h"

#include "core/common/error.h"

namespace gs {

std::string ImageShape::text() const {
  return std::to_string(channels) + "×" + std::to_string(height) + "×" + std::to_string(width);
}

torch::Tensor GenerativeModel::decode(const torch::Tensor&) {
  throw Error("The model '" + id() + "' cannot decode latents.");
}

torch::Tensor GenerativeModel::encode(const torch::Tensor&) {
  throw Error("The model '" + id() + "' cannot encode images.");
}

torch::Tensor GenerativeModel::reconstruct(const torch::Tensor&) {
  throw Error("The model '" + id() + "' cannot reconstruct images.");
}

torch::Tensor GenerativeModel::prior_sample(int64_t n, torch::Generator& gen) const {
  return torch::randn({n, latent_dim()}, gen);
}

}  // namespace gs
