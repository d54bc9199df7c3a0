#include "core/metrics/energy_eval.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/common/error.h"

namespace gs {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

EnergyModel& require_energy(GenerativeModel& model) {
  EnergyModel* e = model.energy();
  if (!e) throw Error("The model '" + model.id() + "' has no energy function to evaluate.");
  return *e;
}

torch::Tensor first(const torch::Tensor& images, int64_t n) {
  if (!images.defined() || images.dim() != 4 || images.size(0) == 0) throw Error("There are no images to evaluate.");
  return images.narrow(0, 0, std::min<int64_t>(n, images.size(0)));
}

// Binarised once with a fixed seed, so the curves compare the same binary images.
torch::Tensor fixed_binary(EnergyModel& e, const torch::Tensor& images, uint64_t seed) {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  return e.binarize(images, &gen);
}

double mean_free_energy(EnergyModel& e, const torch::Tensor& v) {
  double sum = 0;
  for (int64_t i = 0; i < v.size(0); i += 500) {
    sum += e.free_energy(v.narrow(0, i, std::min<int64_t>(500, v.size(0) - i))).to(torch::kFloat64).sum().item<double>();
  }
  return sum / static_cast<double>(v.size(0));
}

}  // namespace

EnergyProbe::EnergyProbe(const torch::Tensor& train_images, const torch::Tensor& test_images, int64_t max_images,
                         double share)
    : train_(first(train_images, max_images)), test_(first(test_images, max_images)), share_(share) {}

void EnergyProbe::maybe_run(GenerativeModel& model, std::vector<std::string>* names, std::vector<double>* values) {
  if (!first_ && seconds_since(last_end_) * share_ < cost_ * (1 - share_)) return;
  const auto start = Clock::now();
  EnergyModel& e = require_energy(model);
  double train_f, test_f, pll;
  {
    c10::InferenceMode guard;
    const torch::Tensor train = fixed_binary(e, train_, 17), test = fixed_binary(e, test_, 18);
    train_f = mean_free_energy(e, train);
    test_f = mean_free_energy(e, test);
    auto gen = at::make_generator<at::CPUGeneratorImpl>(19);
    pll = e.pseudo_log_likelihood(test, gen).to(torch::kFloat64).mean().item<double>();
  }
  first_ = false;
  cost_ = seconds_since(start);
  last_end_ = Clock::now();
  const double d = static_cast<double>(train_[0].numel());
  names->push_back("eval_train_free_energy_per_pixel");
  values->push_back(train_f / d);
  names->push_back("test_free_energy_per_pixel");
  values->push_back(test_f / d);
  names->push_back("test_pseudo_log_likelihood_per_pixel");
  values->push_back(pll / d);
}

torch::Tensor binary_data_mean(EnergyModel& energy, const torch::Tensor& train_images) {
  if (!train_images.defined() || train_images.dim() != 4 || train_images.size(0) == 0) {
    throw Error("AIS needs the training images for its base-rate model.");
  }
  c10::InferenceMode guard;
  torch::Tensor sum = torch::zeros(train_images[0].sizes(), torch::kFloat64);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(23);
  for (int64_t i = 0; i < train_images.size(0); i += 4096) {
    const torch::Tensor part = train_images.narrow(0, i, std::min<int64_t>(4096, train_images.size(0) - i));
    sum += energy.binarize(part, &gen).to(torch::kFloat64).sum(0);
  }
  return (sum / static_cast<double>(train_images.size(0))).to(torch::kFloat32);
}

AisLikelihood ais_test_likelihood(GenerativeModel& model, const torch::Tensor& train_images,
                                  const torch::Tensor& test_images, int runs, int temperatures, uint64_t seed,
                                  const EnergyModel::Progress& progress) {
  EnergyModel& e = require_energy(model);
  if (!test_images.defined() || test_images.dim() != 4 || test_images.size(0) == 0) {
    throw Error("There are no test images to evaluate the log-likelihood on.");
  }
  const auto start = Clock::now();
  AisLikelihood out;
  const torch::Tensor mean = binary_data_mean(e, train_images);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  c10::InferenceMode guard;
  const EnergyModel::AisResult r = e.estimate_log_z(runs, temperatures, mean, gen, progress);
  out.runs = r.runs;
  out.temperatures = r.temperatures;
  out.cancelled = r.cancelled;
  if (r.cancelled) {
    out.seconds = seconds_since(start);
    return out;
  }
  out.log_z = r.log_z;
  out.log_z_spread = r.log_z_spread;
  out.log_z_base = r.log_z_base;
  out.test_free_energy = mean_free_energy(e, fixed_binary(e, test_images, seed + 1));
  out.images = test_images.size(0);
  out.test_log_likelihood = -out.test_free_energy - r.log_z;
  out.spread = r.log_z_spread;
  out.seconds = seconds_since(start);
  return out;
}

}  // namespace gs
