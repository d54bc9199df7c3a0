// train_control.h — how a front end steers a running training loop.
//
// The loop checks the control once per step (never blocking while running).
// Stop and pause are atomic flags a busy worker can see without its event loop;
// one-off commands (sample now, save now, change the learning rate) are queued.
//
// Ownership: owned by the front end, borrowed by the loop for the length of one
// run. Thread affinity: every method is safe from any thread.
// Failure modes: none; commands queued after the run ends are kept for the next run.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>

namespace gs {

struct TrainCommand {
  enum class Kind { SampleNow, SaveNow, SetLearningRate };
  Kind kind = Kind::SampleNow;
  std::string path;   // SaveNow
  double value = 0;   // SetLearningRate
};

class TrainControl {
 public:
  void request_stop();
  void pause();
  void resume();
  void sample_now();
  void save_now(const std::string& path);
  void set_learning_rate(double lr);

  bool stop_requested() const { return stop_.load(std::memory_order_relaxed); }
  bool paused() const { return paused_.load(std::memory_order_relaxed); }

  // Clears stop/pause before a new run (queued commands are kept).
  void reset();

  // Loop side: takes every queued command (non-blocking).
  std::deque<TrainCommand> take_commands();
  // Loop side: returns as soon as the control is not paused, a stop is requested
  // or a command arrives; otherwise sleeps without spinning.
  void wait_while_paused();

 private:
  std::atomic<bool> stop_{false};
  std::atomic<bool> paused_{false};
  std::atomic<bool> has_commands_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<TrainCommand> commands_;
};

}  // namespace gs
