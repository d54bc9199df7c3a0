#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>

#include "core/common/error.h"
#include "core/common/runtime_info.h"
#include "core/model/class_conditional.h"

namespace gs {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string checkpoint_name(const std::string& dir, long step) {
  char name[64];
  std::snprintf(name, sizeof name, "/step-%08ld.gsckpt", step);
  return dir + name;
}

void save_reporting(const TrainerHooks& hooks, TrainObserver& observer, const std::string& path,
                    long step) {
  if (!hooks.save) return;  // data-parallel ranks other than 0 write nothing
  try {
    hooks.save(path);
    observer.on_checkpoint(path, step);
  } catch (const std::exception& e) {
    observer.on_warning(std::string("The checkpoint was not saved: ") + e.what());
  }
}

}  // namespace

RunEnd run_training(GenerativeModel& model, BatchSampler& sampler, long* step,
                    const RunOptions& options, TrainControl& control, TrainObserver& observer,
                    const TrainerHooks& hooks) {
  if (options.log_every <= 0) throw Error("The log interval must be at least one step.");
  set_compute_threads(options.threads);
  if (hooks.reseed) hooks.reseed(*step);
  model.set_training(true);
  DataParallel* dp = hooks.data_parallel;
  std::optional<GradientSyncScope> sync_scope;
  bool agreed_stop = false;  // data-parallel: every rank stops at the same step
  bool agreed_pause = false;  // data-parallel: every rank waits while any rank is paused
  if (dp) {
    dp->broadcast_state(model, *step);
    sync_scope.emplace(dp);
  }

  const std::vector<std::string> names = model.loss_names();
  const auto start = Clock::now();
  auto last_log = start, last_sample = start;
  long logged_step = *step, sampled_step = *step;
  double smoothed_rate = 0;
  torch::Tensor loss_sum;
  long in_interval = 0;
  double synced_seconds = 0;  // DataParallel::allreduce_seconds() and _bytes() at the last report
  int64_t synced_bytes = 0;

  // Timed sample grids take at most about a tenth of the run: a grid that costs
  // c seconds waits at least 9c after the last one (PixelCNN draws its 64
  // samples pixel by pixel; a VAE's grid costs milliseconds and keeps the interval).
  double sample_cost = 0;
  auto emit_samples = [&] {
    if (!hooks.make_samples) return;
    const auto began = Clock::now();
    observer.on_samples(hooks.make_samples(*step));
    model.set_training(true);
    last_sample = Clock::now();
    sample_cost = seconds_between(began, last_sample);
    sampled_step = *step;
  };

  // Reports the mean losses since the last report; false when they are not finite
  // (training is then paused and the observer told why).
  auto report = [&]() -> bool {
    torch::Tensor mean = loss_sum.div(static_cast<double>(in_interval));
    if (dp) {
      // One collective carries the losses, the stop request and the pause flag.
      const int64_t n = mean.numel();
      torch::Tensor both = torch::cat({mean.to(torch::kFloat32).reshape({-1}),
                                       torch::tensor({control.paused() ? 1.0f : 0.0f})});
      agreed_stop = dp->agree(both, control.stop_requested()) || agreed_stop;
      agreed_pause = both[n].item<float>() > 0;
      mean = both.narrow(0, 0, n).contiguous();
    }
    const auto now = Clock::now();
    StepStats stats;
    stats.step = *step;
    stats.total_steps = options.total_steps;
    stats.seconds = seconds_between(start, now);
    const double dt = seconds_between(last_log, now);
    stats.steps_per_second = dt > 0 ? static_cast<double>(*step - logged_step) / dt : 0;
    smoothed_rate = smoothed_rate > 0 ? 0.8 * smoothed_rate + 0.2 * stats.steps_per_second
                                      : stats.steps_per_second;
    stats.images_per_second = stats.steps_per_second * static_cast<double>(sampler.batch_size());
    stats.eta_seconds = smoothed_rate > 0 ? (options.total_steps - *step) / smoothed_rate : 0;
    stats.names = names;
    if (dp) {
      stats.processes = dp->world_size();
      stats.allreduce_seconds_per_step = in_interval > 0 ? (dp->allreduce_seconds() - synced_seconds) / in_interval : 0;
      stats.allreduce_bytes_per_step =
          in_interval > 0 ? static_cast<double>(dp->allreduce_bytes() - synced_bytes) / in_interval : 0;
      synced_seconds = dp->allreduce_seconds();
      synced_bytes = dp->allreduce_bytes();
    }
    const float* v = mean.data_ptr<float>();
    bool finite = true;
    for (size_t i = 0; i < names.size(); ++i) {
      stats.values.push_back(v[i]);
      finite = finite && std::isfinite(v[i]);
    }
    loss_sum = torch::Tensor();
    in_interval = 0;
    last_log = now;
    logged_step = *step;
    if (!finite && dp) {
      agreed_stop = true;  // a run across processes cannot wait for a person
      observer.on_paused("The loss became NaN or infinite at step " + std::to_string(*step) +
                         ", so training stops. Lower the learning rate (or β) and train again, or "
                         "resume from the last checkpoint.");
      return false;
    }
    if (!finite) {
      control.pause();
      observer.on_paused("The loss became NaN or infinite at step " + std::to_string(*step) +
                         ", so training is paused. Lower the learning rate (or β) and train "
                         "again, or open the last checkpoint.");
      return false;
    }
    if (hooks.evaluate) {
      hooks.evaluate(&stats.metric_names, &stats.metric_values);
      model.set_training(true);
    }
    observer.on_stats(stats);
    return true;
  };

  // Class-conditional models learn from each batch's labels when the data have them.
  ClassConditional* conditional = sampler.has_labels() ? model.conditional() : nullptr;
  auto one_step = [&](TrainPart part) {
    torch::Tensor losses;
    const long syncs_before = dp ? dp->gradient_syncs() : 0;
    if (dp) dp->set_step(*step);
    if (conditional) {
      torch::Tensor batch = sampler.batch(*step);
      losses = dp ? conditional->train_step_labeled(dp->shard(batch), dp->shard(sampler.labels()))
                  : conditional->train_step_labeled(batch, sampler.labels());
    } else {
      losses = model.train_step_part(dp ? dp->shard(sampler.batch(*step)) : sampler.batch(*step), part);
    }
    if (dp && dp->gradient_syncs() == syncs_before) {
      throw Error("The model '" + model.id() + "' updates its weights without GenStudio's optimizer, so it "
                  "cannot train across processes yet; train it in one process.");
    }
    loss_sum = loss_sum.defined() ? loss_sum.add_(losses) : losses.clone();
    ++in_interval;
    ++*step;
  };

  auto send_snapshot = [&] {
    if (!hooks.snapshot) return;
    try {
      observer.on_snapshot(hooks.snapshot(), *step);
    } catch (const std::exception& e) {
      observer.on_warning(std::string("Could not copy the model for exploring: ") + e.what());
    }
  };

  auto apply_param = [&](const TrainCommand& cmd) {
    try {
      if (!hooks.set_param) throw Error("This run cannot change parameters while training.");
      if (!hooks.set_param(cmd.path, cmd.text)) {
        observer.on_warning("Changing '" + cmd.path + "' needs the model to be rebuilt; it was not applied.");
      }
    } catch (const std::exception& e) {
      observer.on_warning(e.what());
    }
  };

  while (*step < options.total_steps) {
    if (dp ? agreed_stop : control.stop_requested()) break;
    for (const TrainCommand& cmd : control.take_commands()) {
      if (dp && cmd.kind == TrainCommand::Kind::StepOnce) {
        observer.on_warning("A run across processes cannot take single steps.");
        continue;
      }
      if (dp && (cmd.kind == TrainCommand::Kind::SetLearningRate || cmd.kind == TrainCommand::Kind::SetParam)) {
        // Only this rank would change: the replicas would drift apart.
        observer.on_warning("A run across processes cannot change its parameters while it trains; stop it, "
                            "change them and train again.");
        continue;
      }
      switch (cmd.kind) {
        case TrainCommand::Kind::SampleNow: emit_samples(); break;
        case TrainCommand::Kind::SaveNow: save_reporting(hooks, observer, cmd.path, *step); break;
        case TrainCommand::Kind::SetLearningRate: model.set_learning_rate(cmd.value); break;
        case TrainCommand::Kind::SetParam: apply_param(cmd); break;
        case TrainCommand::Kind::Snapshot: send_snapshot(); break;
        case TrainCommand::Kind::StepOnce:
          if (*step < options.total_steps) {
            one_step(cmd.part == 1 ? TrainPart::DiscriminatorOnly
                                   : cmd.part == 2 ? TrainPart::GeneratorOnly : TrainPart::Both);
            report();
            emit_samples();
          }
          break;
      }
    }
    if (dp && agreed_pause) {
      // Paused across processes: every rank waits here together, agreeing every
      // 100 ms whether to go on (so no rank times out, and one that dies is named).
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      torch::Tensor held = torch::tensor({control.paused() && !control.stop_requested() ? 1.0f : 0.0f});
      agreed_stop = dp->agree(held, control.stop_requested()) || agreed_stop;
      agreed_pause = held[0].item<float>() > 0;
      last_log = Clock::now();  // a pause is not slow training
      logged_step = *step;
      continue;
    }
    if (control.paused() && !dp) {
      control.wait_while_paused();
      last_log = Clock::now();  // a pause is not slow training
      logged_step = *step;
      continue;
    }

    one_step(TrainPart::Both);
    if (*step % options.log_every == 0 || *step == options.total_steps) {
      if (!report()) continue;
    }
    if (const int delay = control.step_delay_ms(); delay > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }

    const bool time_due = options.sample_seconds > 0 && seconds_between(last_sample, Clock::now()) >=
                                                            std::max(options.sample_seconds, 9.0 * sample_cost);
    const bool step_due = options.sample_every > 0 && *step - sampled_step >= options.sample_every;
    if (time_due || step_due) emit_samples();
    if (options.checkpoint_every > 0 && !options.checkpoint_dir.empty() &&
        *step % options.checkpoint_every == 0) {
      save_reporting(hooks, observer, checkpoint_name(options.checkpoint_dir, *step), *step);
    }
  }
  // Commands that arrived during the last step still get an answer.
  for (const TrainCommand& cmd : control.take_commands()) {
    if (cmd.kind == TrainCommand::Kind::SaveNow) save_reporting(hooks, observer, cmd.path, *step);
    if (cmd.kind == TrainCommand::Kind::SetLearningRate) model.set_learning_rate(cmd.value);
    if (cmd.kind == TrainCommand::Kind::SetParam) apply_param(cmd);
    if (cmd.kind == TrainCommand::Kind::Snapshot) send_snapshot();
  }
  if (*step != sampled_step) emit_samples();
  if (dp) {
    sync_scope.reset();
    if (!dp->replicas_identical(model)) {
      throw Error("The ranks ended with different weights, so the run cannot be trusted; "
                  "check that every rank runs the same GenStudio build.");
    }
    dp->finish();
  }
  model.set_training(false);
  return *step >= options.total_steps ? RunEnd::Finished : RunEnd::Stopped;
}

}  // namespace gs
