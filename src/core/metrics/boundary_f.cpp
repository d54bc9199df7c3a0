#include "core/metrics/boundary_f.h"

#include <cmath>
#include <limits>
#include <vector>

#include "core/common/error.h"

namespace gs {
namespace {

// Hopcroft–Karp on a bipartite graph given as adjacency lists of the left side.
class HopcroftKarp {
 public:
  HopcroftKarp(const std::vector<std::vector<int>>& adj, int right)
      : adj_(adj), match_l_(adj.size(), -1), match_r_(static_cast<size_t>(right), -1), dist_(adj.size()) {}

  int64_t run() {
    int64_t matching = 0;
    while (bfs()) {
      for (size_t u = 0; u < adj_.size(); ++u) {
        if (match_l_[u] < 0 && dfs(static_cast<int>(u))) ++matching;
      }
    }
    return matching;
  }

 private:
  static constexpr int kInf = std::numeric_limits<int>::max();

  bool bfs() {
    std::vector<int> queue;
    queue.reserve(adj_.size());
    for (size_t u = 0; u < adj_.size(); ++u) {
      if (match_l_[u] < 0) {
        dist_[u] = 0;
        queue.push_back(static_cast<int>(u));
      } else {
        dist_[u] = kInf;
      }
    }
    bool found = false;
    for (size_t head = 0; head < queue.size(); ++head) {
      const int u = queue[head];
      for (int v : adj_[static_cast<size_t>(u)]) {
        const int w = match_r_[static_cast<size_t>(v)];
        if (w < 0) {
          found = true;
        } else if (dist_[static_cast<size_t>(w)] == kInf) {
          dist_[static_cast<size_t>(w)] = dist_[static_cast<size_t>(u)] + 1;
          queue.push_back(w);
        }
      }
    }
    return found;
  }

  bool dfs(int u) {
    for (int v : adj_[static_cast<size_t>(u)]) {
      const int w = match_r_[static_cast<size_t>(v)];
      if (w < 0 || (dist_[static_cast<size_t>(w)] == dist_[static_cast<size_t>(u)] + 1 && dfs(w))) {
        match_l_[static_cast<size_t>(u)] = v;
        match_r_[static_cast<size_t>(v)] = u;
        return true;
      }
    }
    dist_[static_cast<size_t>(u)] = kInf;
    return false;
  }

  const std::vector<std::vector<int>>& adj_;
  std::vector<int> match_l_, match_r_, dist_;
};

}  // namespace

BoundaryMatch match_boundaries(const uint8_t* predicted, const uint8_t* truth, int height, int width,
                               double tolerance) {
  if (!(tolerance >= 0)) throw Error("The boundary tolerance cannot be negative.");
  const int r = static_cast<int>(std::floor(tolerance));
  std::vector<std::pair<int, int>> offsets;
  for (int dy = -r; dy <= r; ++dy)
    for (int dx = -r; dx <= r; ++dx)
      if (dx * dx + dy * dy <= tolerance * tolerance + 1e-9) offsets.emplace_back(dy, dx);
  std::vector<int> truth_id(static_cast<size_t>(height) * width, -1);
  BoundaryMatch m;
  for (int i = 0; i < height * width; ++i) {
    if (truth[i]) truth_id[static_cast<size_t>(i)] = static_cast<int>(m.truth++);
  }
  std::vector<std::vector<int>> adj;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (!predicted[y * width + x]) continue;
      ++m.predicted;
      std::vector<int> near;
      for (const auto& [dy, dx] : offsets) {
        const int yy = y + dy, xx = x + dx;
        if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
        const int id = truth_id[static_cast<size_t>(yy * width + xx)];
        if (id >= 0) near.push_back(id);
      }
      adj.push_back(std::move(near));
    }
  }
  if (m.predicted > 0 && m.truth > 0) m.matched = HopcroftKarp(adj, static_cast<int>(m.truth)).run();
  return m;
}

BoundaryF boundary_f_from_counts(const BoundaryMatch& m) {
  BoundaryF f;
  f.precision = m.predicted > 0 ? static_cast<double>(m.matched) / static_cast<double>(m.predicted) : 0.0;
  f.recall = m.truth > 0 ? static_cast<double>(m.matched) / static_cast<double>(m.truth) : 0.0;
  f.f = f.precision + f.recall > 0 ? 2 * f.precision * f.recall / (f.precision + f.recall) : 0.0;
  return f;
}

BoundaryF boundary_f_measure(const torch::Tensor& predicted, const torch::Tensor& truth, double tolerance,
                             int thresholds) {
  if (!predicted.defined() || !truth.defined() || !predicted.sizes().equals(truth.sizes()) ||
      (predicted.dim() != 3 && predicted.dim() != 4) || (predicted.dim() == 4 && predicted.size(1) != 1)) {
    throw Error("The boundary F-measure needs predicted and true edge maps of the same single-channel shape.");
  }
  if (thresholds < 1) throw Error("The boundary F-measure needs at least one threshold.");
  const int64_t n = predicted.size(0);
  const int h = static_cast<int>(predicted.size(-2)), w = static_cast<int>(predicted.size(-1));
  const torch::Tensor p = predicted.reshape({n, h * w}).to(torch::kFloat32).contiguous();
  const torch::Tensor t = truth.reshape({n, h * w}).gt(0.5).to(torch::kUInt8).contiguous();
  const float* pp = p.data_ptr<float>();
  const uint8_t* tp = t.data_ptr<uint8_t>();
  std::vector<uint8_t> binary(static_cast<size_t>(h) * w);
  BoundaryF best;
  best.images = n;
  best.f = -1;
  for (int k = 0; k < thresholds; ++k) {
    const float th = static_cast<float>(k + 1) / static_cast<float>(thresholds + 1);
    BoundaryMatch sum;
    for (int64_t i = 0; i < n; ++i) {
      const float* row = pp + i * h * w;
      for (int j = 0; j < h * w; ++j) binary[static_cast<size_t>(j)] = row[j] >= th ? 1 : 0;
      const BoundaryMatch m = match_boundaries(binary.data(), tp + i * h * w, h, w, tolerance);
      sum.predicted += m.predicted;
      sum.truth += m.truth;
      sum.matched += m.matched;
    }
    BoundaryF f = boundary_f_from_counts(sum);
    if (f.f > best.f) {
      f.threshold = th;
      f.images = n;
      best = f;
    }
  }
  return best;
}

}  // namespace gs
