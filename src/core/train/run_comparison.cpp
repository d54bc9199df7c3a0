#include "core/train/run_comparison.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace gs {
namespace {

const double kNaN = std::nan("");

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string number(double v) {
  if (!std::isfinite(v)) return {};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Last and best finite value of a column (NaN when it has none).
void last_and_best(const RunTable& t, int col, Better better, double* last, double* best) {
  *last = *best = kNaN;
  if (col < 0) return;
  for (const auto& row : t.rows) {
    if (col >= static_cast<int>(row.size()) || !std::isfinite(row[col])) continue;
    const double v = row[col];
    *last = v;
    if (!std::isfinite(*best) || (better == Better::Higher ? v > *best : v < *best)) *best = v;
  }
}

double last_of(const RunTable& t, const char* name) {
  double last = kNaN, best = kNaN;
  last_and_best(t, t.column(name), Better::Higher, &last, &best);
  return last;
}

}  // namespace

Better metric_direction(const std::string& column) {
  const std::string c = lower(column);
  if (c == "step" || c.empty()) return Better::Neither;
  // Higher first: "f" and "elbo" would otherwise match nothing or a loss rule.
  static const char* kHigher[] = {"precision", "recall", "accuracy", "psnr", "ssim", "modes", "high_quality",
                                  "high-quality", "quality_share", "elbo", "f_measure", "fmeasure", "auroc",
                                  "log_likelihood", "loglik", "coverage"};
  for (const char* h : kHigher) {
    if (has(c, h)) return has(c, "neg") ? Better::Lower : Better::Higher;
  }
  if (c == "f" || c == "f1" || c.rfind("f_", 0) == 0 || c.rfind("f1_", 0) == 0) return Better::Higher;
  return Better::Lower;  // losses, fid, kid, nll, bits/dim, errors, kl, js, seconds …
}

const char* better_text(Better better) {
  switch (better) {
    case Better::Lower: return "lower is better";
    case Better::Higher: return "higher is better";
    case Better::Neither: break;
  }
  return "";
}

std::vector<double> ema_smooth(const std::vector<double>& values, double weight) {
  const double w = std::clamp(weight, 0.0, 0.999);
  std::vector<double> out(values.size());
  double last = 0;
  int count = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    ++count;
    out[i] = last / (1 - std::pow(w, count));
  }
  return out;
}

RunCurve run_curve(const RunTable& table, const std::string& column, bool wall_time) {
  RunCurve curve;
  const int c = table.column(column);
  const int x = table.column(wall_time ? "seconds" : "step");
  if (c < 0 || x < 0) return curve;
  for (const auto& row : table.rows) {
    if (c >= static_cast<int>(row.size()) || x >= static_cast<int>(row.size())) continue;
    if (!std::isfinite(row[c]) || !std::isfinite(row[x])) continue;
    curve.x.push_back(row[x]);
    curve.y.push_back(row[c]);
  }
  return curve;
}

std::vector<std::string> comparison_series(const std::vector<RunRecord>& runs) {
  std::vector<std::string> out;
  const auto add = [&out](const RunTable& t) {
    for (const auto& c : t.columns) {
      if (c == "step" || c == "seconds") continue;
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
  };
  for (const auto& r : runs) add(r.metrics);
  for (const auto& r : runs) add(r.quality);
  return out;
}

ComparisonTable compare_runs(const std::vector<RunRecord>& runs) {
  ComparisonTable t;
  t.columns = {{"run", "", false}, {"model", "", false}, {"dataset", "", false}, {"steps", "", true},
               {"wall time (s)", "", true}};
  const std::vector<std::string> series = comparison_series(runs);
  for (const auto& s : series) {
    const Better b = metric_direction(s);
    t.columns.push_back({s + " last", s, true, b});
    t.columns.push_back({s + " best", s, true, b});
  }
  for (const auto& r : runs) {
    std::vector<double> v(t.columns.size(), kNaN);
    double steps = last_of(r.metrics, "step");
    if (!std::isfinite(steps) && !r.checkpoints.empty()) steps = static_cast<double>(r.checkpoints.back().step);
    v[3] = steps;
    v[4] = last_of(r.metrics, "seconds");
    for (size_t i = 0; i < series.size(); ++i) {
      const Better b = metric_direction(series[i]);
      const RunTable& table = r.metrics.column(series[i]) >= 0 ? r.metrics : r.quality;
      last_and_best(table, table.column(series[i]), b, &v[5 + 2 * i], &v[6 + 2 * i]);
    }
    std::vector<std::string> text = {r.name, r.model_id, r.dataset_id};
    for (size_t c = 3; c < v.size(); ++c) text.push_back(number(v[c]));
    t.text.push_back(std::move(text));
    t.values.push_back(std::move(v));
  }
  for (size_t c = 0; c < t.columns.size(); ++c) {
    ComparisonColumn& col = t.columns[c];
    if (col.better == Better::Neither) continue;
    for (size_t r = 0; r < t.values.size(); ++r) {
      const double v = t.values[r][c];
      if (!std::isfinite(v)) continue;
      const double best = col.best_row < 0 ? kNaN : t.values[col.best_row][c];
      if (col.best_row < 0 || (col.better == Better::Higher ? v > best : v < best)) col.best_row = static_cast<int>(r);
    }
  }
  return t;
}

std::string comparison_csv(const ComparisonTable& t) {
  std::string out;
  for (size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_cell(t.columns[c].title);
  out += "\n";
  for (const auto& row : t.text) {
    for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csv_cell(row[c]);
    out += "\n";
  }
  out += "best";
  for (size_t c = 1; c < t.columns.size(); ++c) {
    const ComparisonColumn& col = t.columns[c];
    out += ",";
    if (col.best_row >= 0) out += csv_cell(t.text[col.best_row][0] + " (" + better_text(col.better) + ")");
  }
  return out + "\n";
}

}  // namespace gs
