#include "core/models/ddpm/class_guidance.h"

#include <cmath>
#include <string>

#include "core/common/error.h"

namespace gs {

torch::Tensor class_indices(const torch::Tensor& labels, int64_t num_classes, int64_t n) {
  if (!labels.defined() || labels.dim() != 1 || labels.size(0) != n) {
    throw Error("Give one class label per image (" + std::to_string(n) + "); got " +
                (labels.defined() ? std::to_string(labels.numel()) : std::string("none")) + ".");
  }
  if (labels.is_floating_point()) throw Error("Class labels must be whole numbers.");
  torch::Tensor y = labels.to(torch::kLong);
  if (n > 0) {
    const int64_t lo = y.min().item<int64_t>(), hi = y.max().item<int64_t>();
    if (lo < -1 || hi >= num_classes) {
      throw Error("The class label " + std::to_string(lo < -1 ? lo : hi) + " is outside 0 … " +
                  std::to_string(num_classes - 1) + " (the model learned " + std::to_string(num_classes) +
                  " classes; −1 means any class).");
    }
  }
  return torch::where(y < 0, torch::full_like(y, num_classes), y);
}

void check_guidance(double w) {
  if (!std::isfinite(w) || w < 0) {
    throw Error("The guidance scale w must be 0 (the conditional model alone) or more; got " + std::to_string(w) + ".");
  }
}

torch::Tensor combine_guidance(const torch::Tensor& cond, const torch::Tensor& uncond, double w) {
  return cond * (1.0 + w) - uncond * w;
}

torch::Tensor guided_output(Denoiser& net, const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y,
                            int64_t null_class, double w) {
  if (w == 0.0 || (y == null_class).all().item<bool>()) return net.forward_labeled(x, t, y);
  const int64_t n = x.size(0);
  torch::Tensor out = net.forward_labeled(torch::cat({x, x}), torch::cat({t, t}),
                                          torch::cat({y, torch::full_like(y, null_class)}));
  return combine_guidance(out.narrow(0, 0, n), out.narrow(0, n, n), w);
}

}  // namespace gs
