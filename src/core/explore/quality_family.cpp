// quality_family.cpp — the family part of evaluate_quality: each family's own
// numbers through the existing metric code (likelihood_eval, the VAE's ELBO
// terms, the plane view's 2-D metrics, evaluate_translation, the boundary
// F-measure, text_eval), and a sentence for each that does not apply.
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "core/explore/explorer.h"
#include "core/explore/quality_internal.h"
#include "core/metrics/boundary_f.h"
#include "core/metrics/likelihood_eval.h"
#include "core/metrics/text_eval.h"

namespace gs::quality {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int64_t kBatch = 200;
constexpr double kLikelihoodSeconds = 60;

std::string fmt(double v, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

// Restores torch's default generator after seeding it (stochastic estimates).
class DefaultGeneratorSeed {
 public:
  explicit DefaultGeneratorSeed(uint64_t seed) : gen_(at::detail::getDefaultCPUGenerator()) {
    std::lock_guard<std::mutex> lock(gen_.mutex());
    state_ = gen_.get_state();
    gen_.set_current_seed(seed);
  }
  ~DefaultGeneratorSeed() {
    std::lock_guard<std::mutex> lock(gen_.mutex());
    gen_.set_state(state_);
  }

 private:
  at::Generator gen_;
  torch::Tensor state_;
};

void add_likelihood(TrainingSession::Impl& impl, const torch::Tensor& test, QualityReport* r) {
  GenerativeModel& model = *impl.model;
  LikelihoodModel* l = model.likelihood();
  if (impl.shape.points) {
    const torch::Tensor nats = likelihood_nats(model, test, kBatch);
    r->metrics.push_back(metric("nll_nats", "test NLL (nats per point)", nats.mean().item<double>(), false, kNaN,
                                std::to_string(test.size(0)) + " test points; −log p(x) of the continuous density"));
    return;
  }
  const LikelihoodResult lr = evaluate_likelihood(model, test, kBatch, 20261, kLikelihoodSeconds);
  const PixelHistogramBaseline baseline(impl.data->train_images, 0.5);
  const double base_bpd =
      nats_to_bits_per_dim(baseline.nll_nats(test.narrow(0, 0, lr.images)).mean().item<double>(), lr.dims);
  const std::string kind = lr.bound ? "an upper bound on the NLL" : "the exact NLL";
  r->metrics.push_back(metric("bits_per_dim", "test bits/dim", lr.bits_per_dim, false, kNaN,
                              std::to_string(lr.images) + " test images, " + kind +
                                  "; per-pixel histogram baseline " + fmt(base_bpd) + " bits/dim"));
  r->metrics.push_back(metric("nll_nats", "test NLL (nats per image)", lr.nats, false, kNaN, kind));
  // The ELBO and its parts, where the model splits its NLL (a VAE).
  std::vector<std::string> names;
  std::vector<torch::Tensor> parts;
  {
    c10::InferenceMode guard;
    DefaultGeneratorSeed seed(20261);
    model.set_training(false);
    for (int64_t i = 0; i < lr.images; i += kBatch) {
      torch::Tensor p = l->nll_parts(test.narrow(0, i, std::min(kBatch, lr.images - i)), &names);
      if (!p.defined()) return;
      parts.push_back(p.to(torch::kFloat64));
    }
  }
  if (parts.empty()) return;
  const torch::Tensor mean = torch::cat(parts).mean(0);
  double total = 0;
  for (int64_t k = 0; k < mean.numel(); ++k) total += mean[k].item<double>();
  r->metrics.push_back(metric("elbo", "ELBO (nats per image)", -total, true, kNaN,
                              "the negative of the NLL bound: the sum of the parts below"));
  for (size_t k = 0; k < names.size() && static_cast<int64_t>(k) < mean.numel(); ++k) {
    r->metrics.push_back(metric("elbo_" + names[k], "ELBO part: " + names[k] + " (nats per image)",
                                mean[static_cast<int64_t>(k)].item<double>(), false));
  }
}

void add_reconstruction(TrainingSession::Impl& impl, const torch::Tensor& test, QualityReport* r) {
  GenerativeModel& model = *impl.model;
  double sum = 0;
  {
    c10::InferenceMode guard;
    model.set_training(false);
    for (int64_t i = 0; i < test.size(0); i += kBatch) {
      const torch::Tensor x = test.narrow(0, i, std::min(kBatch, test.size(0) - i));
      sum += (model.reconstruct(x).to(torch::kFloat32) - x).pow(2).sum().item<double>();
    }
  }
  r->metrics.push_back(metric("reconstruction_mse",
                              impl.shape.points ? "reconstruction error (mean squared, per coordinate)"
                                                : "reconstruction error (mean squared, per pixel)",
                              sum / static_cast<double>(test.numel()), false, kNaN,
                              std::to_string(test.size(0)) + " test items"));
}

void add_points(TrainingSession::Impl& impl, const QualityOptions& o, Stage& stage, QualityReport* r) {
  if (!impl.plane) return;
  const int64_t n = PlaneViewBuilder::kEvalSamples;
  torch::Tensor fake = draw_samples(impl, n, o.seed, stage, 0.87, 0.95, "sampling points");
  if (!fake.defined()) return;
  const ImageDataset& data = *impl.data;
  torch::Tensor real = data.draw ? data.draw(n, o.seed + 31)
                                 : data.train_images.narrow(0, 0, std::min<int64_t>(n, data.train_size()));
  std::vector<std::string> names, ref_names;
  std::vector<double> values, ref_values;
  impl.plane->evaluate_points(fake, &names, &values);
  impl.plane->evaluate_points(real, &ref_names, &ref_values);
  const std::string note = std::to_string(n) + " samples; reference: " + std::to_string(real.size(0)) +
                           " fresh draws of the true distribution";
  for (size_t k = 0; k < names.size(); ++k) {
    const double ref = k < ref_names.size() && ref_names[k] == names[k] ? ref_values[k] : kNaN;
    if (names[k] == "modes_covered") {
      r->metrics.push_back(metric(names[k], "modes covered (of " + std::to_string(data.modes.size()) + ")", values[k],
                                  true, ref, note));
    } else if (names[k] == "hq_percent") {
      r->metrics.push_back(metric(names[k], "high-quality samples (%, within 3σ of a mode)", values[k], true, ref, note));
    } else if (names[k] == "kl_density") {
      r->metrics.push_back(metric(names[k], "grid KL(true ‖ generated) (nats)", values[k], false, ref, note));
    } else if (names[k] == "js_density") {
      r->metrics.push_back(metric(names[k], "grid Jensen–Shannon (nats)", values[k], false, ref, note));
    }
  }
}

void add_translation(Explorer& explorer, const QualityOptions& o, Stage& stage, QualityReport* r) {
  if (explorer.internals().data->test_size() == 0) {
    r->not_applicable.push_back("PSNR/SSIM need held-out truth pairs, which only the built-in domain sets have.");
    return;
  }
  const int pairs = std::min(o.samples, 1000);
  const TranslationScores t = explorer.evaluate_translation(pairs);
  const std::string n = std::to_string(t.pairs) + " held-out truth pairs";
  r->metrics.push_back(metric("psnr_ab", "PSNR A→B (dB)", t.psnr_ab, true, kNaN,
                              n + "; identity baseline " + fmt(t.identity_psnr_ab) + " dB"));
  r->metrics.push_back(metric("ssim_ab", "SSIM A→B", t.ssim_ab, true, kNaN,
                              "identity baseline " + fmt(t.identity_ssim_ab)));
  if (explorer.capabilities() & kTranslatesBack) {
    r->metrics.push_back(metric("psnr_ba", "PSNR B→A (dB)", t.psnr_ba, true, kNaN,
                                n + "; identity baseline " + fmt(t.identity_psnr_ba) + " dB"));
    r->metrics.push_back(metric("ssim_ba", "SSIM B→A", t.ssim_ba, true, kNaN,
                                "identity baseline " + fmt(t.identity_ssim_ba)));
  }
  if (!stage.report(0.93, "boundary F-measure")) return;
  if (!edge_boundaries_apply(explorer)) {
    r->not_applicable.push_back("The boundary F-measure scores the garment → edges direction of the built-in "
                                "garment-edges task only.");
    return;
  }
  const EdgeBoundaryScores e = evaluate_edge_boundaries(explorer, pairs);
  const std::string tol = "tolerance " + fmt(e.tolerance, 2) + " px, " + std::to_string(e.pairs) + " pairs";
  r->metrics.push_back(metric("boundary_f", "boundary F-measure, garment → edges", e.f, true, kNaN,
                              tol + "; precision " + fmt(e.precision, 3) + ", recall " + fmt(e.recall, 3) +
                                  " at threshold " + fmt(e.threshold, 2)));
  r->metrics.push_back(metric("boundary_f_identity", "boundary F-measure of the identity baseline (the garment "
                              "thresholded)", e.identity_f, true, kNaN,
                              tol + "; at its own best threshold " + fmt(e.identity_threshold, 2)));
}

void add_text(TrainingSession::Impl& impl, QualityReport* r) {
  const TextEvalResult t = evaluate_text(*impl.model, impl.data->test_images, kLikelihoodSeconds);
  const std::string note = std::to_string(t.characters) + " validation characters";
  r->metrics.push_back(metric("val_nats_per_char", "validation loss (nats per character)", t.nats, false, kNaN, note));
  r->metrics.push_back(metric("val_bits_per_char", "validation bits per character", t.bits, false, kNaN, note));
}

}  // namespace

void add_family_metrics(Explorer& explorer, const QualityOptions& o, Stage& stage, QualityReport* r) {
  TrainingSession::Impl& impl = explorer.internals();
  GenerativeModel& model = *impl.model;
  if (!stage.report(0.85, "family metrics")) return;
  impl.ensure_data();
  const ImageDataset& data = *impl.data;
  if (model.text()) {
    if (data.test_size() == 0) r->not_applicable.push_back("Validation bits per character need validation text.");
    else add_text(impl, r);
    return;
  }
  if (model.translator()) {
    add_translation(explorer, o, stage, r);
    return;
  }
  const int64_t n = std::min<int64_t>(o.samples, data.test_size());
  const torch::Tensor test = n > 0 ? data.test_images.narrow(0, 0, n) : torch::Tensor();
  if (model.likelihood()) {
    if (n == 0) r->not_applicable.push_back("Test NLL and bits/dim need test images; this dataset has none.");
    else add_likelihood(impl, test, r);
  } else if (model.energy()) {
    r->not_applicable.push_back("The RBM's test log-likelihood needs annealed importance sampling, which takes "
                                "minutes: run `genstudio-cli eval --checkpoint FILE` (without --quality) or the RBM "
                                "explorer's AIS.");
  } else {
    r->not_applicable.push_back("This model has no likelihood, so test NLL and bits/dim do not apply.");
  }
  if (!stage.report(0.87, "family metrics")) return;
  if ((model.capabilities() & kCanReconstruct) && n > 0) add_reconstruction(impl, test, r);
  if (impl.shape.points && (model.capabilities() & kCanSample)) add_points(impl, o, stage, r);
}

}  // namespace gs::quality

namespace gs {

bool edge_boundaries_apply(Explorer& explorer) {
  TrainingSession::Impl& impl = explorer.internals();
  return impl.model->translator() && impl.config.dataset.id == "edges2fashion";
}

EdgeBoundaryScores evaluate_edge_boundaries(Explorer& explorer, int max_pairs) {
  if (!edge_boundaries_apply(explorer)) {
    throw Error("The boundary F-measure scores the garment → edges direction of the built-in garment-edges "
                "translation task; this model or dataset is not that task.");
  }
  TrainingSession::Impl& impl = explorer.internals();
  impl.ensure_data();
  const ImageDataset& data = *impl.data;
  const int64_t n = std::min<int64_t>(std::max(1, max_pairs), data.test_size());
  if (n == 0) throw Error("The garment-edges task has no held-out pairs to score.");
  const torch::Tensor pairs = data.test_images.narrow(0, 0, n);
  const torch::Tensor edges = pairs.narrow(1, 0, 1), garments = pairs.narrow(1, 1, 1);  // A: edges, B: garments
  std::vector<torch::Tensor> predicted;
  {
    c10::InferenceMode guard;
    impl.model->set_training(false);
    for (int64_t i = 0; i < n; i += 100) {
      predicted.push_back(impl.model->translator()->translate(garments.narrow(0, i, std::min<int64_t>(100, n - i)), false));
    }
  }
  EdgeBoundaryScores s;
  s.pairs = static_cast<int>(n);
  const BoundaryF f = boundary_f_measure(torch::cat(predicted).clamp(0, 1), edges, s.tolerance);
  const BoundaryF id = boundary_f_measure(garments, edges, s.tolerance);
  s.f = f.f;
  s.precision = f.precision;
  s.recall = f.recall;
  s.threshold = f.threshold;
  s.identity_f = id.f;
  s.identity_precision = id.precision;
  s.identity_recall = id.recall;
  s.identity_threshold = id.threshold;
  return s;
}

}  // namespace gs
