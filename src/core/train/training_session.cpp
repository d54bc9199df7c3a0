#include "core/train/training_session.h"

#include <ATen/CPUGeneratorImpl.h>

#include <optional>

#include "core/common/error.h"
#include "core/common/image_grid.h"
#include "core/data/dataset_loader.h"
#include "core/explore/plane_view_builder.h"
#include "core/model/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/trainer.h"

namespace gs {
namespace {

constexpr int kFixedSamples = 64;         // 8 × 8 grid
constexpr int kFixedReconstructions = 16; // two rows of originals over reconstructions
constexpr int kGridColumns = 8;
constexpr int kFixedPoints = 1000;        // generated points shown in the playground

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// Runs `fn`, turning LibTorch and library exceptions into gs::Error.
template <typename Fn>
auto guarded(const std::string& doing, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Error(doing + " failed: " + first_line(e.what_without_backtrace()));
  } catch (const std::bad_alloc&) {
    throw Error(doing + " failed: out of memory. Try a smaller batch size or model.");
  } catch (const std::exception& e) {
    throw Error(doing + " failed: " + first_line(e.what()));
  }
}

}  // namespace

struct TrainingSession::Impl {
  SessionConfig config;
  ModelInfo info;
  ImageShape shape;
  std::unique_ptr<GenerativeModel> model;
  std::optional<ImageDataset> data;  // loaded lazily after open()
  long step = 0;
  torch::Tensor fixed_z;
  std::optional<PlaneViewBuilder> plane;  // point data only

  void ensure_data() {
    if (data) return;
    ImageDataset d = load_dataset(config.dataset);
    if (d.shape.channels != shape.channels || d.shape.height != shape.height ||
        d.shape.width != shape.width) {
      throw Error("The dataset now gives " + d.shape.text() + " images but the model was built for " +
                  shape.text() + ".");
    }
    data = std::move(d);
    make_plane_builder();
  }

  void make_plane_builder() {
    if (data && data->shape.points) plane.emplace(*data, config.seed);
  }

  bool set_param(const std::string& key, const std::string& value) {
    const ParamSpec* spec = nullptr;
    for (const auto& s : info.params) {
      if (s.key == key) spec = &s;
    }
    if (!spec) throw Error("Unknown parameter '" + key + "'.");
    const std::string normalised = resolve_params({*spec}, {{key, value}}).at(key);
    if (!model->set_live_param(key, normalised)) return false;
    config.params[key] = normalised;
    return true;
  }

  void make_fixed_latents() {
    if (!(model->capabilities() & kCanSample)) return;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(config.seed + 7919);
    fixed_z = model->prior_sample(shape.points ? kFixedPoints : kFixedSamples, gen);
  }

  Image decode_grid(const torch::Tensor& z) const {
    c10::InferenceMode guard;
    model->set_training(false);
    Image img = make_image_grid(model->decode(z), kGridColumns);
    return img;
  }

  Image reconstructions() {
    if (!(model->capabilities() & kCanReconstruct) || shape.points) return {};
    ensure_data();
    const torch::Tensor& pool = data->test_size() > 0 ? data->test_images : data->train_images;
    const int64_t n = std::min<int64_t>(kFixedReconstructions, pool.size(0));
    if (n == 0) return {};
    torch::Tensor originals = pool.narrow(0, 0, n);
    c10::InferenceMode guard;
    model->set_training(false);
    torch::Tensor recon = model->reconstruct(originals);
    // Interleave rows: originals[0..7], recon[0..7], originals[8..15], recon[8..15].
    std::vector<torch::Tensor> rows;
    for (int64_t start = 0; start < n; start += kGridColumns) {
      const int64_t len = std::min<int64_t>(kGridColumns, n - start);
      rows.push_back(originals.narrow(0, start, len));
      rows.push_back(recon.narrow(0, start, len));
    }
    return make_image_grid(torch::cat(rows), kGridColumns);
  }

  CheckpointMetadata metadata() const {
    CheckpointMetadata m;
    m.config = config;
    m.step = step;
    m.shape = shape;
    m.latent_dim = model->latent_dim();
    return m;
  }
};

TrainingSession::TrainingSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TrainingSession::~TrainingSession() = default;

std::unique_ptr<TrainingSession> TrainingSession::create(const SessionConfig& config) {
  return guarded("Creating the model", [&] {
    auto impl = std::make_unique<Impl>();
    impl->info = require_model(config.model_id);
    impl->config = config;
    impl->config.params = resolve_params(impl->info.params, config.params);
    impl->data = load_dataset(config.dataset);
    impl->shape = impl->data->shape;
    impl->make_plane_builder();
    torch::manual_seed(config.seed);
    impl->model = create_model(config.model_id, impl->config.params, impl->shape);
    impl->make_fixed_latents();
    return std::unique_ptr<TrainingSession>(new TrainingSession(std::move(impl)));
  });
}

std::unique_ptr<TrainingSession> TrainingSession::open(const std::string& path) {
  return guarded("Opening the checkpoint", [&] {
    CheckpointMetadata meta = read_checkpoint_metadata(path);
    const ModelInfo* info = find_model(meta.config.model_id);
    if (!info) {
      throw Error("'" + path + "' holds a model of type '" + meta.config.model_id +
                  "', which this version of GenStudio does not know.");
    }
    auto impl = std::make_unique<Impl>();
    impl->info = *info;
    impl->config = meta.config;
    try {
      impl->config.params = resolve_params(info->params, meta.config.params);
    } catch (const Error& e) {
      throw Error("'" + path + "' does not match this version's '" + info->id + "' model: " + e.what());
    }
    impl->shape = meta.shape;
    impl->step = meta.step;
    impl->model = create_model(meta.config.model_id, impl->config.params, meta.shape);
    if (meta.latent_dim != 0 && meta.latent_dim != impl->model->latent_dim()) {
      throw Error("'" + path + "' records a latent size of " + std::to_string(meta.latent_dim) +
                  " but its parameters build " + std::to_string(impl->model->latent_dim()) + ".");
    }
    load_checkpoint_state(path, *impl->model);
    impl->make_fixed_latents();
    return std::unique_ptr<TrainingSession>(new TrainingSession(std::move(impl)));
  });
}

RunEnd TrainingSession::run(const RunOptions& options, TrainControl& control,
                            TrainObserver& observer) {
  return guarded("Training", [&] {
    if (options.total_steps <= impl_->step) return RunEnd::Finished;
    impl_->ensure_data();
    const long batch_size = param_int(impl_->config.params, "batch_size");
    BatchSampler sampler(impl_->data->train_images, batch_size, impl_->config.seed);
    TrainerHooks hooks;
    hooks.make_samples = [this](long step) {
      SampleImages s;
      s.step = step;
      if (impl_->plane) {
        s.plane = impl_->plane->build(*impl_->model, impl_->fixed_z);
        return s;
      }
      s.samples = fixed_sample_grid();
      s.reconstructions = impl_->reconstructions();
      return s;
    };
    if (impl_->plane) {
      hooks.evaluate = [this](std::vector<std::string>* names, std::vector<double>* values) {
        impl_->plane->evaluate(*impl_->model, names, values);
      };
    }
    hooks.set_param = [this](const std::string& key, const std::string& value) {
      return impl_->set_param(key, value);
    };
    hooks.save = [this](const std::string& path) { save(path); };
    hooks.reseed = [this](long step) { torch::manual_seed(impl_->config.seed * 7777 + step); };
    return run_training(*impl_->model, sampler, &impl_->step, options, control, observer, hooks);
  });
}

void TrainingSession::save(const std::string& path) const {
  guarded("Saving the checkpoint",
          [&] { write_checkpoint(path, impl_->metadata(), *impl_->model); });
}

long TrainingSession::step() const { return impl_->step; }
const SessionConfig& TrainingSession::config() const { return impl_->config; }
const ModelInfo& TrainingSession::model_info() const { return impl_->info; }

std::string TrainingSession::dataset_description() const {
  if (impl_->data) return impl_->data->description;
  return impl_->config.dataset.id + " (not loaded yet), " + impl_->shape.text();
}

Image TrainingSession::sample_grid(int n, unsigned long seed) const {
  return guarded("Sampling", [&] {
    if (!(impl_->model->capabilities() & kCanSample)) {
      throw Error("The model '" + impl_->info.id + "' cannot draw samples (it has no prior).");
    }
    if (n < 1 || n > 1024) throw Error("The number of samples must be between 1 and 1024.");
    if (impl_->shape.points) {
      impl_->ensure_data();
      auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
      torch::Tensor z = impl_->model->prior_sample(n, gen);
      PlaneView v = impl_->plane->build(*impl_->model, z);
      return PlaneViewBuilder::render(v);
    }
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::Tensor z = impl_->model->prior_sample(n, gen);
    const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
    c10::InferenceMode guard;
    impl_->model->set_training(false);
    return make_image_grid(impl_->model->decode(z), columns);
  });
}

Image TrainingSession::fixed_sample_grid() const {
  return guarded("Sampling", [&] {
    if (!impl_->fixed_z.defined() || impl_->shape.points) return Image{};
    return impl_->decode_grid(impl_->fixed_z);
  });
}

Image TrainingSession::reconstruction_grid() const {
  return guarded("Reconstructing", [&] { return impl_->reconstructions(); });
}

}  // namespace gs

namespace gs {

PlaneView TrainingSession::plane_view() const {
  return guarded("Drawing the plane", [&] {
    impl_->ensure_data();
    if (!impl_->plane) return PlaneView{};
    PlaneView v = impl_->plane->build(*impl_->model, impl_->fixed_z);
    return v;
  });
}

bool TrainingSession::is_point_data() const { return impl_->shape.points; }

}  // namespace gs
