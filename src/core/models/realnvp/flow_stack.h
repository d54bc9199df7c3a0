// flow_stack.h — a RealNVP network as a list of invertible steps, for point
// data (PointFlow: ActNorm and MLP affine couplings with alternating masks) and
// images (ImageFlow: the multi-scale architecture with checkerboard and channel
// couplings, squeezes and factor-outs).
//
// Steps are counted from the data side: forward(x, k) runs steps 1..k toward the
// latent, inverse(z, k) runs the last k steps back toward the data. Inputs and
// outputs are flat, [N, D] with D = C·H·W for images; for an image flow the
// state between steps (a tensor and the parts already factored out) is put back
// into the image layout, so the latent z reshaped to C×H×W is spatially
// meaningful (the factored-out parts sit where their pixels came from).
//
// Ownership: torch::nn::Module (held by shared_ptr in the model). Thread
// affinity: one thread at a time. Failure modes: the constructors throw
// gs::Error for shapes they cannot build (a sentence naming the fix).
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/models/realnvp/realnvp_layers.h"

namespace gs {

class FlowStack : public torch::nn::Module {
 public:
  virtual int64_t num_steps() const = 0;
  virtual std::string step_name(int64_t k) const = 0;  // k in 1..num_steps
  // x [N, D] through steps 1..k; adds log|det| per item to logdet [N].
  virtual torch::Tensor forward(const torch::Tensor& x, int64_t k, torch::Tensor& logdet) = 0;
  // z [N, D] back through steps num..num−k+1.
  virtual torch::Tensor inverse(const torch::Tensor& z, int64_t k) = 0;
};

struct PointFlowConfig {
  int64_t dims = 2;
  int64_t couplings = 8;
  int64_t hidden = 128;
  int64_t mlp_layers = 2;
  bool actnorm = true;
  bool rotate = true;  // a fixed rotation after each coupling
  double bound = 1.5;
};

// PointFlow: per coupling i, [ActNorm], the coupling (masks alternate), and with
// `rotate` a fixed rotation (logdet 0), so the next coupling sees mixed
// coordinates: without it a product-like density (grid25) is a stationary
// point of every coupling at initialisation and the flow never leaves the Gaussian.
class PointFlow : public FlowStack {
 public:
  explicit PointFlow(const PointFlowConfig& config);
  int64_t num_steps() const override { return static_cast<int64_t>(names_.size()); }
  std::string step_name(int64_t k) const override { return names_.at(k - 1); }
  torch::Tensor forward(const torch::Tensor& x, int64_t k, torch::Tensor& logdet) override;
  torch::Tensor inverse(const torch::Tensor& z, int64_t k) override;

 private:
  std::vector<ActNorm> norms_;          // per step: the ActNorm, or null
  std::vector<PointCoupling> couplings_;  // per step: the coupling, or null
  std::vector<torch::Tensor> rotations_;  // per step: the rotation matrix [D, D], or undefined
  std::vector<std::string> names_;
};

struct ImageFlowConfig {
  int64_t channels = 1, height = 28, width = 28;
  int64_t scales = 2;           // squeeze + factor-out stages before the final couplings
  int64_t steps_per_stage = 2;  // couplings per mask group
  int64_t net_width = 16;       // conditioner channels at full resolution (doubling per squeeze)
  int64_t blocks = 0;           // residual blocks per conditioner
  bool actnorm = true;
  double bound = 1.5;
};

class ImageFlow : public FlowStack {
 public:
  explicit ImageFlow(const ImageFlowConfig& config);
  int64_t num_steps() const override { return static_cast<int64_t>(steps_.size()); }
  std::string step_name(int64_t k) const override { return steps_.at(k - 1).name; }
  torch::Tensor forward(const torch::Tensor& x, int64_t k, torch::Tensor& logdet) override;
  torch::Tensor inverse(const torch::Tensor& z, int64_t k) override;

 private:
  enum class Kind { Norm, Coupling, Squeeze, FactorOut };
  struct Step {
    Kind kind;
    std::string name;
    ActNorm norm{nullptr};
    ConvCoupling coupling{nullptr};
    int squeezes = 0, factored = 0;  // after this step
  };
  struct State {
    torch::Tensor h;
    std::vector<torch::Tensor> outs;  // factored-out parts, first first
  };
  State disassemble(const torch::Tensor& flat, int squeezes, int factored) const;
  torch::Tensor assemble(const State& s, int squeezes, int factored) const;
  int squeezes_after(int64_t k) const { return k == 0 ? 0 : steps_[k - 1].squeezes; }
  int factored_after(int64_t k) const { return k == 0 ? 0 : steps_[k - 1].factored; }

  ImageFlowConfig config_;
  std::vector<Step> steps_;
};

}  // namespace gs
