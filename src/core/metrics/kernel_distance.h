// kernel_distance.h — KID (Bińkowski et al. 2018): the unbiased estimate of the
// squared maximum mean discrepancy between two feature sets with the cubic
// polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets
// (without replacement within a subset). Unlike FID it is unbiased: its mean
// over draws of two sets from one distribution is 0 (single values can be
// negative). The biased (V-statistic) estimate is here too, for the tests.
//
// Ownership: free functions. Thread affinity: none. Failure modes: gs::Error for
// sets of different widths or fewer than two rows, or counts out of range.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace gs {

struct KidResult {
  double mean = 0;    // mean MMD² over the subsets
  double stddev = 0;  // spread over the subsets
  int subsets = 0;
  int64_t subset_size = 0;
};

// Unbiased MMD² of two whole sets (U-statistic for the within-set terms).
double mmd2_unbiased(const torch::Tensor& x, const torch::Tensor& y);
// The biased V-statistic (diagonal included): positive in expectation even for equal distributions.
double mmd2_biased(const torch::Tensor& x, const torch::Tensor& y);

// subset_size ≤ 0: min(1000, half the smaller set), so the subsets differ.
KidResult kernel_inception_distance(const torch::Tensor& x, const torch::Tensor& y, int subsets = 20,
                                    int64_t subset_size = 0, uint64_t seed = 1);

}  // namespace gs
