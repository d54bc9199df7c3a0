// run_folder.h — a training run on disk, written the same way by the CLI and
// the studio and read back by the compare view and the checkpoint timeline:
//   DIR/run.json          model id, dataset, seed, resolved parameters, started (UTC), name
//   DIR/metrics.csv       step, seconds, the losses, the metrics (empty cells where a metric
//                         was not evaluated at that row), one row per log interval
//   DIR/quality.csv       step, seconds and the QualityReport metrics of each evaluation
//   DIR/step-NNNNNNNN.gsckpt  checkpoints kept at an interval, thinned as they age
//   DIR/checkpoint.gsckpt the latest
//
// Ownership: RunWriter owns its open files; RunRecord is a value. Thread
// affinity: a RunWriter is used from one thread (the training thread), except
// that write_quality touches only quality.csv's state and may be called from
// one other thread while the training thread writes stats and checkpoints (the
// studio's Metrics panel does, with the writer's lifetime guarded by the
// caller); reading is free of shared state. Failure modes: gs::Error with a sentence when the
// folder cannot be created or written (a full disk), or a folder or checkpoint
// is not a run ("… has no metrics.csv and is not a checkpoint"); a damaged
// metrics.csv row is skipped and counted in RunRecord::skipped_rows, not fatal.
// Every file write is atomic or append-only with flushed whole lines.
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/train/training_session.h"

namespace gs {

struct RunCheckpoint {
  long step = 0;
  std::string path;
};

// A table of numbers by column; NaN marks an empty cell.
struct RunTable {
  std::vector<std::string> columns;          // "step", "seconds", then losses and metrics
  std::vector<std::vector<double>> rows;
  int column(const std::string& name) const;  // −1 when absent
};

struct RunRecord {
  std::string folder;             // empty when only a checkpoint file was read
  std::string name;               // run.json's name, else the folder's name, else the file's
  std::string model_id, dataset_id;
  unsigned long seed = 0;
  std::string started_utc;
  RunTable metrics;               // metrics.csv
  RunTable quality;               // quality.csv (may be empty)
  std::vector<RunCheckpoint> checkpoints;  // by step, the latest included
  std::string latest_checkpoint;  // empty when the run has none
  int skipped_rows = 0;
};

// Reads a run folder, or a checkpoint file (its folder's run when that folder
// holds metrics.csv, else the checkpoint alone with empty tables).
RunRecord read_run(const std::string& folder_or_checkpoint);

// Which step checkpoints to keep (sorted steps in, sorted steps out): all of
// the newest `keep_recent`, and older ones thinned so that the spacing between
// kept ones doubles with age — disk use grows with the log of the run's length.
// The first and the newest are always kept.
std::vector<long> checkpoints_to_keep(const std::vector<long>& steps, int keep_recent);

// "20261201T174800Z-gan-ring8": a new run's folder name from the current UTC
// time, the model and the dataset (characters unsafe in file names become '_').
std::string new_run_folder_name(const std::string& model_id, const std::string& dataset_id);

// DIR/step-NNNNNNNN.gsckpt, the name the trainer gives step checkpoints.
std::string step_checkpoint_path(const std::string& folder, long step);

class RunWriter {
 public:
  // Creates DIR (and run.json) or, with append, continues an existing run (a resume).
  RunWriter(const std::string& folder, const SessionConfig& config, const std::string& name, bool append);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  const std::string& folder() const;
  // The last row's seconds and step (after append: of the existing metrics.csv;
  // 0 and −1 when there is none), so a continued run's wall time goes on.
  double last_seconds() const;
  long last_step() const;
  void write_stats(const StepStats& stats, double seconds_offset = 0);
  void write_quality(long step, double seconds, const std::vector<std::string>& keys,
                     const std::vector<double>& values);
  // After a step checkpoint was written: records it and deletes the ones
  // checkpoints_to_keep drops.
  void checkpoint_saved(long step, const std::string& path, int keep_recent = 8);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
