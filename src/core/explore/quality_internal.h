// quality_internal.h — what quality_explorer.cpp and quality_family.cpp share
// (core only, includes LibTorch): the progress/cancel stage helper and the
// family-metrics entry point.
//
// Ownership: Stage borrows the caller's callback. Thread affinity: the
// explorer's thread. Failure modes: as evaluate_quality.
#pragma once

#include <torch/torch.h>

#include <string>

#include "core/explore/quality_explorer.h"
#include "core/train/session_impl.h"

namespace gs::quality {

// Maps progress of one stage onto [from, to] of the whole run; remembers a cancel.
class Stage {
 public:
  explicit Stage(const QualityProgress& cb) : cb_(cb) {}
  bool report(double fraction, const std::string& stage) {
    if (cancelled_) return false;
    if (cb_ && !cb_(std::clamp(fraction, 0.0, 1.0), stage)) cancelled_ = true;
    return !cancelled_;
  }
  bool cancelled() const { return cancelled_; }

 private:
  const QualityProgress& cb_;
  bool cancelled_ = false;
};

QualityMetric metric(const std::string& key, const std::string& label, double value, bool higher_is_better,
                     double reference = std::numeric_limits<double>::quiet_NaN(), const std::string& note = "");

// n generated items [n, ...] (decode of prior draws, in chunks of ≤ 256),
// reporting progress in [from, to]; undefined when cancelled.
torch::Tensor draw_samples(TrainingSession::Impl& impl, int64_t n, unsigned long seed, Stage& stage, double from,
                           double to, const std::string& label);

// The family's own numbers (likelihood, ELBO, reconstruction, 2-D modes,
// translation, text), progress in [0.85, 1].
void add_family_metrics(Explorer& explorer, const QualityOptions& options, Stage& stage, QualityReport* report);

}  // namespace gs::quality
