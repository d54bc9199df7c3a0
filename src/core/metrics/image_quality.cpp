#include "core/metrics/image_quality.h"

#include "core/common/error.h"

namespace gs {
namespace {

void check(const torch::Tensor& a, const torch::Tensor& b) {
  if (a.dim() != 4 || a.sizes() != b.sizes()) throw Error("Image quality needs two batches of the same image shape.");
}

}  // namespace

double psnr(const torch::Tensor& a, const torch::Tensor& b) {
  check(a, b);
  torch::Tensor mse = (a.to(torch::kFloat64) - b.to(torch::kFloat64)).pow(2).mean({1, 2, 3});
  torch::Tensor db = 10 * torch::log10(1.0 / mse.clamp_min(1e-10));
  return db.mean().item<double>();
}

double ssim(const torch::Tensor& a_in, const torch::Tensor& b_in) {
  check(a_in, b_in);
  const int64_t c = a_in.size(1);
  const int64_t k = std::min<int64_t>({11, a_in.size(2), a_in.size(3)});
  torch::Tensor g = torch::arange(k, torch::kFloat64) - (k - 1) / 2.0;
  g = torch::exp(-g.pow(2) / (2 * 1.5 * 1.5));
  g = g / g.sum();
  torch::Tensor window = g.unsqueeze(1).matmul(g.unsqueeze(0)).expand({c, 1, k, k}).contiguous();
  auto blur = [&](const torch::Tensor& x) {
    namespace F = torch::nn::functional;
    return F::conv2d(x, window, F::Conv2dFuncOptions().groups(c));
  };
  torch::Tensor a = a_in.to(torch::kFloat64), b = b_in.to(torch::kFloat64);
  torch::Tensor mu_a = blur(a);
  torch::Tensor mu_b = blur(b);
  torch::Tensor saa = blur(a * a) - mu_a.pow(2);
  torch::Tensor sbb = blur(b * b) - mu_b.pow(2);
  torch::Tensor sab = blur(a * b) - mu_a * mu_b;
  const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
  torch::Tensor map = ((2 * mu_a * mu_b + c1) * (2 * sab + c2)) / ((mu_a.pow(2) + mu_b.pow(2) + c1) * (saa + sbb + c2));
  return map.mean().item<double>();
}

}  // namespace gs
