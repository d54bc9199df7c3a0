#include "core/metrics/kernel_distance.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "core/common/error.h"

namespace gs {
namespace {

void check(const torch::Tensor& x, const torch::Tensor& y) {
  if (!x.defined() || !y.defined() || x.dim() != 2 || y.dim() != 2 || x.size(1) != y.size(1)) {
    throw Error("KID needs two feature sets of the same width.");
  }
  if (x.size(0) < 2 || y.size(0) < 2) throw Error("KID needs at least two feature vectors in each set.");
}

torch::Tensor kernel(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.matmul(b.t()) / static_cast<double>(a.size(1)) + 1.0).pow(3);
}

double mmd2(const torch::Tensor& x_in, const torch::Tensor& y_in, bool unbiased) {
  check(x_in, y_in);
  torch::NoGradGuard guard;
  const torch::Tensor x = x_in.to(torch::kFloat64), y = y_in.to(torch::kFloat64);
  const double m = static_cast<double>(x.size(0)), n = static_cast<double>(y.size(0));
  const torch::Tensor kxx = kernel(x, x), kyy = kernel(y, y), kxy = kernel(x, y);
  double sxx = kxx.sum().item<double>(), syy = kyy.sum().item<double>();
  const double sxy = kxy.sum().item<double>();
  if (unbiased) {
    sxx -= kxx.diagonal().sum().item<double>();
    syy -= kyy.diagonal().sum().item<double>();
    return sxx / (m * (m - 1)) + syy / (n * (n - 1)) - 2 * sxy / (m * n);
  }
  return sxx / (m * m) + syy / (n * n) - 2 * sxy / (m * n);
}

}  // namespace

double mmd2_unbiased(const torch::Tensor& x, const torch::Tensor& y) { return mmd2(x, y, true); }
double mmd2_biased(const torch::Tensor& x, const torch::Tensor& y) { return mmd2(x, y, false); }

KidResult kernel_inception_distance(const torch::Tensor& x, const torch::Tensor& y, int subsets,
                                    int64_t subset_size, uint64_t seed) {
  check(x, y);
  if (subsets < 1 || subsets > 1000) throw Error("KID needs between 1 and 1000 subsets.");
  const int64_t most = std::min(x.size(0), y.size(0));
  if (subset_size <= 0) subset_size = std::min<int64_t>(1000, std::max<int64_t>(2, most / 2));
  if (subset_size < 2 || subset_size > most) {
    throw Error("The KID subset size must be between 2 and the size of the smaller set (" + std::to_string(most) + ").");
  }
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::vector<double> v;
  v.reserve(static_cast<size_t>(subsets));
  for (int s = 0; s < subsets; ++s) {
    torch::Tensor ix = torch::randperm(x.size(0), gen, torch::kInt64).narrow(0, 0, subset_size);
    torch::Tensor iy = torch::randperm(y.size(0), gen, torch::kInt64).narrow(0, 0, subset_size);
    v.push_back(mmd2_unbiased(x.index_select(0, ix), y.index_select(0, iy)));
  }
  KidResult r;
  r.subsets = subsets;
  r.subset_size = subset_size;
  for (double d : v) r.mean += d;
  r.mean /= static_cast<double>(v.size());
  for (double d : v) r.stddev += (d - r.mean) * (d - r.mean);
  r.stddev = v.size() > 1 ? std::sqrt(r.stddev / static_cast<double>(v.size() - 1)) : 0.0;
  return r;
}

}  // namespace gs
