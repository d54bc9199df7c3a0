// cli_anomaly.cpp — `genstudio-cli eval` (test NLL in nats and bits/dim — text
// models: validation nats and bits per character, in cli_text.cpp — or the
// per-pixel baseline) and `genstudio-cli anomaly` (a score per image, the ROC
// AUROC of a normal class against the others).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include "cli_commands.h"
#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/explore/anomaly_explorer.h"
#include "core/explore/explorer.h"
#include "core/explore/rbm_explorer.h"
#include "core/metrics/anomaly.h"
#include "core/model/capabilities.h"
#include "terminal_progress.h"

namespace gs::cli {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void print_summary(const char* what, const LikelihoodSummary& s) {
  std::printf("model,dataset,images,nll_nats,bits_per_dim,likelihood\n");
  std::printf("%s,%s,%ld,%.3f,%.4f,%s\n", what, s.dataset.c_str(), s.images, s.nats, s.bits_per_dim,
              s.bound ? "upper bound" : "exact");
}

// AIS for an energy model, with a progress line on stderr.
int run_ais_eval(const Explorer& explorer, const EvalOptions& o) {
  if (!o.dataset.empty()) throw Error("--dataset is not supported for energy models; they are evaluated on their own test set.");
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  const RbmAisSummary s = RbmExplorer(explorer).ais(o.ais_runs, o.ais_betas, o.limit, [&](double f) {
    const auto now = std::chrono::steady_clock::now();
    if (f < 1 && now - last < std::chrono::milliseconds(tty ? 200 : 5000)) return true;
    last = now;
    const double elapsed = std::chrono::duration<double>(now - start).count();
    std::fprintf(stderr, "%sAIS %3.0f%%  %d runs × %d temperatures  %s elapsed, %s left%s", tty ? "\r" : "", f * 100,
                 o.ais_runs, o.ais_betas, format_duration(elapsed).c_str(),
                 format_duration(f > 0 ? elapsed * (1 - f) / f : -1).c_str(), tty ? "   " : "\n");
    std::fflush(stderr);
    return true;
  });
  if (tty) std::fprintf(stderr, "\n");
  std::printf("model,dataset,images,ais_runs,ais_temperatures,log_z,log_z_stderr,test_free_energy,test_log_likelihood_nats\n");
  std::printf("%s,%s,%ld,%d,%d,%.3f,%.3f,%.3f,%.3f\n", explorer.model_info().id.c_str(), csv_field(s.dataset).c_str(),
              s.images, s.runs, s.temperatures, s.log_z, s.log_z_spread, s.test_free_energy, s.test_log_likelihood);
  std::fprintf(stderr,
               "%s at step %ld: test log-likelihood %.2f ± %.2f nats (3 standard errors of log Z over %d AIS runs; "
               "log Z_base %.2f); %ld binarised test images; %.1f s\n",
               explorer.model_info().id.c_str(), explorer.step(), s.test_log_likelihood, 3 * s.log_z_spread, s.runs,
               s.log_z_base, s.images, s.seconds);
  return 0;
}

}  // namespace

// Text models: validation nats and bits per character (cli_text.cpp).
int run_text_eval(Explorer& explorer, const EvalOptions& o);

int run_eval(const EvalOptions& o) {
  if (o.limit < 0) throw Error("--limit cannot be negative.");
  if (o.baseline) {
    if (!o.checkpoint.empty()) throw Error("--baseline evaluates the per-pixel baseline; leave out --checkpoint.");
    if (!(o.pseudo_count > 0)) throw Error("--pseudo-count must be positive.");
    DatasetSpec spec;
    spec.id = o.dataset.empty() ? "fashion-mnist" : o.dataset;
    spec.path = o.data_path;
    const LikelihoodSummary s = AnomalyExplorer::pixel_baseline(spec, o.pseudo_count, o.limit);
    print_summary("per-pixel-histogram", s);
    std::fprintf(stderr, "per-pixel 256-way histograms fitted on the training set, pseudo-count %g; %.1f s\n",
                 o.pseudo_count, s.seconds);
    return 0;
  }
  if (o.checkpoint.empty()) throw Error("Give --checkpoint PATH (or --baseline for the per-pixel baseline).");
  auto explorer = Explorer::open(o.checkpoint);
  if (explorer->capabilities() & kHasEnergy) return run_ais_eval(*explorer, o);
  if (explorer->capabilities() & kGeneratesText) return run_text_eval(*explorer, o);
  if (!(explorer->capabilities() & kCanLogProb)) {
    throw Error("The model '" + explorer->model_info().id + "' in '" + o.checkpoint +
                "' has no likelihood, so there is no test NLL or bits/dim to report.");
  }
  const LikelihoodSummary s = AnomalyExplorer(*explorer).evaluate_test_likelihood(o.dataset, o.limit);
  print_summary(explorer->model_info().id.c_str(), s);
  std::fprintf(stderr, "%s at step %ld: %ld test images in %.1f s (%s)\n", explorer->model_info().id.c_str(),
               explorer->step(), s.images, s.seconds,
               s.bound ? "an upper bound on the NLL" : "the exact NLL");
  return 0;
}

int run_anomaly(const AnomalyOptions& o) {
  if (o.checkpoint.empty() || o.out.empty()) throw Error("--checkpoint and --out are required.");
  if (o.limit < 0) throw Error("--limit cannot be negative.");
  auto explorer = Explorer::open(o.checkpoint);
  const AnomalyExplorer anomaly(*explorer);
  const std::string why = anomaly.unavailable_reason();
  if (!why.empty()) throw Error(why);
  const AnomalyScores s = o.folder.empty() ? anomaly.score_test_set(o.limit) : anomaly.score_folder(o.folder);
  for (const auto& w : s.warnings) std::fprintf(stderr, "genstudio-cli: warning: %s\n", w.c_str());

  const int normal = o.normal_class >= 0 ? o.normal_class : anomaly.trained_class();
  std::ostringstream csv;
  csv << (o.folder.empty() ? "index" : "file") << ",label,class,score\n";
  for (size_t i = 0; i < s.scores.size(); ++i) {
    const int label = s.labels[i];
    csv << (o.folder.empty() ? std::to_string(s.indices[i]) : csv_field(s.files[i])) << ","
        << (label >= 0 ? std::to_string(label) : "") << ","
        << (label >= 0 && label < static_cast<int>(s.class_names.size()) ? csv_field(s.class_names[label]) : "") << ",";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", s.scores[i]);
    csv << buf << "\n";
  }
  std::string summary = std::to_string(s.scores.size()) + " images scored by " + s.score_name + " in " +
                        std::to_string(static_cast<int>(s.seconds * 1000)) + " ms";
  if (normal >= 0 && normal < static_cast<int>(s.class_names.size())) {
    const RocCurve roc = roc_for_normal_class(s.scores, s.labels, normal);
    char buf[160];
    std::snprintf(buf, sizeof buf, "; normal class %d (%s): AUROC %.4f (%d normal, %d anomalous)", normal,
                  s.class_names[normal].c_str(), roc.auroc, roc.negatives, roc.positives);
    summary += buf;
  } else if (normal >= 0) {
    throw Error("There is no class " + std::to_string(normal) + " among the scored images' classes.");
  }
  csv << "# " << summary << "\n";
  const std::string text = csv.str();
  write_file_atomically(o.out, std::vector<uint8_t>(text.begin(), text.end()));
  std::printf("%s\n", summary.c_str());
  std::fprintf(stderr, "%s; wrote %s\n", s.method.c_str(), o.out.c_str());
  return 0;
}

}  // namespace gs::cli
