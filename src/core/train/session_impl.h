// session_impl.h — the state behind TrainingSession (and Explorer): model,
// lazily loaded data, step counter, fixed latents, playground view builder.
// Internal to the core (includes LibTorch); front ends use the facades.
//
// Ownership: owned by a TrainingSession. Thread affinity: that session's thread.
// Failure modes: methods throw gs::Error (data that cannot be loaded or no
// longer matches the model; invalid live parameters).
#pragma once

#include <ATen/CPUGeneratorImpl.h>

#include <optional>

#include "core/common/error.h"
#include "core/common/image_grid.h"
#include "core/data/dataset_loader.h"
#include "core/explore/plane_view_builder.h"
#include "core/model/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/training_session.h"

namespace gs {

constexpr int kFixedSamples = 64;         // 8 × 8 grid
constexpr int kFixedReconstructions = 16; // two rows of originals over reconstructions
constexpr int kGridColumns = 8;
constexpr int kFixedPoints = 1000;        // generated points shown in the playground
constexpr const char* kTextPrompt = "The ";  // text models: the fixed prompt of the training samples
constexpr int kTextSampleLength = 240;       // characters generated for each training sample


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
    if (config.dataset.id.empty()) throw Error("An imported model has no dataset to show or train on.");
    ImageDataset d = load_dataset(config.dataset);
    if (d.shape.channels != shape.channels || d.shape.height != shape.height ||
        d.shape.width != shape.width || d.shape.domains != shape.domains) {
      if (shape.is_text) {
        throw Error("The text now gives chunks of " + std::to_string(d.shape.width) +
                    " characters but the model was trained on chunks of " + std::to_string(shape.width) + ".");
      }
      throw Error("The dataset now gives " + d.shape.text() + " images but the model was built for " +
                  shape.text() + ".");
    }
    if (d.shape.is_text != shape.is_text || d.shape.vocabulary != shape.vocabulary) {
      throw Error("The text now has a different set of characters (" + std::to_string(d.shape.vocabulary.size()) +
                  ") from the one the model was trained with (" + std::to_string(shape.vocabulary.size()) + ").");
    }
    if (!shape.class_names.empty() && d.shape.class_names.size() != shape.class_names.size()) {
      throw Error("The model learned " + std::to_string(shape.class_names.size()) + " classes but the dataset now has " +
                  (d.shape.class_names.empty() ? std::string("no labels") :
                                                 std::to_string(d.shape.class_names.size()) + " classes") + ".");
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

  // Translation models: rows real A, A→B, A→B→A, real B, B→A, B→A→B of fixed test images.
  Image translations() {
    ImageTranslator* translator = model->translator();
    if (!translator) return {};
    ensure_data();
    const torch::Tensor& pool = data->test_size() > 0 ? data->test_images : data->train_images;
    const int64_t n = std::min<int64_t>(kGridColumns, pool.size(0));
    const int64_t c = shape.channels;
    torch::Tensor a = pool.narrow(0, 0, n).narrow(1, 0, c), b = pool.narrow(0, 0, n).narrow(1, c, c);
    c10::InferenceMode guard;
    model->set_training(false);
    torch::Tensor ab = translator->translate(a, true), ba = translator->translate(b, false);
    return make_image_grid(torch::cat({a, ab, translator->translate(ab, false), b, ba, translator->translate(ba, true)}),
                           static_cast<int>(n));
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

  // Text models: the fixed prompt (its characters the vocabulary lacks left
  // out; the first character of the vocabulary if none is left) continued at
  // temperature 0.8 from a fixed seed.
  void text_sample(SampleImages* s) {
    TextModel* t = model->text();
    if (!t) return;
    std::vector<int64_t> prompt = t->encode(kTextPrompt);
    if (prompt.empty()) prompt.push_back(0);
    TextSampling how;
    how.temperature = 0.8;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(config.seed + 104729);
    c10::InferenceMode guard;
    model->set_training(false);
    const std::vector<int64_t> out = t->generate(prompt, kTextSampleLength, how, gen);
    s->text_prompt = t->decode(prompt);
    s->text = s->text_prompt + t->decode(out);
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


}  // namespace gs
