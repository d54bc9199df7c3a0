#include "core/train/train_control.h"

namespace gs {

void TrainControl::request_stop() {
  stop_.store(true);
  wake_.notify_all();
}

void TrainControl::pause() { paused_.store(true); }

void TrainControl::resume() {
  paused_.store(false);
  wake_.notify_all();
}

void TrainControl::reset() {
  stop_.store(false);
  paused_.store(false);
}

void TrainControl::push(TrainCommand command) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(std::move(command));
    has_commands_.store(true);
  }
  wake_.notify_all();
}

void TrainControl::sample_now() { push({TrainCommand::Kind::SampleNow, {}, {}, 0, 0}); }

void TrainControl::save_now(const std::string& path) { push({TrainCommand::Kind::SaveNow, path, {}, 0, 0}); }

void TrainControl::set_learning_rate(double lr) {
  push({TrainCommand::Kind::SetLearningRate, {}, {}, lr, 0});
}

void TrainControl::set_param(const std::string& key, const std::string& value) {
  push({TrainCommand::Kind::SetParam, key, value, 0, 0});
}

void TrainControl::request_snapshot() { push({TrainCommand::Kind::Snapshot, {}, {}, 0, 0}); }

void TrainControl::step_once(int part) { push({TrainCommand::Kind::StepOnce, {}, {}, 0, part}); }

std::deque<TrainCommand> TrainControl::take_commands() {
  if (!has_commands_.load(std::memory_order_acquire)) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  std::deque<TrainCommand> out;
  out.swap(commands_);
  has_commands_.store(false);
  return out;
}

void TrainControl::wait_while_paused() {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return !paused_.load() || stop_.load() || !commands_.empty(); });
}

}  // namespace gs
