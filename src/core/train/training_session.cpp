#include "core/train/training_session.h"

#include <ATen/CPUGeneratorImpl.h>

#include <optional>

#include "core/common/error.h"
#include "core/common/image_grid.h"
#include "core/data/dataset_loader.h"
#include "core/explore/plane_view_builder.h"
#include "core/model/model_defaults.h"
#include "core/model/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/common/translate_errors.h"
#include "core/metrics/energy_eval.h"
#include "core/metrics/likelihood_eval.h"
#include "core/metrics/text_eval.h"
#include "core/train/session_impl.h"
#include "core/train/trainer.h"

namespace gs {
TrainingSession::TrainingSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TrainingSession::~TrainingSession() = default;

std::unique_ptr<TrainingSession> TrainingSession::create(const SessionConfig& config) {
  return translate_errors("Creating the model", [&] {
    auto impl = std::make_unique<Impl>();
    check_trainable(config.model_id);
    impl->info = require_model(config.model_id);
    impl->config = config;
    // The defaults for the kind of data (points, grayscale, RGB, …), known from the catalog before loading.
    const DatasetInfo* dataset = find_dataset(config.dataset.id);
    const DataKind kind = dataset ? data_kind_of(*dataset, config.dataset.channels) : DataKind::Gray;
    impl->config.params = resolve_model_params(impl->info, kind, config.params);
    impl->data = load_dataset(config.dataset);
    impl->shape = impl->data->shape;
    impl->make_plane_builder();
    torch::manual_seed(config.seed);
    impl->model = create_model(config.model_id, impl->config.params, impl->shape);
    impl->make_fixed_latents();
    return std::unique_ptr<TrainingSession>(new TrainingSession(std::move(impl)));
  });
}

namespace {

constexpr const char* kTorchScriptModelId = "torchscript";  // the registry entry of imported modules

template <typename Source>
std::unique_ptr<TrainingSession::Impl> open_impl(const Source& source, const std::string& path) {
  CheckpointMetadata meta = read_checkpoint_metadata(source);
  const ModelInfo* info = find_model(meta.config.model_id);
  if (!info) {
    throw Error("'" + path + "' holds a model of type '" + meta.config.model_id +
                "', which this version of GenStudio does not know.");
  }
  auto impl = std::make_unique<TrainingSession::Impl>();
  impl->info = *info;
  impl->config = meta.config;
  try {
    impl->config.params = resolve_model_params(*info, data_kind_of(meta.shape), meta.config.params);
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
  load_checkpoint_state(source, *impl->model);
  impl->make_fixed_latents();
  return impl;
}

}  // namespace

std::unique_ptr<TrainingSession> TrainingSession::open_torchscript(const std::string& path,
                                                                  const TorchScriptDescriptor* given) {
  return translate_errors("Importing the TorchScript module", [&] {
    const TorchScriptDescriptor d = given ? *given : read_torchscript_sidecar(path);
    auto impl = std::make_unique<Impl>();
    impl->model = create_imported_model(kTorchScriptModelId, path, d);
    impl->info = require_model(kTorchScriptModelId);
    impl->info.name = "Imported TorchScript " + d.kind;
    impl->info.description = "A pretrained module loaded from " + path + ".";
    impl->info.capabilities = impl->model->capabilities();
    impl->config.model_id = kTorchScriptModelId;
    impl->config.dataset.id = "";
    impl->shape = impl->model->image_shape();
    impl->make_fixed_latents();
    return std::unique_ptr<TrainingSession>(new TrainingSession(std::move(impl)));
  });
}

std::unique_ptr<TrainingSession> TrainingSession::open(const std::string& path) {
  if (has_torchscript_sidecar(path)) return open_torchscript(path);
  return translate_errors("Opening the checkpoint", [&] {
    return std::unique_ptr<TrainingSession>(new TrainingSession(open_impl(path, path)));
  });
}

std::unique_ptr<TrainingSession> TrainingSession::open_snapshot(const std::vector<uint8_t>& bytes) {
  return translate_errors("Opening the model snapshot", [&] {
    return std::unique_ptr<TrainingSession>(new TrainingSession(open_impl(bytes, "snapshot")));
  });
}

std::vector<uint8_t> TrainingSession::snapshot() const {
  return translate_errors("Copying the model", [&] { return checkpoint_to_bytes(impl_->metadata(), *impl_->model); });
}

RunEnd TrainingSession::run(const RunOptions& options, TrainControl& control,
                            TrainObserver& observer) {
  return translate_errors("Training", [&] {
    if (options.total_steps <= impl_->step) return RunEnd::Finished;
    impl_->ensure_data();
    const long batch_size = param_int(impl_->config.params, "batch_size");
    RunOptions run = options;
    const DistributedOptions& dist = options.distributed;
    std::unique_ptr<DataParallel> data_parallel;
    if (dist.enabled()) {
      dist.validate();
      if (batch_size % dist.world_size != 0) {
        throw Error("The batch size " + std::to_string(batch_size) + " cannot be split evenly across " +
                    std::to_string(dist.world_size) + " processes; choose a batch size that is a multiple of " +
                    std::to_string(dist.world_size) + ".");
      }
      data_parallel = std::make_unique<DataParallel>(dist);
    }
    BatchSampler sampler(impl_->data->train_images, batch_size, impl_->config.seed);
    if (impl_->model->conditional() && impl_->data->train_labels.defined()) {
      sampler.set_labels(impl_->data->train_labels);
    }
    TrainerHooks hooks;
    hooks.make_samples = [this](long step) {
      SampleImages s;
      s.step = step;
      if (impl_->plane) {
        s.plane = impl_->plane->build(*impl_->model, impl_->fixed_z);
        return s;
      }
      if (impl_->model->text()) {
        impl_->text_sample(&s);
        return s;
      }
      s.samples = impl_->model->translator() ? impl_->translations() : fixed_sample_grid();
      s.reconstructions = impl_->reconstructions();
      return s;
    };
    if (impl_->plane) {
      hooks.evaluate = [this](std::vector<std::string>* names, std::vector<double>* values) {
        impl_->plane->evaluate(*impl_->model, names, values);
      };
    } else if (impl_->model->energy() && impl_->data->test_size() > 0) {
      // Free energy of training vs held-out images and the pseudo-log-likelihood, at most ~5 % of the wall time.
      auto probe = std::make_shared<EnergyProbe>(impl_->data->train_images, impl_->data->test_images);
      hooks.evaluate = [this, probe](std::vector<std::string>* names, std::vector<double>* values) {
        probe->maybe_run(*impl_->model, names, values);
      };
    } else if (impl_->model->text() && impl_->data->test_size() > 0) {
      // Validation nats and bits per character at the log interval, at most ~8 % of the wall time.
      auto probe = std::make_shared<TextValidationProbe>(impl_->data->test_images);
      hooks.evaluate = [this, probe](std::vector<std::string>* names, std::vector<double>* values) {
        probe->maybe_run(*impl_->model, names, values);
      };
    } else if (impl_->model->likelihood() && impl_->data->test_size() > 0) {
      // Test-set bits/dim at the log interval, at most ~8 % of the wall time.
      // Class-conditional models: bits/dim of p(x | y) with the true test label.
      const torch::Tensor labels = impl_->model->conditional() ? impl_->data->test_labels : torch::Tensor();
      auto probe = std::make_shared<TestLikelihoodProbe>(impl_->data->test_images, 1000, 0.08, 3.0, labels);
      hooks.evaluate = [this, probe](std::vector<std::string>* names, std::vector<double>* values) {
        probe->maybe_run(*impl_->model, names, values);
      };
    }
    hooks.set_param = [this](const std::string& key, const std::string& value) {
      return impl_->set_param(key, value);
    };
    hooks.save = [this](const std::string& path) { save(path); };
    hooks.snapshot = [this] { return snapshot(); };
    // Each rank draws its own noise (rank 0 the single-process stream).
    hooks.reseed = [this, rank = dist.enabled() ? dist.rank : 0](long step) {
      torch::manual_seed(impl_->config.seed * 7777 + step + 1000003ULL * static_cast<unsigned long>(rank));
    };
    if (data_parallel) {
      hooks.data_parallel = data_parallel.get();
      if (dist.rank != 0) {  // rank 0 alone samples, evaluates and writes
        hooks.make_samples = nullptr;
        hooks.evaluate = nullptr;
        hooks.snapshot = nullptr;
        hooks.save = nullptr;
        run.checkpoint_every = 0;
      }
    }
    return run_training(*impl_->model, sampler, &impl_->step, run, control, observer, hooks);
  });
}

void TrainingSession::save(const std::string& path) const {
  translate_errors("Saving the checkpoint",
          [&] { write_checkpoint(path, impl_->metadata(), *impl_->model); });
}

long TrainingSession::step() const { return impl_->step; }
const SessionConfig& TrainingSession::config() const { return impl_->config; }
const ModelInfo& TrainingSession::model_info() const { return impl_->info; }

std::string TrainingSession::dataset_description() const {
  if (impl_->data) return impl_->data->description;
  return impl_->config.dataset.id + " (not loaded yet), " + impl_->shape.text();
}

std::vector<std::string> TrainingSession::dataset_warnings() const {
  return impl_->data ? impl_->data->warnings : std::vector<std::string>{};
}

Image TrainingSession::sample_grid(int n, unsigned long seed) const {
  return translate_errors("Sampling", [&] {
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
  return translate_errors("Sampling", [&] {
    if (!impl_->fixed_z.defined() || impl_->shape.points) return Image{};
    return impl_->decode_grid(impl_->fixed_z);
  });
}

Image TrainingSession::reconstruction_grid() const {
  return translate_errors("Reconstructing", [&] { return impl_->reconstructions(); });
}

}  // namespace gs

namespace gs {

PlaneView TrainingSession::plane_view() const {
  return translate_errors("Drawing the plane", [&] {
    impl_->ensure_data();
    if (!impl_->plane) return PlaneView{};
    PlaneView v = impl_->plane->build(*impl_->model, impl_->fixed_z);
    return v;
  });
}

void TrainingSession::set_truncation(double psi) {
  if (StyleGenerator* styles = impl_->model->styles()) styles->set_truncation(psi);
}

bool TrainingSession::is_point_data() const { return impl_->shape.points; }

}  // namespace gs
