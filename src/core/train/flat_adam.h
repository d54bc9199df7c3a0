// flat_adam.h — Adam over one contiguous parameter buffer.
//
// Small models are bound by per-tensor overhead, not arithmetic: Adam over a
// dozen tensors costs more than the layers it updates. FlatAdam moves every
// parameter into one flat buffer (the parameters become views of it) and makes
// their gradients views of one flat gradient buffer, so zeroing and the update
// are a handful of large vectorised operations whatever the number of tensors.
//
// Ownership: holds the flat buffers; the module keeps its parameter tensors,
// whose storage now lives here. Construct after the module is built and before
// any training. Thread affinity: the training thread. Failure modes: load()
// throws gs::Error on missing or mis-sized state and leaves everything unchanged.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace gs {

struct AdamOptions {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0;
  // true: AdamW's decoupled decay (parameters shrink by lr · weight_decay each
  // step); false: L2 added to the gradient (Adam's classic weight decay).
  bool decoupled_weight_decay = false;
};

class FlatAdam {
 public:
  FlatAdam(const std::vector<torch::Tensor>& parameters, AdamOptions options);

  void zero_grad();
  // Data-parallel runs (gradient_sync.h): averages the gradient buffer across
  // processes, once between zero_grad() and step(); step() calls it itself, a
  // family that reads gradients first (clipping) calls it before reading.
  void synchronize_gradients();
  void step();
  // The same update as step() as one hand-written pass over the buffers (split
  // across the intra-op threads): no temporaries, so no allocation, and a
  // handful of fewer passes over memory. Equal to step() up to float rounding
  // (FMA contraction differs), which is why step() keeps the tensor expression
  // the other families' seeded tests were tuned on. The fused MLP paths use it.
  void step_loop();

  void set_lr(double lr) { options_.lr = lr; }
  void set_betas(double beta1, double beta2) {
    options_.beta1 = beta1;
    options_.beta2 = beta2;
  }
  double lr() const { return options_.lr; }
  void set_weight_decay(double weight_decay) { options_.weight_decay = weight_decay; }
  int64_t steps_taken() const { return step_; }
  int64_t numel() const { return flat_.numel(); }
  // The flat parameter buffer (the parameters are views of it), e.g. for an EMA of the weights.
  const torch::Tensor& flat_parameters() const { return flat_; }
  // The one gradient buffer every parameter's .grad is a view of (after
  // zero_grad): for global-norm clipping across optimizers without per-tensor ops.
  const torch::Tensor& flat_gradient() const { return flat_grad_; }

  // Saves / restores parameters and moments under `prefix` ("opt.G" etc.).
  void save(torch::serialize::OutputArchive& archive, const std::string& prefix) const;
  void load(torch::serialize::InputArchive& archive, const std::string& prefix);

 private:
  void reattach_gradients();
  void begin_step();

  AdamOptions options_;
  std::vector<torch::Tensor> params_;
  torch::Tensor flat_;       // parameters
  torch::Tensor flat_grad_;  // gradients
  torch::Tensor m_, v_, denom_;
  int64_t step_ = 0;
  bool synchronized_ = false;  // gradients already averaged since zero_grad()
};

}  // namespace gs
