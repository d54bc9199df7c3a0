// boundary_f.h — the tolerance-based boundary F-measure edge detectors are
// scored by on the BSDS500 benchmark: predicted edge pixels are matched one to
// one with true edge pixels no further than `tolerance` pixels apart (a maximum
// bipartite matching, Hopcroft–Karp, over the pixel pairs within the
// tolerance), so a true edge cannot vouch for a thick band of predictions.
// Precision = matched / predicted, recall = matched / true, F their harmonic
// mean; over a soft map the counts are summed over all images at each
// threshold and the best F is kept (BSDS's "optimal dataset scale").
//
// Ownership: free functions on tensors and raw maps. Thread affinity: none.
// Failure modes: gs::Error for maps of different shapes, a negative tolerance or
// fewer than one threshold.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace gs {

struct BoundaryMatch {
  int64_t predicted = 0;  // predicted edge pixels
  int64_t truth = 0;      // true edge pixels
  int64_t matched = 0;    // pairs in the maximum matching
};

// One binary map pair (row-major h × w, non-zero = edge).
BoundaryMatch match_boundaries(const uint8_t* predicted, const uint8_t* truth, int height, int width,
                               double tolerance = 2.0);

struct BoundaryF {
  double precision = 0, recall = 0, f = 0;
  double threshold = 0.5;  // the best threshold of the soft map
  int64_t images = 0;
};

// F from summed counts (0 when nothing was predicted or nothing is true).
BoundaryF boundary_f_from_counts(const BoundaryMatch& m);

// predicted: soft maps [N, 1, H, W] (or [N, H, W]) in [0, 1]; truth: the same
// shape, an edge where > 0.5. Thresholds (i + 1) / (thresholds + 1), i < thresholds.
BoundaryF boundary_f_measure(const torch::Tensor& predicted, const torch::Tensor& truth, double tolerance = 2.0,
                             int thresholds = 24);

}  // namespace gs
