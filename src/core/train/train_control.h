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
  enum class Kind { SampleNow, SaveNow, SetLearningRate, SetParam, StepOnce, Snapshot };
  Kind kind = Kind::SampleNow;
  std::string path;   // SaveNow: file; SetParam: key
  std::string text;   // SetParam: value
  double value = 0;   // SetLearningRate
  int part = 0;       // StepOnce: 0 both, 1 discriminator only, 2 generator only
};

class TrainControl {
 public:
  void request_stop();
  void pause();
  void resume();
  void sample_now();
  void save_now(const std::string& path);
  void set_learning_rate(double lr);
  // Changes a model parameter during training (validated against its spec; the
  // observer is warned when the change needs a rebuild).
  void set_param(const std::string& key, const std::string& value);
  // While paused: one step of both networks (part 0), D only (1) or G only (2).
  void step_once(int part = 0);
  // Asks for a copy of the model at the next safe point (between steps); it
  // arrives through TrainObserver::on_snapshot on the training thread.
  void request_snapshot();
  // Slow motion: sleep this long after every step (0 = full speed).
  void set_step_delay_ms(int ms) { delay_ms_.store(ms); }
  int step_delay_ms() const { return delay_ms_.load(std::memory_order_relaxed); }

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
  std::atomic<int> delay_ms_{0};
  void push(TrainCommand command);
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<TrainCommand> commands_;
};

}  // namespace gs
