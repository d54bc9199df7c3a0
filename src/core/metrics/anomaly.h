// anomaly.h — what anomaly scoring computes from a list of scores (higher =
// more anomalous): the ROC curve and AUROC of telling anomalies from normal
// items, the items ranked from most to least typical, and histograms of the
// scores per class on common bins. Plain std, no LibTorch, so the studio and
// the CLI use it directly.
//
// AUROC is exact: the probability that a random anomaly scores above a random
// normal item, ties counting one half (the Mann–Whitney U statistic divided by
// n_anomalies·n_normal); the ROC curve has one point per distinct score, so
// tied scores give a diagonal segment and the trapezoid area under the curve
// equals that probability.
//
// Ownership: free functions returning values. Thread affinity: none. Failure
// modes: gs::Error with a sentence when the inputs cannot define the result
// (different lengths, no anomalies or no normal items, non-finite scores).
#pragma once

#include <string>
#include <vector>

namespace gs {

struct RocCurve {
  std::vector<double> fpr;  // from 0 to 1, one point per distinct threshold (plus the origin)
  std::vector<double> tpr;
  double auroc = 0;
  int positives = 0;  // anomalies
  int negatives = 0;  // normal items
};

// is_anomaly[i] != 0 marks item i as an anomaly (positive).
RocCurve roc_curve(const std::vector<double>& scores, const std::vector<int>& is_anomaly);

// Normal class given: every item whose label differs from it is an anomaly;
// items with label < 0 (unknown) are left out.
RocCurve roc_for_normal_class(const std::vector<double>& scores, const std::vector<int>& labels, int normal_class);

// Item indices from the most typical (lowest score) to the least typical; ties
// keep their original order.
std::vector<int> rank_by_score(const std::vector<double>& scores);

struct ScoreHistograms {
  double low = 0, high = 0;              // common bin range over every score
  int bins = 0;
  std::vector<int> classes;              // the label of each histogram (−1: unknown)
  std::vector<std::vector<int>> counts;  // [class][bin]; every item counted once
};

// One histogram per distinct label (sorted), `bins` equal bins from the lowest
// to the highest score (the highest falls in the last bin).
ScoreHistograms score_histograms(const std::vector<double>& scores, const std::vector<int>& labels, int bins);

}  // namespace gs
