// cli_train.cpp — `genstudio-cli train`: trains a model headless, writing
// a run folder (run_folder.h: run.json, metrics.csv, step checkpoints thinned
// as they age, checkpoint.gsckpt) and DIR/samples.png (text models: DIR/sample.txt).
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli_commands.h"
#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/train/run_folder.h"
#include "core/train/training_session.h"
#include "terminal_progress.h"

namespace gs::cli {
namespace {

namespace fs = std::filesystem;

TrainControl* g_control = nullptr;

extern "C" void on_interrupt(int) {
  if (g_control) g_control->request_stop();
}

// Rows go to the run folder through RunWriter (metrics.csv, run.json); step
// checkpoints are thinned as they age.
class CliObserver : public TrainObserver {
 public:
  // `run` null: a data-parallel rank other than 0, which writes nothing.
  CliObserver(RunWriter* run, int keep_recent, bool quiet)
      : run_(run), keep_recent_(keep_recent), progress_(quiet), quiet_(quiet) {}

  void on_stats(const StepStats& s) override {
    if (!run_) return;
    try {
      run_->write_stats(s, seconds_offset);
    } catch (const Error& e) {
      if (!write_failed_) on_warning(e.what());
      write_failed_ = true;
    }
    last_ = s;
    progress_.update(s);
  }
  void on_samples(const SampleImages& s) override { latest_ = s; }
  void on_checkpoint(const std::string& path, long step) override {
    if (!run_) return;
    run_->checkpoint_saved(step, path, keep_recent_);
    if (!quiet_ && step != last_.total_steps) {
      progress_.finish();
      std::fprintf(stderr, "saved %s\n", path.c_str());
    }
  }
  void on_paused(const std::string& reason) override {
    progress_.finish();
    std::fprintf(stderr, "genstudio-cli: %s\n", reason.c_str());
    paused_reason = reason;
    if (g_control) g_control->request_stop();  // no one can resume a headless run
  }
  void on_warning(const std::string& message) override {
    progress_.finish();
    std::fprintf(stderr, "genstudio-cli: warning: %s\n", message.c_str());
  }

  void finish() { progress_.finish(); }
  const SampleImages& latest() const { return latest_; }
  const StepStats& last() const { return last_; }

  double seconds_offset = 0;
  std::string paused_reason;

 private:
  RunWriter* run_;
  int keep_recent_;
  bool write_failed_ = false;
  TerminalProgress progress_;
  bool quiet_;
  SampleImages latest_;
  StepStats last_;
};

}  // namespace

int run_train(const TrainOptions& o) {
  if (o.out.empty()) throw Error("--out DIR is required.");
  if (o.processes < 1) throw Error("--processes must be at least 1.");
  DistributedOptions dist;
  dist.world_size = o.world_size;
  dist.rank = o.rank;
  dist.timeout_seconds = o.dist_timeout;
  parse_master(o.master, &dist.master_host, &dist.master_port);
  dist.validate();
  const bool writer_rank = dist.rank == 0;
  if (o.steps < 1) throw Error("--steps must be at least 1.");
  if (o.log_every < 1) throw Error("--log-every must be at least 1.");
  if (o.checkpoint_every < 0) throw Error("--checkpoint-every must be 0 (only at the end) or a number of steps.");
  if (o.keep < 1) throw Error("--keep must be at least 1 (the newest step checkpoints kept before older ones thin out).");
  std::error_code ec;
  if (writer_rank) fs::create_directories(o.out, ec);
  if (ec) throw Error("Could not create the output folder '" + o.out + "': " + ec.message() + ".");

  std::unique_ptr<TrainingSession> session;
  if (!o.resume.empty()) {
    if (!o.set.empty()) throw Error("--set cannot be combined with --resume (the checkpoint fixes the parameters).");
    session = TrainingSession::open(o.resume);
  } else {
    SessionConfig config;
    config.model_id = o.model;
    config.seed = o.seed;
    config.dataset.id = o.dataset;
    config.dataset.path = o.data_path;
    config.dataset.path_b = o.data_path_b;
    config.dataset.image_size = o.image_size;
    config.dataset.channels = o.channels;
    config.dataset.limit = o.limit;
    config.dataset.only_class = o.only_class;
    for (const auto& kv : o.set) config.params.insert(parse_assignment(kv));
    session = TrainingSession::create(config);
  }
  if (!o.quiet && writer_rank) {
    std::fprintf(stderr, "%s on %s, from step %ld to %ld\n", session->model_info().name.c_str(),
                 session->dataset_description().c_str(), session->step(), o.steps);
  }
  // Skipped files are named even with --quiet: a person should know what was left out.
  bool warned_data = false;
  auto warn_data = [&] {
    if (warned_data) return;
    for (const auto& w : session->dataset_warnings()) {
      std::fprintf(stderr, "genstudio-cli: warning: %s\n", w.c_str());
      warned_data = true;
    }
  };
  warn_data();

  RunOptions run;
  run.total_steps = o.steps;
  run.log_every = o.log_every;
  run.sample_seconds = 0;
  run.sample_every = 0;
  run.checkpoint_every = o.checkpoint_every;
  run.checkpoint_dir = o.out;
  run.threads = o.threads;
  run.distributed = dist;

  const bool append = !o.resume.empty() && fs::exists(fs::path(o.out) / "metrics.csv");
  std::optional<RunWriter> writer;
  if (writer_rank) writer.emplace(o.out, session->config(), "", append);
  CliObserver observer(writer ? &*writer : nullptr, o.keep, o.quiet || !writer_rank);
  observer.seconds_offset = writer ? writer->last_seconds() : 0;  // a continued run's wall time goes on
  TrainControl control;
  g_control = &control;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const RunEnd end = session->run(run, control, observer);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_control = nullptr;
  observer.finish();
  if (!writer_rank) return observer.paused_reason.empty() ? (end == RunEnd::Finished ? 0 : 130) : 3;
  warn_data();  // a resumed session loaded its data during the run

  const std::string ckpt = (fs::path(o.out) / "checkpoint.gsckpt").string();
  session->save(ckpt);
  Image grid = observer.latest().samples;
  if (grid.empty() && observer.latest().plane.dims > 0) grid = session->sample_grid(1000, o.seed);
  if (grid.empty()) grid = observer.latest().reconstructions;
  if (!grid.empty()) write_png(grid, (fs::path(o.out) / "samples.png").string());
  const std::string sample_text = observer.latest().text;
  if (!sample_text.empty()) {
    const std::string body = sample_text + "\n";
    write_file_atomically((fs::path(o.out) / "sample.txt").string(), std::vector<uint8_t>(body.begin(), body.end()));
  }
  if (!observer.latest().reconstructions.empty()) {
    write_png(observer.latest().reconstructions, (fs::path(o.out) / "reconstructions.png").string());
  }
  if (!o.quiet) {
    const StepStats& s = observer.last();
    std::fprintf(stderr, "%s at step %ld (%.1f steps/s); wrote %s, metrics.csv, %s\n",
                 end == RunEnd::Finished ? "finished" : "stopped", session->step(),
                 s.steps_per_second, ckpt.c_str(), sample_text.empty() ? "samples.png" : "sample.txt");
    if (s.processes > 1) {
      std::fprintf(stderr, "%d processes, weights bitwise identical on every rank; averaging %.2f MB of gradients "
                   "took %.2f ms per step over the last log interval\n",
                   s.processes, s.allreduce_bytes_per_step / 1e6, 1000 * s.allreduce_seconds_per_step);
    }
    if (!sample_text.empty()) std::fprintf(stderr, "sample from the fixed prompt:\n%s\n", sample_text.c_str());
  }
  if (!observer.paused_reason.empty()) return 3;
  return end == RunEnd::Finished ? 0 : 130;
}

}  // namespace gs::cli
