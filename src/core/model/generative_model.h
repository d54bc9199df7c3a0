// generative_model.h — the one interface every model family implements.
//
// A model owns its networks and its optimizers; the trainer only feeds batches.
//
// The base holds what every model has or what generic code (trainer, sample
// grids, explorer, playground) calls on any model: identity, capabilities,
// shape, losses, training steps, parameters, state. decode / encode /
// reconstruct / features / prior_sample stay here too: they are the latent
// model every sampling, interpolation and map view is built on, shared by
// every registry entry but CycleGAN (VAE, AE, GAN, DCGAN, the style generator,
// imported generators), and each is gated by its own flag (kCanDecode, kCanEncode,
// kCanReconstruct); their defaults throw gs::Error so a front end that ignores
// the flags gets a clear message, not a crash.
//
// Abilities of one family live in small side interfaces, reached through
// accessors that return nullptr when the model lacks them:
//   styles()     → StyleGenerator  (style_generator.h)   ⇔ kHasStyles
//   translator() → ImageTranslator (image_translator.h)  ⇔ kCanTranslate
//   critic()     → DataCritic      (data_critic.h)       ⇔ kCanScore
//   likelihood() → LikelihoodModel (likelihood_model.h)  ⇔ kCanLogProb
//   flow()       → InvertibleFlow  (invertible_flow.h)   ⇔ kInvertible
//   pixel_sampler() → PixelSampler (pixel_sampler.h)     ⇔ kSamplesPixels
//   diffusion()  → DiffusionModel  (diffusion_model.h)   ⇔ kIterative
//   energy()     → EnergyModel     (energy_model.h)      ⇔ kHasEnergy
//   text()       → TextModel       (text_model.h)        ⇔ kGeneratesText
//   conditional() → ClassConditional (class_conditional.h) ⇔ kClassConditional
// A model sets the flag and overrides the accessor together (a model class
// usually implements the interface itself and returns `this`); callers gate
// by the accessor or the flag, never by dynamic_cast to a concrete model.
//
// Ownership: owned by a TrainingSession (or a test). Thread affinity: one thread
// at a time; exploration uses its own copy. Failure modes: train_step may return
// non-finite losses (the trainer detects and pauses); load_state throws gs::Error
// on missing or mismatched tensors; after a failed load the model may be partly
// loaded and must be discarded (TrainingSession::open builds a fresh model).
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/model/class_conditional.h"
#include "core/model/data_critic.h"
#include "core/model/diffusion_model.h"
#include "core/model/energy_model.h"
#include "core/model/image_translator.h"
#include "core/model/invertible_flow.h"
#include "core/model/likelihood_model.h"
#include "core/model/model_graph.h"
#include "core/model/param_spec.h"
#include "core/model/pixel_sampler.h"
#include "core/model/style_generator.h"
#include "core/model/text_model.h"

namespace gs {

// The shape of one data item. Images are [C, H, W]; low-dimensional point data
// (the 2-D playground) sets points = true and has `channels` coordinates with
// height = width = 1, stored as [N, channels] tensors.
struct ImageShape {
  int64_t channels = 1;
  int64_t height = 28;
  int64_t width = 28;
  bool points = false;
  int64_t domains = 1;  // 2: unpaired image domains A and B stacked on channels ([N, 2C, H, W])
  // Text (is_text; core/data/text_corpus.h): items are chunks of `width` token ids
  // stored as float32 [N, 1, 1, width]; `vocabulary` holds one character per
  // token id, built from the training text.
  bool is_text = false;
  std::vector<std::string> vocabulary;
  // Labelled image data: the dataset's class names, label k naming class k
  // (empty when the data have no labels). Class-conditional families
  // (class_conditional.h) build their label embeddings from its size; it is
  // written into checkpoints, so a model reopens with the classes it learned.
  std::vector<std::string> class_names;
  int64_t numel() const { return channels * height * width; }
  std::string text() const;  // "1×28×28", "2-D points" or "text, 80 characters"
  std::vector<int64_t> batch_sizes(int64_t n) const;  // {n, C, H, W} or {n, C}
};

// Which networks one training step updates (the playground's single steps).
enum class TrainPart { Both, DiscriminatorOnly, GeneratorOnly };

class GenerativeModel {
 public:
  virtual ~GenerativeModel() = default;

  virtual std::string id() const = 0;
  virtual unsigned capabilities() const = 0;
  virtual ImageShape image_shape() const = 0;
  virtual int64_t latent_dim() const = 0;
  virtual std::vector<std::string> loss_names() const = 0;

  // One optimisation step on a batch [B, C, H, W] with values in [0, 1].
  // Returns the losses (detached, 1-D, loss_names() order) without synchronising.
  virtual torch::Tensor train_step(const torch::Tensor& batch) = 0;

  // Adversarial models can step one network at a time; the default steps all.
  virtual torch::Tensor train_step_part(const torch::Tensor& batch, TrainPart part);

  // Decoded images in [0, 1], [N, C, H, W] (point data: raw coordinates [N, D]).
  // Called without gradients.
  virtual torch::Tensor decode(const torch::Tensor& z);
  // Mean latent code of images, [N, latent_dim].
  virtual torch::Tensor encode(const torch::Tensor& images);
  // Images through the model and back, in [0, 1].
  virtual torch::Tensor reconstruct(const torch::Tensor& images);
  // Intermediate activations for GANSpace-style directions, [N, F]; defaults
  // to the decoded output flattened.
  virtual torch::Tensor features(const torch::Tensor& z);
  // Latents for sampling: standard normal unless the model knows better.
  virtual torch::Tensor prior_sample(int64_t n, torch::Generator& gen) const;

  // Side interfaces (see the top of this file): nullptr when absent.
  virtual StyleGenerator* styles() { return nullptr; }
  virtual ImageTranslator* translator() { return nullptr; }
  virtual DataCritic* critic() { return nullptr; }
  virtual LikelihoodModel* likelihood() { return nullptr; }
  virtual InvertibleFlow* flow() { return nullptr; }
  virtual PixelSampler* pixel_sampler() { return nullptr; }
  virtual DiffusionModel* diffusion() { return nullptr; }
  virtual EnergyModel* energy() { return nullptr; }
  virtual TextModel* text() { return nullptr; }
  virtual ClassConditional* conditional() { return nullptr; }

  // The model's overview graph (model_graph.h): its networks with their layers
  // and parameter counts, the shapes a dummy forward pass measures, and the
  // losses between them. describe_model calls it on a fresh model in
  // evaluation mode without gradients. The default (model_graph.cpp) draws the
  // data, one box with no layers and the loss names; families override it
  // through graph_builder.h.
  virtual ModelGraph graph();

  // Changes a parameter during training when the model can (learning rates,
  // loss type, step ratio …): returns false when the change needs a rebuild.
  // The value has already been validated against the parameter's spec.
  virtual bool set_live_param(const std::string& key, const std::string& value);

  virtual void set_learning_rate(double lr) = 0;
  virtual void set_training(bool training) = 0;

  // Weights and optimizer state under the archive's root. load_state checks
  // every tensor's presence and shape (see the failure modes above).
  virtual void save_state(torch::serialize::OutputArchive& archive) const = 0;
  virtual void load_state(torch::serialize::InputArchive& archive) = 0;
};

}  // namespace gs
