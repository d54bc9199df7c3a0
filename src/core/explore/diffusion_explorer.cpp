#include "core/explore/diffusion_explorer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/common/translate_errors.h"
#include "core/explore/explorer.h"
#include "core/explore/model_image.h"
#include "core/model/diffusion_model.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

// A step callback that stops the reverse process once the explorer's work is cancelled.
DiffusionModel::StepCallback keep_going(const Explorer& explorer) {
  return [&explorer](int, int64_t, const torch::Tensor&, const DiffusionModel::Prediction&) {
    return !explorer.cancel_requested();
  };
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int columns_for(int count) { return std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))))); }

DiffusionModel& diffusion_of(const Explorer& explorer) { return *explorer.internals().model->diffusion(); }

// Model-space images [N, C, H, W] → one grid in [0, 1].
Image image_grid(DiffusionModel& d, const torch::Tensor& x, int columns) {
  return make_image_grid(d.to_image_space(x).clamp(0, 1), columns, x.size(0) > 1 ? 1 : 0);
}

// Noise (≈ N(0, 1)) → gray, ±3 standard deviations from black to white.
Image noise_grid(const torch::Tensor& eps, int columns) {
  return make_image_grid((eps / 6.0 + 0.5).clamp(0, 1), columns, eps.size(0) > 1 ? 1 : 0);
}

void check_count(int count) {
  if (count < 1 || count > DiffusionExplorer::kMaxCount) {
    throw Error("Draw between 1 and " + std::to_string(DiffusionExplorer::kMaxCount) + " images at a time.");
  }
}

// The settings as the model takes them; refuses what it cannot do with a sentence.
DiffusionSampling sampling_for(DiffusionRunSettings& s, int64_t T) {
  if (s.sampler == DiffusionSamplerKind::DDPM) {
    if (s.steps == 0) s.steps = static_cast<int>(T);
    if (s.steps != T) {
      throw Error("DDPM sampling takes every one of the model's " + std::to_string(T) +
                  " steps; choose DDIM for fewer steps.");
    }
  } else if (s.steps < 1 || s.steps > T) {
    throw Error("DDIM takes between 1 and " + std::to_string(T) + " steps (the model's T).");
  }
  if (!(s.eta >= 0.0 && s.eta <= 1.0)) throw Error("η must be between 0 (deterministic) and 1.");
  check_count(s.count);
  DiffusionSampling how;
  how.sampler = s.sampler == DiffusionSamplerKind::DDPM ? DiffusionSampling::Sampler::DDPM
                                                        : DiffusionSampling::Sampler::DDIM;
  how.steps = s.steps;
  how.eta = s.sampler == DiffusionSamplerKind::DDPM ? 1.0 : s.eta;
  how.class_label = s.class_label;
  how.guidance = s.guidance;
  return how;
}

// x_T of `seed` for `count` images, and the generator that then draws the
// noise on the way (so one seed fixes the whole run).
torch::Tensor start_noise(const ImageShape& shape, int count, at::Generator& gen) {
  return torch::randn({count, shape.channels, shape.height, shape.width}, gen);
}

}  // namespace

DiffusionExplorer::DiffusionExplorer(const Explorer& explorer) : explorer_(explorer) {
  TrainingSession::Impl& impl = explorer.internals();
  if (!impl.model->diffusion()) {
    throw Error("This model does not denoise step by step; the diffusion explorer needs a diffusion model such "
                "as DDPM.");
  }
  if (impl.shape.points) {
    throw Error("This diffusion model works on points; its timesteps are shown in the playground.");
  }
}

int DiffusionExplorer::timesteps() const { return static_cast<int>(diffusion_of(explorer_).timesteps()); }

DiffusionSchedule DiffusionExplorer::schedule() const {
  return translate_errors("Reading the noise schedule", [&] {
    DiffusionModel& d = diffusion_of(explorer_);
    torch::Tensor ab = d.alpha_bar().to(torch::kFloat64).contiguous();
    DiffusionSchedule s;
    s.timesteps = static_cast<int>(ab.numel());
    s.name = d.schedule_name();
    s.alpha_bar.assign(ab.data_ptr<double>(), ab.data_ptr<double>() + ab.numel());
    s.log_snr.reserve(s.alpha_bar.size());
    for (double a : s.alpha_bar) {
      const double clamped = std::clamp(a, 1e-12, 1.0 - 1e-12);
      s.log_snr.push_back(std::log(clamped / (1.0 - clamped)));
    }
    return s;
  });
}

DiffusionForwardFrame DiffusionExplorer::forward(const Image& image, int t, unsigned long noise_seed) const {
  return translate_errors("Noising the image", [&] {
    TrainingSession::Impl& impl = explorer_.internals();
    DiffusionModel& d = *impl.model->diffusion();
    const int64_t T = d.timesteps();
    if (t < 0 || t >= T) throw Error("Choose a timestep between 0 and " + std::to_string(T - 1) + ".");
    torch::Tensor x0 = d.to_model_space(model_image_tensor(image, impl.shape, "The diffusion explorer"));
    c10::InferenceMode guard;
    impl.model->set_training(false);
    auto gen = at::make_generator<at::CPUGeneratorImpl>(noise_seed);
    torch::Tensor noise = torch::randn(x0.sizes(), gen);
    torch::Tensor tt = torch::full({1}, t, torch::kInt64);
    torch::Tensor xt = d.q_sample(x0, tt, noise);
    const DiffusionModel::Prediction p = d.predict(xt, tt, DiffusionSampling{});
    DiffusionForwardFrame f;
    f.t = t;
    f.alpha_bar = d.alpha_bar()[t].item<double>();
    f.x0 = image_grid(d, x0, 1);
    f.x_t = image_grid(d, xt, 1);
    f.noise = noise_grid(noise, 1);
    f.x0_hat = image_grid(d, p.x0_hat, 1);
    f.eps_hat = noise_grid(p.eps, 1);
    f.x0_rmse = (p.x0_hat - x0).pow(2).mean().sqrt().item<double>();
    f.eps_rmse = (p.eps - noise).pow(2).mean().sqrt().item<double>();
    return f;
  });
}

DiffusionRun DiffusionExplorer::reverse(const DiffusionRunSettings& settings) const {
  return translate_errors("Sampling by denoising", [&] {
    TrainingSession::Impl& impl = explorer_.internals();
    DiffusionModel& d = *impl.model->diffusion();
    DiffusionRun run;
    run.settings = settings;
    run.timesteps = static_cast<int>(d.timesteps());
    const DiffusionSampling how = sampling_for(run.settings, d.timesteps());
    const int steps = run.settings.steps;
    run.stride = std::max(1, (steps + kMaxFrames - 2) / (kMaxFrames - 1));  // ≤ kMaxFrames with the last step
    run.grid_columns = columns_for(run.settings.count);
    c10::InferenceMode guard;
    impl.model->set_training(false);
    const auto t0 = Clock::now();
    auto gen = at::make_generator<at::CPUGeneratorImpl>(run.settings.seed);
    torch::Tensor x = start_noise(impl.shape, run.settings.count, gen);
    // Kept steps' tensors, turned into images after the run (one conversion each).
    std::vector<torch::Tensor> xs, x0s, epss;
    std::vector<int> index, ts;
    torch::Tensor before = x.clone();
    torch::Tensor done = d.sample(x, how, gen, [&](int i, int64_t t, const torch::Tensor& next,
                                                   const DiffusionModel::Prediction& p) {
      if (i % run.stride == 0 || i == steps - 1) {
        xs.push_back(before);
        x0s.push_back(p.x0_hat.clone());
        epss.push_back(p.eps.clone());
        index.push_back(i);
        ts.push_back(static_cast<int>(t));
      }
      before = next.clone();  // the sampler may reuse its buffer
      return !explorer_.cancel_requested();
    });
    explorer_.throw_if_cancelled();
    run.frames.reserve(xs.size());
    for (size_t k = 0; k < xs.size(); ++k) {
      DiffusionFrame f;
      f.index = index[k];
      f.t = ts[k];
      f.x_t = image_grid(d, xs[k], run.grid_columns);
      f.x0_hat = image_grid(d, x0s[k], run.grid_columns);
      f.eps_hat = noise_grid(epss[k], run.grid_columns);
      run.frames.push_back(std::move(f));
    }
    run.final = image_grid(d, done, run.grid_columns);
    run.seconds = seconds_since(t0);
    return run;
  });
}

Image DiffusionExplorer::guidance_rows(const DiffusionRunSettings& settings, const std::vector<double>& guidances) const {
  return translate_errors("Sampling with guidance", [&] {
    TrainingSession::Impl& impl = explorer_.internals();
    if (!impl.model->conditional()) {
      throw Error("This diffusion model did not learn from class labels, so it has no guidance to compare.");
    }
    if (guidances.empty()) throw Error("Give at least one guidance scale.");
    DiffusionModel& d = *impl.model->diffusion();
    c10::InferenceMode guard;
    impl.model->set_training(false);
    std::vector<torch::Tensor> rows;
    for (double w : guidances) {
      DiffusionRunSettings s = settings;
      s.guidance = w;
      const DiffusionSampling how = sampling_for(s, d.timesteps());
      auto gen = at::make_generator<at::CPUGeneratorImpl>(s.seed);
      torch::Tensor x = start_noise(impl.shape, s.count, gen);  // the same x_T in every row
      rows.push_back(d.to_image_space(d.sample(x, how, gen, keep_going(explorer_))));
      explorer_.throw_if_cancelled();
    }
    return make_image_grid(torch::cat(rows), settings.count);
  });
}

DiffusionComparison DiffusionExplorer::compare(unsigned long seed, int count, double eta, int class_label,
                                               double guidance) const {
  return translate_errors("Comparing the samplers", [&] {
    TrainingSession::Impl& impl = explorer_.internals();
    DiffusionModel& d = *impl.model->diffusion();
    const int64_t T = d.timesteps();
    std::vector<DiffusionRunSettings> runs;
    DiffusionRunSettings ddpm;
    ddpm.sampler = DiffusionSamplerKind::DDPM;
    ddpm.steps = static_cast<int>(T);
    runs.push_back(ddpm);
    for (int k : {10, 20, 50}) {
      if (k > T) continue;
      DiffusionRunSettings ddim;
      ddim.sampler = DiffusionSamplerKind::DDIM;
      ddim.steps = k;
      ddim.eta = eta;
      runs.push_back(ddim);
    }
    DiffusionComparison out;
    out.grid_columns = columns_for(count);
    c10::InferenceMode guard;
    impl.model->set_training(false);
    for (DiffusionRunSettings& s : runs) {
      s.seed = seed;
      s.count = count;
      s.class_label = class_label;
      s.guidance = guidance;
      const DiffusionSampling how = sampling_for(s, T);
      auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
      torch::Tensor x = start_noise(impl.shape, count, gen);  // the same x_T for every sampler
      const auto t0 = Clock::now();
      torch::Tensor done = d.sample(x, how, gen, keep_going(explorer_));
      explorer_.throw_if_cancelled();
      DiffusionComparison::Entry e;
      e.seconds = seconds_since(t0);
      e.settings = s;
      e.image = image_grid(d, done, out.grid_columns);
      out.entries.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace gs
