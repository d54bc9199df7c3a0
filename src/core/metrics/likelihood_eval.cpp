#include "core/metrics/likelihood_eval.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <mutex>

#include "core/common/error.h"
#include "core/model/likelihood_model.h"

namespace gs {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

LikelihoodModel& require_likelihood(GenerativeModel& model) {
  LikelihoodModel* l = model.likelihood();
  if (!l) throw Error("The model '" + model.id() + "' has no likelihood to evaluate.");
  return *l;
}

void check_images(const GenerativeModel& model, const torch::Tensor& images) {
  const ImageShape s = const_cast<GenerativeModel&>(model).image_shape();
  if (!images.defined() || images.dim() != 4 || images.size(0) == 0) throw Error("There are no images to evaluate.");
  if (images.size(1) != s.channels || images.size(2) != s.height || images.size(3) != s.width) {
    throw Error("The images are " + std::to_string(images.size(1)) + "×" + std::to_string(images.size(2)) + "×" +
                std::to_string(images.size(3)) + " but the model was built for " + s.text() + ".");
  }
}

// Seeds torch's default generator for an evaluation and puts its state back after.
class GeneratorScope {
 public:
  explicit GeneratorScope(uint64_t seed) : gen_(at::detail::getDefaultCPUGenerator()) {
    std::lock_guard<std::mutex> lock(gen_.mutex());
    state_ = gen_.get_state();
    gen_.set_current_seed(seed);
  }
  ~GeneratorScope() {
    std::lock_guard<std::mutex> lock(gen_.mutex());
    gen_.set_state(state_);
  }

 private:
  at::Generator gen_;
  torch::Tensor state_;
};

}  // namespace

torch::Tensor to_8bit(const torch::Tensor& images) {
  return images.mul(255.0).round().clamp(0, 255).to(torch::kInt64);
}

torch::Tensor likelihood_nats(GenerativeModel& model, const torch::Tensor& images, int64_t batch_size, uint64_t seed) {
  LikelihoodModel& l = require_likelihood(model);
  check_images(model, images);
  c10::InferenceMode guard;
  GeneratorScope scope(seed);
  model.set_training(false);
  std::vector<torch::Tensor> parts;
  for (int64_t i = 0; i < images.size(0); i += batch_size) {
    parts.push_back(l.nll_nats(images.narrow(0, i, std::min(batch_size, images.size(0) - i))).to(torch::kFloat64));
  }
  return torch::cat(parts);
}

LikelihoodResult evaluate_likelihood(GenerativeModel& model, const torch::Tensor& images, int64_t batch_size,
                                     uint64_t seed, double max_seconds, const torch::Tensor& labels) {
  LikelihoodModel& l = require_likelihood(model);
  check_images(model, images);
  const auto start = Clock::now();
  LikelihoodResult r;
  r.dims = images.size(1) * images.size(2) * images.size(3);
  r.bound = l.nll_is_bound();
  double sum = 0;
  {
    c10::InferenceMode guard;
    GeneratorScope scope(seed);
    model.set_training(false);
    for (int64_t i = 0; i < images.size(0); i += batch_size) {
      const int64_t n = std::min(batch_size, images.size(0) - i);
      const torch::Tensor batch = images.narrow(0, i, n);
      torch::Tensor nll;
      if (labels.defined() && model.conditional()) nll = model.conditional()->nll_nats_given(batch, labels.narrow(0, i, n));
      if (!nll.defined()) nll = l.nll_nats(batch);
      sum += nll.to(torch::kFloat64).sum().item<double>();
      r.images += n;
      if (max_seconds > 0 && seconds_since(start) > max_seconds) break;
    }
  }
  r.nats = sum / static_cast<double>(r.images);
  r.bits_per_dim = nats_to_bits_per_dim(r.nats, r.dims);
  r.seconds = seconds_since(start);
  return r;
}

PixelHistogramBaseline::PixelHistogramBaseline(const torch::Tensor& train_images, double pseudo_count) {
  if (!(pseudo_count > 0)) throw Error("The pseudo-count of the per-pixel baseline must be positive.");
  if (!train_images.defined() || train_images.dim() != 4 || train_images.size(0) == 0) {
    throw Error("The per-pixel baseline needs training images.");
  }
  const int64_t n = train_images.size(0), d = train_images[0].numel();
  const torch::Tensor offsets = torch::arange(d, torch::kInt64).mul(256);
  torch::Tensor counts = torch::zeros({d * 256}, torch::kFloat64);
  for (int64_t i = 0; i < n; i += 4096) {
    const torch::Tensor v = to_8bit(train_images.narrow(0, i, std::min<int64_t>(4096, n - i)).reshape({-1, d}));
    counts.add_(torch::bincount(v.add(offsets).reshape({-1}), {}, d * 256).to(torch::kFloat64));
  }
  log_p_ = counts.reshape({d, 256}).add(pseudo_count).div(static_cast<double>(n) + 256.0 * pseudo_count).log();
}

torch::Tensor PixelHistogramBaseline::nll_nats(const torch::Tensor& images) const {
  const int64_t d = log_p_.size(0);
  if (!images.defined() || images.dim() != 4 || images[0].numel() != d) {
    throw Error("The images do not have the size the per-pixel baseline was fitted on.");
  }
  const torch::Tensor v = to_8bit(images.reshape({-1, d}));                       // [N, D]
  return -log_p_.unsqueeze(0).expand({v.size(0), d, 256}).gather(2, v.unsqueeze(2)).squeeze(2).sum(1);
}

TestLikelihoodProbe::TestLikelihoodProbe(torch::Tensor test_images, int64_t max_images, double share,
                                         double first_seconds, torch::Tensor test_labels)
    : images_(test_images.narrow(0, 0, std::min<int64_t>(max_images, test_images.size(0)))),
      labels_(test_labels.defined() ? test_labels.narrow(0, 0, images_.size(0)) : test_labels),
      share_(share),
      first_seconds_(first_seconds) {}

void TestLikelihoodProbe::maybe_run(GenerativeModel& model, std::vector<std::string>* names,
                                    std::vector<double>* values) {
  if (!first_ && seconds_since(last_end_) * share_ < cost_ * (1 - share_)) return;
  const LikelihoodResult r = evaluate_likelihood(model, images_, 200, 20261, first_ ? first_seconds_ : 0, labels_);
  if (first_ && r.images < images_.size(0)) {
    images_ = images_.narrow(0, 0, r.images);
    if (labels_.defined()) labels_ = labels_.narrow(0, 0, r.images);
  }
  first_ = false;
  cost_ = r.seconds;
  last_end_ = Clock::now();
  names->push_back("test_bits_per_dim");
  values->push_back(r.bits_per_dim);
  names->push_back("test_nats");
  values->push_back(r.nats);
}

}  // namespace gs
