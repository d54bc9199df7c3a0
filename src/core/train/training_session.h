// training_session.h — the torch-free facade both front ends drive: a model, its
// dataset, optimizer state and step counter, trained, sampled, saved and reopened.
//
// Ownership: a TrainingSession owns its model and data (LibTorch objects hidden
// behind a pimpl, so Qt code can include this header). Thread affinity: use one
// session from one thread at a time; run() blocks that thread until the target
// step, a stop request or an error. Failure modes: every method throws gs::Error
// with a sentence a person understands (missing dataset package, corrupt or
// mismatched checkpoint, invalid parameter, full disk); after a failed open() or
// load nothing existing is modified.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/image.h"
#include "core/model/model_catalog.h"
#include "core/model/param_spec.h"
#include "core/models/torchscript/torchscript_descriptor.h"
#include "core/train/distributed/distributed_options.h"
#include "core/train/train_control.h"
#include "core/train/train_observer.h"

namespace gs {

struct DatasetSpec {
  std::string id = "fashion-mnist";  // see dataset_catalog()
  std::string path;                  // folder datasets; fashion-mnist: override of the IDX directory;
                                     // folders: domain A; photo2painting: the photo folder
  std::string path_b;                // folders: domain B
  int image_size = 28;               // folder datasets: images are resized to size × size
  int channels = 1;                  // folder datasets: 1 (gray) or 3 (RGB)
  long limit = 0;                    // use only the first `limit` training images (0 = all)
                                     // (point datasets: the number of points, 0 = 20000)
  std::vector<float> drawn_points;   // "drawn": x0, y0, x1, y1, … in data coordinates
  int only_class = -1;               // labelled image data: train on this class alone (−1 = all);
                                     // the test set stays whole (anomaly scoring: "one class normal")
};

struct SessionConfig {
  std::string model_id = "vae";
  ParamValues params;    // given values; resolved against the model's specs
  DatasetSpec dataset;
  unsigned long seed = 1;
};

struct RunOptions {
  long total_steps = 1000;         // train until the session's step reaches this
  int log_every = 10;              // steps between StepStats
  double sample_seconds = 1.0;     // wall time between sample grids (0: only at the end); at least
                                   // 9× the last grid's cost, so grids take ≤ ~10% of the run
  long sample_every = 0;           // or every N steps (0: by time)
  long checkpoint_every = 0;       // steps between automatic checkpoints (0: none)
  std::string checkpoint_dir;      // where automatic checkpoints go
  int threads = 0;                 // intra-op threads (0: all hardware threads)
  DistributedOptions distributed;  // more than one process: data-parallel (only rank 0 samples,
                                   // evaluates and saves; see core/train/distributed/)
};

enum class RunEnd { Finished, Stopped };

class TrainingSession {
 public:
  // Builds the model and loads its dataset. Throws gs::Error.
  static std::unique_ptr<TrainingSession> create(const SessionConfig& config);
  // Reopens a checkpoint: model, optimizer state, step and data as saved.
  static std::unique_ptr<TrainingSession> open(const std::string& checkpoint_path);
  // An imported TorchScript module (not trainable; built by the registry's
  // "torchscript" entry): with the descriptor given, or from its sidecar PATH.json. open() also takes such modules when the
  // sidecar exists.
  static std::unique_ptr<TrainingSession> open_torchscript(const std::string& module_path,
                                                           const TorchScriptDescriptor* descriptor = nullptr);
  // A copy of the model as it is now (weights, optimizer state, metadata), in
  // memory: another thread opens it with open_snapshot to explore while this
  // session keeps training. Cheap for the models here (a few MB).
  std::vector<uint8_t> snapshot() const;
  static std::unique_ptr<TrainingSession> open_snapshot(const std::vector<uint8_t>& bytes);

  ~TrainingSession();
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  RunEnd run(const RunOptions& options, TrainControl& control, TrainObserver& observer);

  // Atomic write of model, optimizer state, step and metadata.
  void save(const std::string& path) const;

  long step() const;
  const SessionConfig& config() const;    // params resolved (every key present)
  const ModelInfo& model_info() const;
  std::string dataset_description() const;  // "Fashion-MNIST train: 60000 images 1×28×28"
  // What loading the data had to say (files skipped, naming the first few), one
  // sentence each; empty when nothing was skipped or the data are not loaded yet
  // (a reopened session loads them on its first run).
  std::vector<std::string> dataset_warnings() const;

  // Sample grid of n images from latents drawn with `seed` (n ≤ 256).
  Image sample_grid(int n, unsigned long seed) const;
  // Style-based models: the truncation ψ used by sampling (no effect otherwise).
  void set_truncation(double psi);
  // The grid the trainer reports: the session's fixed latent batch.
  Image fixed_sample_grid() const;
  // Fixed test images (top rows) over their reconstructions; empty if the model cannot reconstruct.
  Image reconstruction_grid() const;

  // Point data (the playground): whether the data are points, and the current
  // view (real and generated points, score field, generator push, manifold).
  // sample_grid() renders such a view as a picture for point data.
  bool is_point_data() const;
  PlaneView plane_view() const;

  struct Impl;  // defined in session_impl.h (core only)

 private:
  friend class Explorer;
  explicit TrainingSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gs
