// diffusion_sampling.h — the torch-free facade behind `genstudio-cli sample
// --sampler ddpm|ddim --steps K [--eta E]` and bench/ddpm_sampling.sh: a grid of
// samples from a diffusion model's checkpoint with the sampler, step count and
// η chosen at sampling time (not at training time), timed.
//
// Ownership: borrows the Explorer. Thread affinity: the Explorer's; the call
// blocks while the model samples. Failure modes: gs::Error with a sentence — a
// model that is not a diffusion model, an unknown sampler, steps outside
// 1 … T, DDPM with steps other than T, η outside 0 … 1, n outside 1 … 1024, a
// class or guidance the model cannot take (diffusion_model.h).
#pragma once

#include <string>

#include "core/common/image.h"
#include "core/explore/explorer.h"

namespace gs {

struct DiffusionGridRequest {
  std::string sampler = "ddim";  // "ddim" or "ddpm"
  int steps = 0;                 // 0: T for ddpm, 50 (at most T) for ddim
  double eta = 0.0;              // ddim only
  bool use_ema = true;
  int n = 64;
  unsigned long seed = 1;        // fixes x_T and the injected noise
  int class_label = -1;          // class-conditional models: the class to draw (−1: any)
  double guidance = 0.0;         // classifier-free guidance w (with a class): (1 + w) ε(x, c) − w ε(x, ∅)
};

struct DiffusionGridResult {
  Image grid;             // images; point data: the playground's picture of the samples
  double seconds = 0;     // wall time of the reverse process alone
  int steps = 0;          // network evaluations per sample
  std::string sampler;    // "ddpm" or "ddim"
};

DiffusionGridResult sample_diffusion_grid(const Explorer& explorer, const DiffusionGridRequest& request);

}  // namespace gs
