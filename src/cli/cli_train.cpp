// cli_train.cpp — `genstudio-cli train`: trains a model headless, writing
// DIR/metrics.csv, checkpoints and DIR/samples.png (text models: DIR/sample.txt).
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_commands.h"
#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/train/training_session.h"
#include "terminal_progress.h"

namespace gs::cli {
namespace {

namespace fs = std::filesystem;

TrainControl* g_control = nullptr;

extern "C" void on_interrupt(int) {
  if (g_control) g_control->request_stop();
}

// The metric columns of an existing metrics.csv header (after step, seconds and the losses).
std::vector<std::string> read_metric_columns(const std::string& csv_path, size_t losses) {
  std::ifstream in(csv_path);
  std::string header, cell;
  std::getline(in, header);
  std::vector<std::string> cells;
  std::istringstream fields(header);
  while (std::getline(fields, cell, ',')) cells.push_back(cell);
  if (cells.size() <= 2 + losses) return {};
  return std::vector<std::string>(cells.begin() + 2 + static_cast<long>(losses), cells.end());
}

class CliObserver : public TrainObserver {
 public:
  CliObserver(const std::string& csv_path, bool append, bool quiet)
      : progress_(quiet), quiet_(quiet) {
    csv_.open(csv_path, append ? std::ios::app : std::ios::trunc);
    if (!csv_) throw Error("Could not write '" + csv_path + "'.");
    header_written_ = append;
    csv_path_ = csv_path;
  }

  void on_stats(const StepStats& s) override {
    if (header_written_ && !columns_known_) metric_columns_ = read_metric_columns(csv_path_, s.names.size());
    columns_known_ = true;
    if (!header_written_) {
      csv_ << "step,seconds";
      for (const auto& n : s.names) csv_ << "," << n;
      for (const auto& n : s.metric_names) csv_ << "," << n;
      csv_ << "\n";
      header_written_ = true;
      metric_columns_ = s.metric_names;
    }
    char buf[64];
    csv_ << s.step;
    std::snprintf(buf, sizeof buf, ",%.3f", s.seconds + seconds_offset);
    csv_ << buf;
    for (double v : s.values) {
      std::snprintf(buf, sizeof buf, ",%.6g", v);
      csv_ << buf;
    }
    // Metrics evaluated at an interval (test bits/dim) leave their cells empty in between.
    for (const auto& column : metric_columns_) {
      csv_ << ",";
      for (size_t i = 0; i < s.metric_names.size() && i < s.metric_values.size(); ++i) {
        if (s.metric_names[i] != column) continue;
        std::snprintf(buf, sizeof buf, "%.6g", s.metric_values[i]);
        csv_ << buf;
      }
    }
    csv_ << "\n";
    csv_.flush();
    last_ = s;
    progress_.update(s);
  }
  void on_samples(const SampleImages& s) override { latest_ = s; }
  void on_checkpoint(const std::string& path, long step) override {
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
  std::ofstream csv_;
  bool header_written_ = false;
  std::vector<std::string> metric_columns_;
  std::string csv_path_;
  bool columns_known_ = false;
  TerminalProgress progress_;
  bool quiet_;
  SampleImages latest_;
  StepStats last_;
};

}  // namespace

int run_train(const TrainOptions& o) {
  if (o.out.empty()) throw Error("--out DIR is required.");
  if (o.steps < 1) throw Error("--steps must be at least 1.");
  if (o.log_every < 1) throw Error("--log-every must be at least 1.");
  std::error_code ec;
  fs::create_directories(o.out, ec);
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
  if (!o.quiet) {
    std::fprintf(stderr, "%s on %s, from step %ld to %ld\n", session->model_info().name.c_str(),
                 session->dataset_description().c_str(), session->step(), o.steps);
  }

  RunOptions run;
  run.total_steps = o.steps;
  run.log_every = o.log_every;
  run.sample_seconds = 0;
  run.sample_every = 0;
  run.checkpoint_every = o.checkpoint_every;
  run.checkpoint_dir = o.out;
  run.threads = o.threads;

  const bool append = !o.resume.empty() && fs::exists(fs::path(o.out) / "metrics.csv");
  CliObserver observer((fs::path(o.out) / "metrics.csv").string(), append, o.quiet);
  TrainControl control;
  g_control = &control;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const RunEnd end = session->run(run, control, observer);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_control = nullptr;
  observer.finish();

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
    if (!sample_text.empty()) std::fprintf(stderr, "sample from the fixed prompt:\n%s\n", sample_text.c_str());
  }
  if (!observer.paused_reason.empty()) return 3;
  return end == RunEnd::Finished ? 0 : 130;
}

}  // namespace gs::cli
