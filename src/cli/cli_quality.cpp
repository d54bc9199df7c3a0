// cli_quality.cpp — `genstudio-cli train-classifier` (GenStudio's Fashion-MNIST
// classifier for the quality metrics) and `genstudio-cli eval --quality`.
#include <ATen/Parallel.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <unistd.h>

#include "cli_commands.h"
#include "core/common/error.h"
#include "core/data/fashion_mnist.h"
#include "core/explore/explorer.h"
#include "core/explore/quality_explorer.h"
#include "core/metrics/fashion_classifier.h"
#include "terminal_progress.h"

namespace gs::cli {

int run_train_classifier(const TrainClassifierOptions& o) {
  if (o.out.empty()) throw Error("Give --out FILE for the classifier.");
  if (o.epochs < 1 || o.epochs > 100) throw Error("--epochs must be between 1 and 100.");
  if (o.threads < 0) throw Error("--threads cannot be negative.");
  if (o.threads > 0) at::set_num_threads(o.threads);
  const ImageDataset data = load_fashion_mnist(o.data_path);
  ClassifierTraining how;
  how.epochs = o.epochs;
  how.seed = o.seed;
  how.command = o.command;
  const auto t0 = std::chrono::steady_clock::now();
  how.progress = [&](int epoch, double loss, double accuracy) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "epoch %d/%d: train loss %.4f, test accuracy %.2f %% (%s)\n", epoch, o.epochs, loss,
                 100 * accuracy, format_duration(s).c_str());
    return true;
  };
  const FashionClassifier c =
      FashionClassifier::train(data.train_images, data.train_labels, data.test_images, data.test_labels, how);
  c.save(o.out);
  std::printf("test accuracy %.2f %% after %d epochs; wrote %s\n", 100 * c.info().test_accuracy, c.info().epochs,
              o.out.c_str());
  return 0;
}

namespace {

void print_metric(const QualityMetric& m) {
  std::printf("%-16s %12.5g", m.key.c_str(), m.value);
  if (std::isfinite(m.reference)) std::printf("   real vs real %10.5g", m.reference);
  else std::printf("   %24s", "");
  std::printf("   %s%s%s%s\n", m.label.c_str(), m.higher_is_better ? " (higher is better)" : " (lower is better)",
              m.note.empty() ? "" : "; ", m.note.c_str());
}

}  // namespace

int run_quality_eval(const EvalOptions& o) {
  if (o.checkpoint.empty()) throw Error("Give --checkpoint PATH to score a model's quality.");
  if (o.samples < 10 || o.samples > 50000) throw Error("--samples must be between 10 and 50000.");
  auto explorer = Explorer::open(o.checkpoint);
  QualityOptions q;
  q.samples = o.samples;
  q.seed = o.seed;
  q.classifier_path = o.classifier;
  std::string last_stage;
  const bool tty = isatty(fileno(stderr));
  auto last = std::chrono::steady_clock::now();
  const QualityReport r = evaluate_quality(*explorer, q, [&](double f, const std::string& stage) {
    const auto now = std::chrono::steady_clock::now();
    if (stage != last_stage || std::chrono::duration<double>(now - last).count() > (tty ? 0.2 : 5.0)) {
      std::fprintf(stderr, tty ? "\r%-40s %3.0f %%" : "%s %.0f %%\n", stage.c_str(), 100 * f);
      last_stage = stage;
      last = now;
    }
    return true;
  });
  if (tty) std::fprintf(stderr, "\n");
  std::printf("%s at step %ld: %d samples scored in %.1f s\n", r.model_id.c_str(), r.step, r.samples, r.seconds);
  const std::string classifier = o.classifier.empty() ? find_shipped_classifier() : o.classifier;
  if (r.find("fid") && !classifier.empty()) {
    const ClassifierInfo info = FashionClassifier::load(classifier).info();
    std::printf("classifier: %s (%s, test accuracy %.2f %%; GenStudio-classifier scores, not Inception scores)\n",
                classifier.c_str(), info.architecture.c_str(), 100 * info.test_accuracy);
  }
  for (const auto& m : r.metrics) print_metric(m);
  if (!r.class_histogram.empty()) {
    std::printf("class histogram (GenStudio classifier; generated %% / test images %%):\n");
    for (size_t i = 0; i < r.class_histogram.size(); ++i) {
      std::printf("  %-12s %6.2f %%   %6.2f %%\n", i < r.class_names.size() ? r.class_names[i].c_str() : "?",
                  100 * r.class_histogram[i], i < r.real_class_histogram.size() ? 100 * r.real_class_histogram[i] : NAN);
    }
  }
  for (const auto& s : r.not_applicable) std::printf("not applicable: %s\n", s.c_str());
  return 0;
}

}  // namespace gs::cli
