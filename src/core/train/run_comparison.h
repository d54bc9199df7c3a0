// run_comparison.h — what the compare view computes from several runs
// (run_folder.h), kept out of the widgets so it is tested on its own: which
// direction is better for a loss or metric column, TensorBoard-style smoothing
// of a curve, and the comparison table (one row per run: model, dataset,
// steps, wall time, the last and the best value of every loss and metric
// column of metrics.csv and quality.csv) with the best row of each column, and
// that table as CSV.
//
// Ownership: values and free functions. Thread affinity: none. Failure modes:
// none throw; a run without a value in a column has NaN there (an empty CSV
// cell), a column no run has a value in has no best row (−1).
#pragma once

#include <string>
#include <vector>

#include "core/train/run_folder.h"

namespace gs {

enum class Better { Lower, Higher, Neither };

// By the column's name: losses, FID, KID, NLL, bits/dim, errors, KL/JS and
// seconds are better lower; precision, recall, accuracy, PSNR, SSIM, modes
// covered, high-quality share, F-measures and ELBO higher; step and unknown
// names neither (a plain loss name — "loss", "d_loss", "recon" — is lower).
Better metric_direction(const std::string& column);
const char* better_text(Better better);  // "lower is better", "higher is better", ""

// TensorBoard's smoothing: an exponential moving average with weight w in
// [0, 1) (0: the raw values), debiased so the first points are not pulled to
// zero. Non-finite values are passed through and do not enter the average.
std::vector<double> ema_smooth(const std::vector<double>& values, double weight);

// The values of `column` with their x (the step, or with wall_time the
// seconds), rows where the column is empty left out.
struct RunCurve {
  std::vector<double> x, y;
};
RunCurve run_curve(const RunTable& table, const std::string& column, bool wall_time);

// Loss and metric columns (not step and seconds) of the runs, in first-seen
// order: metrics.csv's, then quality.csv's that metrics.csv lacks.
std::vector<std::string> comparison_series(const std::vector<RunRecord>& runs);

struct ComparisonColumn {
  std::string title;     // "run", "model", "dataset", "steps", "wall time (s)", "fid last", "fid best"
  std::string series;    // the loss or metric it summarises (empty for the first five)
  bool numeric = false;
  Better better = Better::Neither;
  int best_row = -1;     // the row holding the best value (−1: none, or not ranked)
};

struct ComparisonTable {
  std::vector<ComparisonColumn> columns;
  std::vector<std::vector<std::string>> text;  // rows × columns, as shown ("" when empty)
  std::vector<std::vector<double>> values;     // rows × columns, NaN for text and empty cells
};

ComparisonTable compare_runs(const std::vector<RunRecord>& runs);

// RFC 4180 CSV: a header row, one row per run, then a row "best" naming the
// best run of each ranked column.
std::string comparison_csv(const ComparisonTable& table);

}  // namespace gs
