// precision_recall.h — improved precision and recall of a generative model
// (Kynkäänniemi et al. 2019): each set's manifold is the union of balls around
// its feature vectors with the radius of the k-th nearest neighbour within the
// set (k = 3). Precision is the share of generated vectors inside the real
// manifold (how realistic the samples are); recall the share of real vectors
// inside the generated manifold (how much of the data the model covers).
//
// Ownership: free functions. Thread affinity: none. Failure modes: gs::Error for
// sets of different widths or with no more than k rows.
#pragma once

#include <torch/torch.h>

namespace gs {

struct PrecisionRecall {
  double precision = 0;  // 0–1
  double recall = 0;     // 0–1
};

PrecisionRecall precision_recall(const torch::Tensor& real, const torch::Tensor& generated, int k = 3);

// Share of `queries` inside the manifold of `support` (k-NN radii within `support`).
double manifold_coverage(const torch::Tensor& support, const torch::Tensor& queries, int k = 3);

}  // namespace gs
