// checkpoint_thinning.cpp — gs::checkpoints_to_keep (declared in run_folder.h).
//
// The rule works on ages measured in checkpoint intervals (the interval is the
// greatest common divisor of the steps after the first): the newest
// `keep_recent` are kept; an older step of age a (in intervals, counted from
// the newest) is kept when its index step/interval is a multiple of
// 2^(k+1), k = floor(log2(a / keep_recent)). Ages [R, 2R) keep every second
// step, [2R, 4R) every fourth, and so on, so each doubling of age keeps about
// R/2 checkpoints and the total grows with the log of the run's length.
//
// Because the spacing only ever grows with age and is a power of two, a step
// the rule drops once is dropped at every later call (monotone), applying the
// rule to its own output changes nothing (idempotent), and thinning after
// every checkpoint keeps exactly what thinning once at the end would.
#include <algorithm>
#include <numeric>

#include "core/train/run_folder.h"

namespace gs {

std::vector<long> checkpoints_to_keep(const std::vector<long>& input, int keep_recent) {
  std::vector<long> steps = input;
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  const long recent = std::max(2, keep_recent);
  if (static_cast<long>(steps.size()) <= recent + 1) return steps;

  long interval = 0;
  for (size_t i = 1; i < steps.size(); ++i) interval = std::gcd(interval, std::abs(steps[i]));
  if (interval <= 0) return steps;

  const long newest = steps.back();
  const size_t first_recent = steps.size() - static_cast<size_t>(recent);
  std::vector<long> kept;
  kept.reserve(64);
  kept.push_back(steps.front());
  for (size_t i = 1; i < first_recent; ++i) {
    const long age = (newest - steps[i]) / interval;  // ≥ recent for these
    int k = 0;
    while ((recent << (k + 1)) <= age && k < 60) ++k;
    const long spacing = 2L << std::min(k, 61);
    if ((steps[i] / interval) % spacing == 0) kept.push_back(steps[i]);
  }
  for (size_t i = std::max<size_t>(first_recent, 1); i < steps.size(); ++i) kept.push_back(steps[i]);
  return kept;
}

}  // namespace gs
