// terminal_progress.h — one progress line on a terminal (rewritten in place),
// or a line every few seconds when stderr is not a terminal.
//
// Ownership: value type. Thread affinity: the training thread (observer callbacks).
#pragma once

#include <chrono>

#include "core/train/train_observer.h"

namespace gs::cli {

class TerminalProgress {
 public:
  explicit TerminalProgress(bool quiet);
  void update(const StepStats& stats);
  void finish();

 private:
  bool quiet_;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_line_;
};

std::string format_duration(double seconds);

}  // namespace gs::cli
