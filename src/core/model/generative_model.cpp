#include "core/model/generative_model.h"

#include "core/common/error.h"

namespace gs {

std::string ImageShape::text() const {
  if (points) return std::to_string(channels) + "-D points";
  if (is_text) return "text, " + std::to_string(vocabulary.size()) + " characters";
  if (domains == 2) {
    return "two domains of " + std::to_string(channels) + "×" + std::to_string(height) + "×" + std::to_string(width);
  }
  return std::to_string(channels) + "×" + std::to_string(height) + "×" + std::to_string(width);
}

std::vector<int64_t> ImageShape::batch_sizes(int64_t n) const {
  if (points) return {n, channels};
  return {n, channels, height, width};
}

torch::Tensor GenerativeModel::train_step_part(const torch::Tensor& batch, TrainPart part) {
  if (part != TrainPart::Both) throw Error("The model '" + id() + "' has no separate networks to step.");
  return train_step(batch);
}

bool GenerativeModel::set_live_param(const std::string&, const std::string&) { return false; }

torch::Tensor GenerativeModel::decode(const torch::Tensor&) {
  throw Error("The model '" + id() + "' cannot decode latents.");
}

torch::Tensor GenerativeModel::encode(const torch::Tensor&) {
  throw Error("The model '" + id() + "' cannot encode images.");
}

torch::Tensor GenerativeModel::reconstruct(const torch::Tensor&) {
  throw Error("The model '" + id() + "' cannot reconstruct images.");
}

torch::Tensor GenerativeModel::features(const torch::Tensor& z) {
  return decode(z).reshape({z.size(0), -1});
}

torch::Tensor GenerativeModel::prior_sample(int64_t n, torch::Generator& gen) const {
  return torch::randn({n, latent_dim()}, gen);
}

}  // namespace gs
