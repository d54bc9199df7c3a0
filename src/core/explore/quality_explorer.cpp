#include "core/explore/quality_explorer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sys/stat.h>

#include "core/common/translate_errors.h"
#include "core/data/fashion_mnist.h"
#include "core/explore/explorer.h"
#include "core/explore/quality_internal.h"
#include "core/metrics/fashion_classifier.h"
#include "core/metrics/frechet_distance.h"
#include "core/metrics/kernel_distance.h"
#include "core/metrics/precision_recall.h"

namespace gs {
namespace quality {

QualityMetric metric(const std::string& key, const std::string& label, double value, bool higher_is_better,
                     double reference, const std::string& note) {
  QualityMetric m;
  m.key = key;
  m.label = label;
  m.value = value;
  m.reference = reference;
  m.higher_is_better = higher_is_better;
  m.note = note;
  return m;
}

torch::Tensor draw_samples(TrainingSession::Impl& impl, int64_t n, unsigned long seed, Stage& stage, double from,
                           double to, const std::string& label) {
  constexpr int64_t kChunk = 256;
  GenerativeModel& model = *impl.model;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::vector<torch::Tensor> parts;
  c10::InferenceMode guard;
  model.set_training(false);
  for (int64_t done = 0; done < n;) {
    if (!stage.report(from + (to - from) * static_cast<double>(done) / static_cast<double>(n), label)) return {};
    const int64_t len = std::min(kChunk, n - done);
    parts.push_back(model.decode(model.prior_sample(len, gen)).to(torch::kFloat32));
    done += len;
  }
  return torch::cat(parts);
}

}  // namespace quality

namespace {

using quality::metric;
using quality::Stage;

bool is_file(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string executable_dir() {
  char buf[4096];
  const ssize_t len = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (len <= 0) return {};
  std::string p(buf, static_cast<size_t>(len));
  return p.substr(0, p.find_last_of('/'));
}

constexpr const char* kClassifierFile = "fashion-classifier.gsclf";
constexpr const char* kFeatureNames = "FID, KID, precision, recall and the class histogram";

std::string fmt(double v, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

// Why the classifier metrics do not apply to this model and data, or "".
std::string classifier_gap(const TrainingSession::Impl& impl) {
  const std::string what = std::string(kFeatureNames) + " (GenStudio's Fashion-MNIST classifier)";
  if (impl.shape.is_text) return what + " do not apply to a text model.";
  if (impl.shape.points) return what + " do not apply to 2-D points; see modes covered and the grid KL/JS instead.";
  if (!(impl.model->capabilities() & kCanSample)) {
    return what + " do not apply: this model does not draw samples from noise" +
           (impl.model->translator() ? " (it translates images; see PSNR/SSIM)." : ".");
  }
  if (impl.shape.channels != 1 || impl.shape.height != 28 || impl.shape.width != 28) {
    return what + " do not apply: the classifier reads 28×28 gray images and this model makes " + impl.shape.text() +
           " images.";
  }
  return {};
}

// Generated, test and training features through the classifier; fills the report.
void add_classifier_metrics(TrainingSession::Impl& impl, const QualityOptions& o, Stage& stage, QualityReport* r) {
  const std::string gap = classifier_gap(impl);
  if (!gap.empty()) {
    r->not_applicable.push_back(gap);
    return;
  }
  const std::string path = o.classifier_path.empty() ? find_shipped_classifier() : o.classifier_path;
  if (path.empty()) {
    r->not_applicable.push_back(std::string(kFeatureNames) + " need GenStudio's classifier file (models/" +
                                kClassifierFile +
                                "), which was not found; set GENSTUDIO_CLASSIFIER or pass its path (genstudio-cli "
                                "eval --classifier FILE).");
    return;
  }
  const FashionClassifier classifier = FashionClassifier::load(path);
  impl.ensure_data();
  const ImageDataset& data = *impl.data;
  if (data.test_size() < 10 || data.train_size() < 10) {
    r->not_applicable.push_back(std::string(kFeatureNames) + " need at least 10 training and 10 test images; this "
                                "dataset has " + std::to_string(data.test_size()) + " test images.");
    return;
  }
  const int64_t n = std::min<int64_t>({o.samples, data.test_size(), data.train_size()});
  torch::Tensor fake = quality::draw_samples(impl, o.samples, o.seed, stage, 0.0, 0.6, "sampling");
  if (!fake.defined()) return;
  r->samples = static_cast<int>(fake.size(0));
  if (!stage.report(0.6, "features")) return;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed + 17);
  const torch::Tensor test = data.test_images.narrow(0, 0, n);
  const torch::Tensor train =
      data.train_images.index_select(0, torch::randperm(data.train_size(), gen, torch::kInt64).narrow(0, 0, n));
  torch::Tensor f_fake, c_fake, f_test, c_test, f_train;
  classifier.features_and_classes(fake.clamp(0, 1), &f_fake, &c_fake);
  if (!stage.report(0.67, "features")) return;
  classifier.features_and_classes(test, &f_test, &c_test);
  f_train = classifier.features(train);
  const std::string sizes = std::to_string(fake.size(0)) + " samples against " + std::to_string(n) +
                            " test images; reference: " + std::to_string(n) + " training against the same test images";
  if (!stage.report(0.75, "FID")) return;
  const GaussianFit g_test = fit_gaussian(f_test);
  r->metrics.push_back(metric("fid", "FID (GenStudio classifier)", frechet_distance(fit_gaussian(f_fake), g_test),
                              false, frechet_distance(fit_gaussian(f_train), g_test), sizes));
  if (!stage.report(0.78, "KID")) return;
  const KidResult kid = kernel_inception_distance(f_fake, f_test, 20, 0, o.seed);
  const KidResult kid_ref = kernel_inception_distance(f_train, f_test, 20, 0, o.seed);
  r->metrics.push_back(metric("kid", "KID (GenStudio classifier)", kid.mean, false, kid_ref.mean,
                              "unbiased MMD², cubic kernel; mean ± " + fmt(kid.stddev, 2) + " over " +
                                  std::to_string(kid.subsets) + " subsets of " + std::to_string(kid.subset_size)));
  if (!stage.report(0.81, "precision and recall")) return;
  const PrecisionRecall pr = precision_recall(f_test, f_fake, 3);
  const PrecisionRecall pr_ref = precision_recall(f_test, f_train, 3);
  r->metrics.push_back(metric("precision", "precision (k-NN manifolds, k = 3, GenStudio classifier)", pr.precision,
                              true, pr_ref.precision, "share of samples inside the test images' manifold"));
  r->metrics.push_back(metric("recall", "recall (k-NN manifolds, k = 3, GenStudio classifier)", pr.recall, true,
                              pr_ref.recall, "share of test images inside the samples' manifold"));
  if (data.class_names != fashion_mnist_class_names()) {
    r->not_applicable.push_back("The class histogram counts Fashion-MNIST's classes, and this dataset is not "
                                "Fashion-MNIST.");
    return;
  }
  r->class_names = fashion_mnist_class_names();
  const torch::Tensor h_fake = torch::bincount(c_fake, {}, FashionClassifier::kClasses).to(torch::kFloat64);
  const torch::Tensor h_test = torch::bincount(c_test, {}, FashionClassifier::kClasses).to(torch::kFloat64);
  for (int k = 0; k < FashionClassifier::kClasses; ++k) {
    r->class_histogram.push_back(h_fake[k].item<double>() / static_cast<double>(c_fake.numel()));
    r->real_class_histogram.push_back(h_test[k].item<double>() / static_cast<double>(c_test.numel()));
  }
}

}  // namespace

std::string find_shipped_classifier() {
  if (const char* env = std::getenv("GENSTUDIO_CLASSIFIER")) {
    if (*env) return env;
  }
  const std::string exe = executable_dir();
  if (!exe.empty()) {
    // Installed (PREFIX/bin → PREFIX/share/genstudio/models), then the build tree.
    for (const std::string& dir : {exe + "/../share/genstudio/models", exe + "/../models", exe + "/models"}) {
      if (is_file(dir + "/" + kClassifierFile)) return dir + "/" + kClassifierFile;
    }
  }
#ifdef GENSTUDIO_SOURCE_MODELS_DIR
  const std::string src = std::string(GENSTUDIO_SOURCE_MODELS_DIR) + "/" + kClassifierFile;
  if (is_file(src)) return src;
#endif
  return {};
}

QualityReport evaluate_quality(Explorer& explorer, const QualityOptions& options, const QualityProgress& progress) {
  return translate_errors("Evaluating the model's quality", [&] {
    if (options.samples < 10 || options.samples > 50000) {
      throw Error("Score between 10 and 50,000 samples.");
    }
    const auto t0 = std::chrono::steady_clock::now();
    TrainingSession::Impl& impl = explorer.internals();
    QualityReport r;
    r.model_id = impl.info.id;
    r.step = impl.step;
    Stage stage(progress);
    add_classifier_metrics(impl, options, stage, &r);
    if (!stage.cancelled() && options.family_metrics) quality::add_family_metrics(explorer, options, stage, &r);
    if (!stage.cancelled()) stage.report(1.0, "done");
    r.cancelled = stage.cancelled();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
  });
}

}  // namespace gs
