#include "core/metrics/anomaly.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/common/error.h"

namespace gs {
namespace {

void check_finite(const std::vector<double>& scores) {
  for (double s : scores) {
    if (!std::isfinite(s)) throw Error("An anomaly score is not a finite number, so no ranking or ROC can be made.");
  }
}

}  // namespace

RocCurve roc_curve(const std::vector<double>& scores, const std::vector<int>& is_anomaly) {
  if (scores.size() != is_anomaly.size()) throw Error("There must be one label for each anomaly score.");
  check_finite(scores);
  RocCurve roc;
  for (int a : is_anomaly) (a ? roc.positives : roc.negatives)++;
  if (roc.positives == 0 || roc.negatives == 0) {
    throw Error("An ROC curve needs both normal items and anomalies; these scores have " +
                std::to_string(roc.negatives) + " normal and " + std::to_string(roc.positives) + " anomalous.");
  }
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  roc.fpr.push_back(0);
  roc.tpr.push_back(0);
  double tp = 0, fp = 0, area = 0;
  const double P = roc.positives, N = roc.negatives;
  for (size_t i = 0; i < order.size();) {
    // Every item with this score crosses the threshold at once.
    double dtp = 0, dfp = 0;
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      (is_anomaly[order[j]] ? dtp : dfp) += 1;
      ++j;
    }
    area += dfp * (tp + 0.5 * dtp);  // trapezoid: ties count one half
    tp += dtp;
    fp += dfp;
    roc.fpr.push_back(fp / N);
    roc.tpr.push_back(tp / P);
    i = j;
  }
  roc.auroc = area / (P * N);
  return roc;
}

RocCurve roc_for_normal_class(const std::vector<double>& scores, const std::vector<int>& labels, int normal_class) {
  if (scores.size() != labels.size()) throw Error("There must be one class label for each anomaly score.");
  std::vector<double> s;
  std::vector<int> a;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (labels[i] < 0) continue;
    s.push_back(scores[i]);
    a.push_back(labels[i] != normal_class ? 1 : 0);
  }
  return roc_curve(s, a);
}

std::vector<int> rank_by_score(const std::vector<double>& scores) {
  check_finite(scores);
  std::vector<int> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] < scores[b]; });
  return order;
}

ScoreHistograms score_histograms(const std::vector<double>& scores, const std::vector<int>& labels, int bins) {
  if (scores.size() != labels.size()) throw Error("There must be one class label for each anomaly score.");
  if (bins < 1) throw Error("A histogram needs at least one bin.");
  check_finite(scores);
  ScoreHistograms h;
  h.bins = bins;
  if (scores.empty()) return h;
  h.low = *std::min_element(scores.begin(), scores.end());
  h.high = *std::max_element(scores.begin(), scores.end());
  h.classes = labels;
  std::sort(h.classes.begin(), h.classes.end());
  h.classes.erase(std::unique(h.classes.begin(), h.classes.end()), h.classes.end());
  h.counts.assign(h.classes.size(), std::vector<int>(bins, 0));
  const double width = h.high > h.low ? (h.high - h.low) / bins : 1.0;
  for (size_t i = 0; i < scores.size(); ++i) {
    const size_t c = std::lower_bound(h.classes.begin(), h.classes.end(), labels[i]) - h.classes.begin();
    const int b = std::min(bins - 1, static_cast<int>((scores[i] - h.low) / width));
    h.counts[c][std::max(0, b)]++;
  }
  return h;
}

}  // namespace gs
