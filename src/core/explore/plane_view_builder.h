// plane_view_builder.h — computes what the playground draws for point data:
// real and generated points, the generator's push on them, the model's score
// field on a grid, the generator manifold, and point-data quality metrics;
// for flows (model.flow() non-null) also the z-space mesh and the fixed latents
// pulled back through the flow one step at a time, and for log-density fields
// the true density on the same grid (a histogram of fresh draws).
//
// Ownership: PlaneViewBuilder holds fixed bounds, a fixed real sample and a
// reference sample; it borrows model and data per call. Thread affinity: the
// training thread (it calls the model). Failure modes: capabilities the model
// lacks are left out of the view, never thrown.
#pragma once

#include <torch/torch.h>

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

  // A picture of a view (score field, real points gray, generated points red),
  // for the CLI's samples.png.
  static Image render(const PlaneView& view, int size = 512);

  // modes_covered and hq_percent (when the data has modes), kl_density and js_density
  // (histogram KL(true ‖ generated) and JS; named apart from a model's own "kl" loss).
  void evaluate(GenerativeModel& model, std::vector<std::string>* names, std::vector<double>* values) const;

  static constexpr int kFieldSize = 64;
  static constexpr int kMeshSize = 21;
  static constexpr int kEvalSamples = 2500;

 private:
  ImageDataset data_;
  int dims_;
  float x0_, x1_, y0_, y1_;
  torch::Tensor real_;       // fixed subset shown as "real"
  torch::Tensor reference_;  // larger sample for divergence estimates
  std::vector<float> true_field_;  // 2-D: log of the true density on the field grid, empty when unknown
};

}  // namespace gs
