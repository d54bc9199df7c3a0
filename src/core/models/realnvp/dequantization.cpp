#include "core/models/realnvp/dequantization.h"

#include <cmath>

namespace gs {

torch::Tensor dequantize(const torch::Tensor& x01, const torch::Tensor& u) {
  return (torch::round(x01.clamp(0, 1) * 255) + u) / 256.0;
}

torch::Tensor logit_transform(const torch::Tensor& y, double alpha, torch::Tensor& logdet) {
  const torch::Tensor p = y * (1 - 2 * alpha) + alpha;
  const torch::Tensor log_p = torch::log(p), log_q = torch::log1p(-p);
  logdet = logdet + (std::log(1 - 2 * alpha) - log_p - log_q).flatten(1).sum(1);
  return log_p - log_q;
}

torch::Tensor inverse_logit_transform(const torch::Tensor& xp, double alpha) {
  return (torch::sigmoid(xp) - alpha) / (1 - 2 * alpha);
}

torch::Tensor quantized_image(const torch::Tensor& y) { return ((y * 256 - 0.5) / 255).clamp(0, 1); }

torch::Tensor discrete_nll_nats(const torch::Tensor& log_density_y, int64_t dims) {
  return -log_density_y + static_cast<double>(dims) * std::log(256.0);
}

}  // namespace gs
