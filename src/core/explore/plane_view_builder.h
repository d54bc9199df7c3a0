// plane_view_builder.h — computes what the playground draws for point data:
// real and generated points, the generator's push on them, the model's score
// field on a grid, the generator manifold, and point-data quality metrics;
// for flows (model.flow() non-null) also the z-space mesh and the fixed latents
// pulled back through the flow one step at a time, and for log-density fields
// the true density on the same grid (a histogram of fresh draws); for
// diffusion models (model.diffusion() non-null) the fixed noise batch along a
// deterministic DDIM reverse run, a few trajectories and the predicted score on
// a coarse grid at each kept timestep (plane_view_diffusion.cpp).
//
// Ownership: PlaneViewBuilder holds fixed bounds, a fixed real sample and a
// reference sample; it borrows model and data per call. Thread affinity: the
// training thread (it calls the model). Failure modes: capabilities the model
// lacks are left out of the view, never thrown.
#pragma once

#include <torch/torch.h>

#include <chrono>

#include "core/data/image_dataset.h"
#include "core/model/generative_model.h"
#include "core/train/train_observer.h"

namespace gs {

class PlaneViewBuilder {
 public:
  PlaneViewBuilder(const ImageDataset& data, uint64_t seed);

  PlaneView build(GenerativeModel& model, const torch::Tensor& fixed_z) const;
  // The flow part of build(): step names, per-step meshes and latents (2-D flows only).
  static void add_flow_steps(InvertibleFlow& flow, const torch::Tensor& mesh_z, const torch::Tensor& fixed_z,
                             PlaneView* view);
  // The diffusion part of build(): runs DDIM (η = 0, kDiffusionSteps kept timesteps from T−1 to 0)
  // from x_T ([N, dims], model space) and sets `fake` to the result; in 2-D also the per-step points,
  // kTrajectories trajectories and the score field on a kScoreGrid² grid over the view's bounds (each
  // step is one network call on the points and the grid together). Throws what the model throws.
  static void add_diffusion_steps(DiffusionModel& diffusion, const torch::Tensor& x_T, PlaneView* view);

  // A picture of a view (score field, real points gray, generated points red),
  // for the CLI's samples.png.
  static Image render(const PlaneView& view, int size = 512);

  // modes_covered and hq_percent (when the data has modes), kl_density and js_density
  // (histogram KL(true ‖ generated) and JS; named apart from a model's own "kl" loss).
  // Diffusion models sample iteratively, which costs as much as dozens of training steps:
  // for them it runs only when 9× its last cost has passed since it last ended (≤ ~10 % of
  // the run) and leaves the lists empty otherwise.
  void evaluate(GenerativeModel& model, std::vector<std::string>* names, std::vector<double>* values) const;
  // The same metrics of given points [N, dims] (evaluate()'s samples, or fresh
  // real draws for the real-vs-real reference).
  void evaluate_points(const torch::Tensor& samples, std::vector<std::string>* names,
                       std::vector<double>* values) const;

  static constexpr int kFieldSize = 64;
  static constexpr int kMeshSize = 21;
  static constexpr int kEvalSamples = 2500;
  static constexpr int kDiffusionSteps = 40;  // kept reverse steps (fewer when T is smaller)
  static constexpr int kScoreGrid = 12;       // arrows of the denoising field: 12 × 12
  static constexpr int kTrajectories = 12;
  static constexpr int kDiffusionPoints = 1000;  // x_T drawn here when the session has no fixed batch of that shape

 private:
  ImageDataset data_;
  int dims_;
  float x0_, x1_, y0_, y1_;
  uint64_t seed_;
  torch::Tensor real_;       // fixed subset shown as "real"
  torch::Tensor reference_;  // larger sample for divergence estimates
  std::vector<float> true_field_;  // 2-D: log of the true density on the field grid, empty when unknown
  // evaluate()'s budget for iterative models (the training thread's only).
  mutable double eval_cost_ = 0;
  mutable std::chrono::steady_clock::time_point eval_end_{};
};

}  // namespace gs
