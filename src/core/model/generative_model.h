// generative_model.h — the one interface every model family implements.
//
// A model owns its networks and its optimizers; the trainer only feeds batches.
// Capability flags (capabilities.h) say which optional methods may be called;
// the defaults throw gs::Error so a front end that ignores the flags gets a
// clear message, not a crash.
//
// Ownership: owned by a TrainingSession (or a test). Thread affinity: one thread
// at a time; exploration uses its own copy. Failure modes: train_step may return
// non-finite losses (the trainer detects and pauses); load_state throws gs::Error
// on missing or mismatched tensors and leaves the model unchanged.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/model/param_spec.h"

namespace gs {

struct ImageShape {
  int64_t channels = 1;
  int64_t height = 28;
  int64_t width = 28;
  int64_t numel() const { return channels * height * width; }
  std::string text() const;  // "1×28×28"
};

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

  // Decoded images in [0, 1], [N, C, H, W]. Called without gradients.
  virtual torch::Tensor decode(const torch::Tensor& z);
  // Mean latent code of images, [N, latent_dim].
  virtual torch::Tensor encode(const torch::Tensor& images);
  // Images through the model and back, in [0, 1].
  virtual torch::Tensor reconstruct(const torch::Tensor& images);
  // Latents for sampling: standard normal unless the model knows better.
  virtual torch::Tensor prior_sample(int64_t n, torch::Generator& gen) const;

  virtual void set_learning_rate(double lr) = 0;
  virtual void set_training(bool training) = 0;

  // Weights and optimizer state under the archive's root. load_state validates
  // every tensor's presence and shape before changing anything.
  virtual void save_state(torch::serialize::OutputArchive& archive) const = 0;
  virtual void load_state(torch::serialize::InputArchive& archive) = 0;
};

}  // namespace gs
