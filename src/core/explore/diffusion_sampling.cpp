#include "core/explore/diffusion_sampling.h"

#include <chrono>
#include <cmath>

#include "core/common/translate_errors.h"
#include "core/train/session_impl.h"

namespace gs {

DiffusionGridResult sample_diffusion_grid(const Explorer& explorer, const DiffusionGridRequest& r) {
  TrainingSession::Impl& s = explorer.internals();
  DiffusionModel* diffusion = s.model->diffusion();
  if (!diffusion) {
    throw Error("The model '" + s.info.id + "' is not a diffusion model; a sampler (ddpm, ddim) applies only to "
                "diffusion models.");
  }
  if (r.sampler != "ddpm" && r.sampler != "ddim") {
    throw Error("Unknown sampler '" + r.sampler + "'; choose ddpm or ddim.");
  }
  if (r.n < 1 || r.n > 1024) throw Error("The number of samples must be between 1 and 1024.");
  const int64_t T = diffusion->timesteps();
  DiffusionSampling how;
  how.sampler = r.sampler == "ddpm" ? DiffusionSampling::Sampler::DDPM : DiffusionSampling::Sampler::DDIM;
  how.steps = r.steps > 0 ? r.steps : (r.sampler == "ddpm" ? static_cast<int>(T) : static_cast<int>(std::min<int64_t>(50, T)));
  how.eta = r.sampler == "ddpm" ? 1.0 : r.eta;
  how.use_ema = r.use_ema;
  how.class_label = r.class_label;
  how.guidance = r.guidance;
  if (r.steps < 0) throw Error("The number of sampling steps must be between 1 and " + std::to_string(T) + ".");
  if (r.sampler == "ddpm" && r.eta != 0.0) throw Error("η applies to the DDIM sampler only (DDPM always adds its noise).");

  return translate_errors("Sampling", [&] {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(r.seed);
    const ImageShape shape = s.model->image_shape();
    torch::Tensor x_T = torch::randn(shape.batch_sizes(r.n), gen);
    c10::InferenceMode guard;
    s.model->set_training(false);
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor x0 = diffusion->sample(x_T, how, gen);
    DiffusionGridResult out;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.steps = how.steps;
    out.sampler = r.sampler;
    if (shape.points) {
      s.ensure_data();
      PlaneView v = s.plane->build(*s.model, torch::Tensor());
      torch::Tensor pts = x0.contiguous();
      v.fake.assign(pts.data_ptr<float>(), pts.data_ptr<float>() + pts.numel());
      out.grid = PlaneViewBuilder::render(v);
    } else {
      const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(r.n))));
      out.grid = make_image_grid(diffusion->to_image_space(x0), columns);
    }
    return out;
  });
}

}  // namespace gs
