// class_conditional.h — the side interface of models that learn from class
// labels and sample a chosen class (the diffusion U-Net with classifier-free
// guidance, the class-conditional PixelCNN): the trainer hands them each
// batch's labels, and samplers ask for images of given classes.
//
// Reached through GenerativeModel::conditional(), which returns nullptr for
// other models and for a conditional family built without conditioning; a
// model returns non-null exactly when its capabilities() include
// kClassConditional (tests/test_model_registry.cpp).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's; sampling calls
// run without gradients. Failure modes: gs::Error for a label outside
// [−1, num_classes()), a batch and label count that differ, or a guidance
// scale that is negative or not finite.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace gs {

class ClassConditional {
 public:
  virtual ~ClassConditional() = default;

  virtual int64_t num_classes() const = 0;
  // One optimisation step on a batch [B, C, H, W] in [0, 1] with its labels
  // [B] int64; the trainer calls this instead of train_step when the dataset
  // has labels. Same return value as GenerativeModel::train_step.
  virtual torch::Tensor train_step_labeled(const torch::Tensor& batch, const torch::Tensor& labels) = 0;
  // Samples [N, C, H, W] in [0, 1], one per label ([N] int64; −1 draws from the
  // unconditional model). `guidance` is the classifier-free guidance scale w
  // where the model has one (0: the conditional model alone; ignored otherwise).
  virtual torch::Tensor sample_classes(const torch::Tensor& labels, double guidance, torch::Generator& gen) = 0;

  // Added by the conditional work (defaults keep other implementations valid):
  // Whether `guidance` means anything to sample_classes (classifier-free guidance).
  virtual bool has_guidance() const { return false; }
  // Models with a likelihood: −log p(x | y) in nats per item [N] for images
  // [N, C, H, W] and their labels [N] in 0 … K−1 (the training session's test
  // bits/dim of a conditional model); undefined when the model has none.
  virtual torch::Tensor nll_nats_given(const torch::Tensor& x, const torch::Tensor& labels) {
    (void)x;
    (void)labels;
    return {};
  }
  // The class the model's other sampling calls (decode, the PixelSampler calls)
  // draw from now on; −1 (the default) lets the model choose (documented per
  // family). Models whose other calls are unconditional ignore it.
  virtual void select_class(int64_t label) { (void)label; }
};

}  // namespace gs
