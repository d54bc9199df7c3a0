// trainer.h — the synchronous training loop shared by the studio and the CLI.
//
// run_training() steps `model` on batches from `sampler` until `*step` reaches
// options.total_steps or control asks to stop. Once per step it reads the
// control (stop, pause, queued commands); at the log interval it synchronises
// once to read the losses (the only .item() in the loop), checks them for NaN/Inf
// (then pauses and tells the observer why) and reports StepStats; samples and
// checkpoints go through `hooks`. With hooks.data_parallel the loop is the
// same on every rank, in lockstep (see TrainerHooks::data_parallel).
//
// Ownership: borrows everything. Thread affinity: the calling (training) thread;
// the observer is called on it. Failure modes: exceptions from the model
// propagate (the session translates them); a failing save is reported through
// observer.on_warning and training continues.
#pragma once

#include <functional>

#include "core/model/generative_model.h"
#include "core/train/batch_sampler.h"
#include "core/train/distributed/data_parallel.h"
#include "core/train/train_control.h"
#include "core/train/train_observer.h"
#include "core/train/training_session.h"

namespace gs {

struct TrainerHooks {
  std::function<SampleImages(long step)> make_samples;
  std::function<void(const std::string& path)> save;  // throws gs::Error on failure
  std::function<std::vector<uint8_t>()> snapshot;      // the model as bytes
  std::function<void(long step)> reseed;              // called once before the first step
  // Quality metrics at the log interval (names, values); may be empty.
  std::function<void(std::vector<std::string>* names, std::vector<double>* values)> evaluate;
  // Validates and applies a live parameter change; throws gs::Error when invalid,
  // returns false when the change needs the model to be rebuilt.
  std::function<bool(const std::string& key, const std::string& value)> set_param;
  // Data-parallel runs (null otherwise): the state is broadcast from rank 0,
  // each step trains on this rank's shard with gradients averaged, losses,
  // stop and pause requests are agreed at the log interval (a pause on any
  // rank holds every rank, which agree every 100 ms while they wait, so none
  // times out); single steps and live parameter changes are refused with a
  // warning (every rank must take the same steps with the same settings).
  DataParallel* data_parallel = nullptr;
};

RunEnd run_training(GenerativeModel& model, BatchSampler& sampler, long* step,
                    const RunOptions& options, TrainControl& control, TrainObserver& observer,
                    const TrainerHooks& hooks);

}  // namespace gs
