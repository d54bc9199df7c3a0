// run_reader.cpp — gs::read_run and the shared CSV and checkpoint listing
// helpers (run_folder_io.h).
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/common/error.h"
#include "core/common/json_numbers.h"
#include "core/train/checkpoint.h"
#include "core/train/run_folder.h"
#include "core/train/run_folder_io.h"

namespace gs {

namespace fs = std::filesystem;
using nlohmann::json;

int RunTable::column(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace run_io {
namespace {

std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();  // a trailing empty cell
  return cells;
}

std::string strip_cr(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool parse_cell(const std::string& cell, double* value) {
  if (cell.empty()) {
    *value = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  errno = 0;
  char* end = nullptr;
  *value = std::strtod(cell.c_str(), &end);
  return end != cell.c_str() && *end == '\0' && errno != ERANGE;
}

}  // namespace

std::vector<std::string> read_csv_header(const std::string& path) {
  std::ifstream in(path);
  std::string header;
  if (!std::getline(in, header)) return {};
  return split_cells(strip_cr(header));
}

RunTable read_csv_table(const std::string& path, int* skipped) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("Could not read '" + path + "'.");
  RunTable table;
  std::string line;
  if (!std::getline(in, line)) return table;
  table.columns = split_cells(strip_cr(line));
  while (std::getline(in, line)) {
    // A line without its newline at the end of the file was cut off while being written.
    const bool complete = !in.eof();
    line = strip_cr(line);
    if (line.empty()) continue;
    const std::vector<std::string> cells = split_cells(line);
    std::vector<double> row(cells.size());
    bool ok = complete && cells.size() == table.columns.size();
    for (size_t i = 0; ok && i < cells.size(); ++i) ok = parse_cell(cells[i], &row[i]);
    // step and seconds are never empty
    if (ok && !row.empty() && std::isnan(row[0])) ok = false;
    if (ok) {
      table.rows.push_back(std::move(row));
    } else if (skipped) {
      ++*skipped;
    }
  }
  return table;
}

std::vector<RunCheckpoint> list_step_checkpoints(const std::string& folder) {
  std::vector<RunCheckpoint> out;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // step-NNNNNNNN.gsckpt (8 or more digits)
    if (name.size() < 5 + 1 + 7 || name.rfind("step-", 0) != 0) continue;
    if (name.size() < 7 || name.compare(name.size() - 7, 7, ".gsckpt") != 0) continue;
    const std::string digits = name.substr(5, name.size() - 5 - 7);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    out.push_back({std::stol(digits), it->path().string()});
  }
  std::sort(out.begin(), out.end(), [](const RunCheckpoint& a, const RunCheckpoint& b) { return a.step < b.step; });
  return out;
}

}  // namespace run_io

namespace {

void read_run_json(const fs::path& path, RunRecord* r) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return;
  try {
    std::ifstream in(path);
    const json j = json::parse(in);
    if (!j.is_object()) return;
    r->name = j.value("name", r->name);
    r->model_id = j.value("model_id", "");
    if (j.contains("dataset") && j["dataset"].is_object()) r->dataset_id = j["dataset"].value("id", "");
    r->seed = json_whole_or(j, "seed", decltype(r->seed){0}, "The run's seed");
    r->started_utc = j.value("started_utc", "");
  } catch (const std::exception&) {
    // A damaged run.json leaves the folder's name and the checkpoint's metadata to describe the run.
  }
}

// Fills model, dataset and seed from a checkpoint's metadata when run.json did not.
void describe_from_checkpoint(const std::string& path, RunRecord* r, long* step) {
  const CheckpointMetadata meta = read_checkpoint_metadata(path);
  if (r->model_id.empty()) r->model_id = meta.config.model_id;
  if (r->dataset_id.empty()) r->dataset_id = meta.config.dataset.id;
  if (r->seed == 0) r->seed = meta.config.seed;
  if (r->started_utc.empty()) r->started_utc = meta.created_utc;
  *step = meta.step;
}

}  // namespace

RunRecord read_run(const std::string& folder_or_checkpoint) {
  std::error_code ec;
  const fs::path given(folder_or_checkpoint);
  if (!fs::exists(given, ec)) throw Error("'" + folder_or_checkpoint + "' does not exist.");
  RunRecord r;
  if (fs::is_regular_file(given, ec)) {
    const fs::path parent = given.parent_path().empty() ? fs::path(".") : given.parent_path();
    if (fs::exists(parent / "metrics.csv", ec)) return read_run(parent.string());
    r.name = given.stem().string();
    long step = 0;
    describe_from_checkpoint(given.string(), &r, &step);  // throws "… is not a GenStudio checkpoint."
    r.checkpoints.push_back({step, given.string()});
    r.latest_checkpoint = given.string();
    return r;
  }
  const fs::path metrics = given / "metrics.csv";
  const fs::path latest = given / "checkpoint.gsckpt";
  std::vector<RunCheckpoint> steps = run_io::list_step_checkpoints(given.string());
  if (!fs::exists(metrics, ec) && !fs::exists(latest, ec) && steps.empty()) {
    throw Error("'" + folder_or_checkpoint + "' has no metrics.csv and is not a checkpoint.");
  }
  r.folder = given.string();
  r.name = given.filename().empty() ? given.parent_path().filename().string() : given.filename().string();
  read_run_json(given / "run.json", &r);
  if (fs::exists(metrics, ec)) r.metrics = run_io::read_csv_table(metrics.string(), &r.skipped_rows);
  if (fs::exists(given / "quality.csv", ec)) {
    r.quality = run_io::read_csv_table((given / "quality.csv").string(), &r.skipped_rows);
  }
  r.checkpoints = steps;
  if (fs::exists(latest, ec)) {
    long step = -1;
    try {
      describe_from_checkpoint(latest.string(), &r, &step);
    } catch (const Error&) {
      step = -1;  // a damaged latest checkpoint is left out; the step checkpoints still list
    }
    if (step >= 0) {
      r.latest_checkpoint = latest.string();
      const bool known = std::any_of(steps.begin(), steps.end(), [&](const RunCheckpoint& c) { return c.step == step; });
      if (!known) r.checkpoints.push_back({step, latest.string()});
    }
  }
  if (r.latest_checkpoint.empty() && !r.checkpoints.empty()) r.latest_checkpoint = r.checkpoints.back().path;
  if (r.model_id.empty() && !r.checkpoints.empty()) {
    long step = 0;
    try {
      describe_from_checkpoint(r.checkpoints.back().path, &r, &step);
    } catch (const Error&) {
    }
  }
  std::stable_sort(r.checkpoints.begin(), r.checkpoints.end(),
                   [](const RunCheckpoint& a, const RunCheckpoint& b) { return a.step < b.step; });
  return r;
}

}  // namespace gs
