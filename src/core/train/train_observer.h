// train_observer.h — what a training run reports: statistics at the log
// interval, sample grids, checkpoints, pauses, completion and errors.
//
// Ownership: owned by the front end, borrowed by the loop during one run.
// Thread affinity: every callback runs on the training thread; an implementation
// that feeds a GUI must hand data over through a mutex-guarded buffer or queued
// signals. Callbacks must not throw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/image.h"

namespace gs {

struct StepStats {
  long step = 0;               // steps completed in the session (continues across resumes)
  long total_steps = 0;        // the run's target
  double seconds = 0;          // wall time since the run started
  double steps_per_second = 0; // over the last log interval
  double images_per_second = 0;
  double eta_seconds = 0;      // to total_steps at the current rate
  std::vector<std::string> names;  // loss names, total first
  std::vector<double> values;      // mean of each loss over the interval
  // Quality metrics evaluated at this step where the data defines them (point
  // data: modes_covered, hq_percent, kl_density, js_density).
  std::vector<std::string> metric_names;
  std::vector<double> metric_values;
  // Data-parallel runs: processes, and the wall time per step spent averaging
  // gradients across them over the interval (0 in one process).
  int processes = 1;
  double allreduce_seconds_per_step = 0;
  double allreduce_bytes_per_step = 0;  // gradient bytes each rank all-reduces per step
};

// What the playground draws for point data (1-D or 2-D). Coordinates are data
// coordinates; every list is flat, `dims` floats per point.
struct PlaneView {
  int dims = 0;                 // 0: no point data
  float x0 = 0, x1 = 0, y0 = 0, y1 = 0;  // view bounds (1-D: y unused)
  std::vector<float> real;      // a sample of the training data
  std::vector<float> fake;      // generated from the session's fixed latent batch
  std::vector<float> push;      // per fake point: −∂L_G/∂x (adversarial models), may be empty
  int field_w = 0, field_h = 0; // score field on a regular grid (field_h = 1 in 1-D), row-major from (x0, y0)
  std::vector<float> field;
  std::string field_label;      // "D(x)", "critic score", …
  int mesh_n = 0;               // generator manifold: mesh_n × mesh_n latent grid, 2-D only
  std::vector<float> mesh;      // mesh_n * mesh_n points
  std::vector<float> true_density;  // 1-D: the true density at field_w positions, when known
  // Flows (model->flow() non-null) and log-density fields:
  bool field_is_log_density = false;  // field is log p(x), floored 10 nats below its peak
  std::vector<float> true_field;      // 2-D: log of the true density (histogram of fresh draws), field's grid
  std::vector<std::string> flow_step_names;      // [k − 1]: the name of flow step k, k = 1..num
  std::vector<std::vector<float>> flow_meshes;   // [s]: the z-space mesh after undoing the last s steps (s = num: data space)
  std::vector<std::vector<float>> flow_fakes;    // [s]: the fixed latents after undoing the last s steps
  // Where the push arrows start (dims floats per arrow, pairs with `push`); empty: at the fake points.
  std::vector<float> push_from;
  // Diffusion models (model->diffusion() non-null), 2-D: a deterministic DDIM reverse run (η = 0) of
  // the session's fixed noise batch over kept timesteps, from noise (k = 0) to the finished sample.
  int diffusion_T = 0;                               // the model's T; 0: the view has no reverse run
  std::vector<int> diffusion_t;                      // [k]: timestep of state k (T−1 first); −1 last: the finished x₀
  std::vector<float> diffusion_alpha_bar;            // [k]: ᾱ at that timestep (1 for the finished sample)
  std::vector<std::vector<float>> diffusion_points;  // [k]: the fixed batch at state k (`fake` is the last)
  int trajectory_count = 0;                          // a few of those points followed from noise to data:
  std::vector<float> trajectories;                   // trajectory_count polylines of diffusion_t.size() points
  int score_grid_n = 0;                              // the denoising field on score_grid_n² cell centres,
  std::vector<float> score_grid;                     // row-major from (x0, y0)
  std::vector<std::vector<float>> score_field;       // [k]: predicted score −ε̂/√(1−ᾱ_t) there (last: t = 0)
};

struct SampleImages {
  long step = 0;
  Image samples;          // grid decoded from the session's fixed latent batch
  Image reconstructions;  // rows: fixed test images, then their reconstructions (may be empty)
  PlaneView plane;        // point data only
  // Text models (GenerativeModel::text()): a continuation of the fixed prompt
  // `text_prompt`, drawn with the same seed at every interval so the change
  // shows training, not chance; `text` holds the prompt followed by it.
  std::string text;
  std::string text_prompt;
};

class TrainObserver {
 public:
  virtual ~TrainObserver() = default;
  virtual void on_stats(const StepStats&) {}
  virtual void on_samples(const SampleImages&) {}
  virtual void on_checkpoint(const std::string& /*path*/, long /*step*/) {}
  // The loop paused itself (e.g. the loss became NaN); `reason` is a full sentence.
  virtual void on_paused(const std::string& /*reason*/) {}
  // A copy of the model (TrainingSession::snapshot format) that another thread
  // can open with Explorer::from_snapshot, after TrainControl::request_snapshot.
  virtual void on_snapshot(const std::vector<uint8_t>& /*bytes*/, long /*step*/) {}
  // A command failed (e.g. save to a full disk); training goes on.
  virtual void on_warning(const std::string& /*message*/) {}
};

}  // namespace gs
