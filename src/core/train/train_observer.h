// train_observer.h — what a training run reports: statistics at the log
// interval, sample grids, checkpoints, pauses, completion and errors.
//
// Ownership: owned by the front end, borrowed by the loop during one run.
// Thread affinity: every callback runs on the training thread; an implementation
// that feeds a GUI must hand data over through a mutex-guarded buffer or queued
// signals. Callbacks must not throw.
#pragma once

#include <string>
#include <vector>

#include "core/common/image.h"

namespace gs {

struct StepStats {
  long step = 0;               // steps completed in the session (continues across resumes)
  long total_steps = 0;        // the run's target
  double seconds = 0;          // wall time since the run started
  double steps_per_second = 0; // over the last log interval
  double images_per_second = 0;
  double eta_seconds = 0;      // to total_steps at the current rate
  std::vector<std::string> names;  // loss names, total first
  std::vector<double> values;      // mean of each loss over the interval
};

struct SampleImages {
  long step = 0;
  Image samples;          // grid decoded from the session's fixed latent batch
  Image reconstructions;  // rows: fixed test images, then their reconstructions (may be empty)
};

class TrainObserver {
 public:
  virtual ~TrainObserver() = default;
  virtual void on_stats(const StepStats&) {}
  virtual void on_samples(const SampleImages&) {}
  virtual void on_checkpoint(const std::string& /*path*/, long /*step*/) {}
  // The loop paused itself (e.g. the loss became NaN); `reason` is a full sentence.
  virtual void on_paused(const std::string& /*reason*/) {}
  // A command failed (e.g. save to a full disk); training goes on.
  virtual void on_warning(const std::string& /*message*/) {}
};

}  // namespace gs
