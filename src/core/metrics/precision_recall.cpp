#include "core/metrics/precision_recall.h"

#include "core/common/error.h"

namespace gs {
namespace {

constexpr int64_t kChunk = 1024;

// Squared distances [A, B] (clamped at 0 against round-off).
torch::Tensor sq_distances(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& b_norms) {
  torch::Tensor d = a.pow(2).sum(1, true) + b_norms.unsqueeze(0) - 2 * a.matmul(b.t());
  return d.clamp_min(0);
}

}  // namespace

double manifold_coverage(const torch::Tensor& support_in, const torch::Tensor& queries_in, int k) {
  if (!support_in.defined() || !queries_in.defined() || support_in.dim() != 2 || queries_in.dim() != 2 ||
      support_in.size(1) != queries_in.size(1)) {
    throw Error("Precision and recall need two feature sets of the same width.");
  }
  if (k < 1 || support_in.size(0) <= k) {
    throw Error("Precision and recall need more than " + std::to_string(k) + " feature vectors in each set.");
  }
  if (queries_in.size(0) == 0) return 0;
  torch::NoGradGuard guard;
  const torch::Tensor s = support_in.to(torch::kFloat64), q = queries_in.to(torch::kFloat64);
  const torch::Tensor s_norms = s.pow(2).sum(1);
  // k-th neighbour radius within the support: the (k+1)-th smallest distance (the first is the point itself).
  std::vector<torch::Tensor> radii;
  for (int64_t i = 0; i < s.size(0); i += kChunk) {
    torch::Tensor d = sq_distances(s.narrow(0, i, std::min(kChunk, s.size(0) - i)), s, s_norms);
    radii.push_back(std::get<0>(d.topk(k + 1, 1, /*largest=*/false, /*sorted=*/true)).select(1, k));
  }
  const torch::Tensor r = torch::cat(radii);  // squared radii [S]
  int64_t inside = 0;
  for (int64_t i = 0; i < q.size(0); i += kChunk) {
    torch::Tensor d = sq_distances(q.narrow(0, i, std::min(kChunk, q.size(0) - i)), s, s_norms);
    inside += d.le(r.unsqueeze(0)).any(1).sum().item<int64_t>();
  }
  return static_cast<double>(inside) / static_cast<double>(q.size(0));
}

PrecisionRecall precision_recall(const torch::Tensor& real, const torch::Tensor& generated, int k) {
  PrecisionRecall pr;
  pr.precision = manifold_coverage(real, generated, k);
  pr.recall = manifold_coverage(generated, real, k);
  return pr;
}

}  // namespace gs
