// run_writer.cpp — gs::RunWriter (declared in run_folder.h): run.json written
// atomically, metrics.csv and quality.csv appended one flushed line at a time,
// step checkpoints thinned with checkpoints_to_keep.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/common/utc_time.h"
#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/train/run_folder.h"
#include "core/train/run_folder_io.h"

namespace gs {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void write_json(const fs::path& path, const json& j) {
  const std::string text = j.dump(2) + "\n";
  write_file_atomically(path.string(), std::vector<uint8_t>(text.begin(), text.end()));
}

// One CSV file written a whole line at a time; its header is fixed by the first
// line (or read back from an existing file when a run continues).
class CsvAppender {
 public:
  void open(const fs::path& path, bool append) {
    path_ = path;
    std::error_code ec;
    if (!append) {
      fs::remove(path, ec);  // a new run in a used folder starts its tables afresh
      return;
    }
    if (fs::exists(path, ec) && fs::file_size(path, ec) > 0) {
      columns_ = run_io::read_csv_header(path.string());
      // A row cut off by a crash has no newline: end it, so the next row starts on its own line.
      std::ifstream in(path, std::ios::binary | std::ios::ate);
      if (in && in.tellg() > 0) {
        in.seekg(-1, std::ios::end);
        char last = 0;
        in.get(last);
        needs_newline_ = last != '\n';
      }
    }
  }
  bool has_header() const { return !columns_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }
  void write_header(const std::vector<std::string>& columns) {
    columns_ = columns;
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) line += (i ? "," : "") + columns[i];
    write_line(line);
  }
  void write_line(const std::string& line) {
    std::ofstream out(path_, std::ios::app | std::ios::binary);
    if (needs_newline_) out << "\n";
    needs_newline_ = false;
    out << line << "\n";
    out.flush();
    if (!out) throw Error("Could not append to '" + path_.string() + "' (is the disk full?).");
  }

 private:
  fs::path path_;
  std::vector<std::string> columns_;
  bool needs_newline_ = false;
};

std::string format_number(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

struct RunWriter::Impl {
  std::string folder;
  CsvAppender metrics, quality;
  size_t loss_count = 0;
  double last_seconds = 0;
  long last_step = -1;
};

std::string new_run_folder_name(const std::string& model_id, const std::string& dataset_id) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  auto safe = [](std::string s) {
    for (char& c : s) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
      if (!ok) c = '_';
    }
    return s.empty() ? std::string("run") : s;
  };
  return std::string(buf) + "-" + safe(model_id) + "-" + safe(dataset_id);
}

std::string step_checkpoint_path(const std::string& folder, long step) {
  char name[64];
  std::snprintf(name, sizeof name, "/step-%08ld.gsckpt", step);
  return folder + name;
}

RunWriter::RunWriter(const std::string& folder, const SessionConfig& config, const std::string& name,
                     bool append)
    : impl_(std::make_unique<Impl>()) {
  impl_->folder = folder;
  const fs::path dir(folder);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    throw Error("Could not create the run folder '" + folder + "' (" + ec.message() + ").");
  }
  const fs::path run_json = dir / "run.json";
  json j;
  bool have_json = false;
  if (append && fs::exists(run_json, ec)) {
    try {
      std::ifstream in(run_json);
      j = json::parse(in);
      have_json = j.is_object();
    } catch (const std::exception&) {
      have_json = false;  // a damaged run.json is written again below
    }
  }
  if (!have_json) {
    j = json::object();
    j["format"] = "genstudio-run";
    j["format_version"] = 1;
    j["name"] = name.empty() ? dir.filename().string() : name;
    j["model_id"] = config.model_id;
    j["dataset"] = {{"id", config.dataset.id},
                    {"path", config.dataset.path},
                    {"path_b", config.dataset.path_b},
                    {"image_size", config.dataset.image_size},
                    {"channels", config.dataset.channels},
                    {"limit", config.dataset.limit},
                    {"only_class", config.dataset.only_class}};
    j["seed"] = config.seed;
    j["params"] = config.params;
    j["started_utc"] = utc_now_iso8601();
  } else {
    j["resumed_utc"].push_back(utc_now_iso8601());
  }
  write_json(run_json, j);

  impl_->metrics.open(dir / "metrics.csv", append);
  impl_->quality.open(dir / "quality.csv", append);
  if (append) {
    const RunTable existing = run_io::read_csv_table(folder + "/metrics.csv", nullptr);
    const int seconds = existing.column("seconds");
    const int step = existing.column("step");
    if (!existing.rows.empty() && seconds >= 0 && step >= 0) {
      impl_->last_seconds = existing.rows.back()[static_cast<size_t>(seconds)];
      impl_->last_step = static_cast<long>(existing.rows.back()[static_cast<size_t>(step)]);
    }
  }
}

RunWriter::~RunWriter() = default;

const std::string& RunWriter::folder() const { return impl_->folder; }

double RunWriter::last_seconds() const { return impl_->last_seconds; }

long RunWriter::last_step() const { return impl_->last_step; }

void RunWriter::write_stats(const StepStats& s, double seconds_offset) {
  if (!impl_->metrics.has_header()) {
    std::vector<std::string> columns{"step", "seconds"};
    columns.insert(columns.end(), s.names.begin(), s.names.end());
    columns.insert(columns.end(), s.metric_names.begin(), s.metric_names.end());
    impl_->metrics.write_header(columns);
    impl_->loss_count = s.names.size();
  } else if (impl_->loss_count == 0) {
    impl_->loss_count = s.names.size();
  }
  std::string line = std::to_string(s.step);
  const double seconds = s.seconds + seconds_offset;
  line += format_number(",%.3f", seconds);
  for (double v : s.values) line += format_number(",%.6g", v);
  // Metrics evaluated at an interval (test bits/dim) leave their cells empty in between.
  const auto& columns = impl_->metrics.columns();
  for (size_t c = 2 + impl_->loss_count; c < columns.size(); ++c) {
    line += ",";
    for (size_t i = 0; i < s.metric_names.size() && i < s.metric_values.size(); ++i) {
      if (s.metric_names[i] == columns[c]) line += format_number("%.6g", s.metric_values[i]);
    }
  }
  impl_->metrics.write_line(line);
  impl_->last_seconds = seconds;
  impl_->last_step = s.step;
}

void RunWriter::write_quality(long step, double seconds, const std::vector<std::string>& keys,
                              const std::vector<double>& values) {
  if (!impl_->quality.has_header()) {
    std::vector<std::string> columns{"step", "seconds"};
    columns.insert(columns.end(), keys.begin(), keys.end());
    impl_->quality.write_header(columns);
  }
  std::string line = std::to_string(step) + format_number(",%.3f", seconds);
  const auto& columns = impl_->quality.columns();
  for (size_t c = 2; c < columns.size(); ++c) {
    line += ",";
    for (size_t i = 0; i < keys.size() && i < values.size(); ++i) {
      if (keys[i] == columns[c] && std::isfinite(values[i])) line += format_number("%.6g", values[i]);
    }
  }
  impl_->quality.write_line(line);
}

void RunWriter::checkpoint_saved(long step, const std::string& path, int keep_recent) {
  (void)step;
  (void)path;
  const std::vector<RunCheckpoint> files = run_io::list_step_checkpoints(impl_->folder);
  std::vector<long> steps;
  steps.reserve(files.size());
  for (const auto& f : files) steps.push_back(f.step);
  const std::vector<long> keep = checkpoints_to_keep(steps, keep_recent);
  for (const auto& f : files) {
    if (std::binary_search(keep.begin(), keep.end(), f.step)) continue;
    std::error_code ec;
    fs::remove(f.path, ec);  // a file that cannot be removed stays; the next call tries again
  }
}

}  // namespace gs
