// diffusion_explorer.h — the torch-free facade for exploring a denoising
// diffusion model (DiffusionModel, e.g. DDPM) through an Explorer: the noise
// schedule (ᾱ_t and log SNR for every t), the forward process of an image at
// a chosen t (the closed form q(x_t | x_0) with a fixed noise seed, and what
// the model predicts from it), a recorded reverse process from a seed (every
// kept step's x_t, predicted clean image x̂₀ and predicted noise ε̂, for DDPM
// with T steps or DDIM with K steps and η), and a sampler comparison (one seed
// through DDPM with T steps and DDIM with 10, 20 and 50 steps, each timed).
//
// Images are in [0, 1] for display: x_t and x̂₀ through the model's
// to_image_space (clamped), noise ε as 0.5 + ε/6 (±3 standard deviations fill
// black to white).
//
// Memory stays bounded: a reverse run records at most kMaxFrames steps; a
// longer chain (DDPM with T = 1000) is subsampled evenly, always keeping its
// first and last step, and says so in DiffusionRun::stride.
//
// Ownership: borrows the Explorer (which must outlive it); results are values.
// Thread affinity: the Explorer's (the exploration thread). Failure modes: the
// constructor throws gs::Error with a sentence when the model does not
// denoise (diffusion() is null) or works on points; calls throw gs::Error for
// a t outside 0 … T−1, steps outside 1 … T (DDPM: exactly T), η outside
// 0 … 1, a count outside 1 … 16, an image that is empty or of another size, or
// a class or guidance the model cannot take. The forward frame's prediction
// is the unconditional one (class −1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/image.h"

namespace gs {

class Explorer;

enum class DiffusionSamplerKind { DDPM, DDIM };

struct DiffusionRunSettings {
  DiffusionSamplerKind sampler = DiffusionSamplerKind::DDIM;
  int steps = 50;          // DDPM: T (0 means T); DDIM: 1 … T
  double eta = 0.0;        // DDIM only: 0 deterministic … 1 DDPM-like noise
  unsigned long seed = 1;  // fixes x_T and every noise drawn on the way
  int count = 1;           // images drawn at once (1 … 16), shown as a grid
  int class_label = -1;    // class-conditional models: the class to draw (−1: any, the unconditional model)
  double guidance = 0.0;   // with a class: classifier-free guidance w, (1 + w) ε(x, c) − w ε(x, ∅)
};

struct DiffusionSchedule {
  int timesteps = 0;              // T
  std::string name;               // "linear", "cosine"
  std::vector<double> alpha_bar;  // T values, ᾱ_t
  std::vector<double> log_snr;    // T values, ln(ᾱ_t / (1 − ᾱ_t))
};

// The forward process of one image at t, and the model's guess back from it.
struct DiffusionForwardFrame {
  int t = 0;
  double alpha_bar = 1.0;
  Image x0;       // the image as the model sees it
  Image x_t;      // √ᾱ_t x0 + √(1 − ᾱ_t) ε
  Image noise;    // ε (fixed by the noise seed)
  Image x0_hat;   // the model's predicted clean image from x_t
  Image eps_hat;  // the model's predicted noise
  double x0_rmse = 0;   // of x̂₀ against x0, model space
  double eps_rmse = 0;  // of ε̂ against ε
};

// One recorded step of a reverse run: the state x_t the step started from and
// what the model predicted from it.
struct DiffusionFrame {
  int index = 0;   // the step's index in the run, 0 … steps − 1
  int t = 0;       // its timestep
  Image x_t, x0_hat, eps_hat;
};

struct DiffusionRun {
  DiffusionRunSettings settings;  // steps resolved (DDPM: T)
  int timesteps = 0;              // T
  int grid_columns = 1;
  std::vector<DiffusionFrame> frames;  // by decreasing t
  int stride = 1;                 // every stride-th step recorded (1: all)
  Image final;                    // x_0, the finished samples
  double seconds = 0;             // wall time of the whole run (recording included)
};

struct DiffusionComparison {
  struct Entry {
    DiffusionRunSettings settings;
    Image image;         // the finished samples
    double seconds = 0;  // wall time of the sampling alone
  };
  std::vector<Entry> entries;  // DDPM T steps, then DDIM 10, 20, 50 (those ≤ T)
  int grid_columns = 1;
};

class DiffusionExplorer {
 public:
  static constexpr int kMaxFrames = 200;
  static constexpr int kMaxCount = 16;

  explicit DiffusionExplorer(const Explorer& explorer);

  int timesteps() const;
  DiffusionSchedule schedule() const;
  // `image` (the model's size; gray or RGB) noised to t with the noise of `noise_seed`.
  DiffusionForwardFrame forward(const Image& image, int t, unsigned long noise_seed) const;
  // A reverse run from x_T ~ N(0, I) of `settings.seed`, recorded step by step.
  DiffusionRun reverse(const DiffusionRunSettings& settings) const;
  // The same x_T (of `seed`) through DDPM with T steps and DDIM (η = `eta`) with
  // 10, 20 and 50 steps (those not above T), of `class_label` with guidance w
  // for a class-conditional model.
  DiffusionComparison compare(unsigned long seed, int count, double eta = 0.0, int class_label = -1,
                              double guidance = 0.0) const;
  // Class-conditional models: the same x_T (of settings.seed, settings.count
  // images) of settings.class_label drawn by the settings' sampler once per
  // guidance scale in `guidances`, one row each (e.g. w = 0, 1, 3).
  Image guidance_rows(const DiffusionRunSettings& settings, const std::vector<double>& guidances) const;

 private:
  const Explorer& explorer_;
};

}  // namespace gs
