// gan_fused_path.h — the MLP GAN's training step without autograd: the
// generator and discriminator as FusedMlp stacks (core/nn/fused_mlp.h) over the
// FlatAdam buffers GanModel already keeps, the losses' gradients with respect
// to the discriminator's outputs in closed form, and FlatAdam for the updates.
// It computes the same algorithm as GanModel's autograd step (the same random
// draws in the same order, one D pass over real and fake together, the G step
// through a frozen D); tests/test_gan_fused.cpp compares both.
//
// Covered: the "mlp" architecture on points and images, any pack, losses
// minimax, nonsaturating, lsgan, hinge, and wgan-gp with gp_weight 0, label
// smoothing. Not covered (GanModel falls back to autograd): the WGAN-GP
// gradient penalty and the R1 penalty (both need second derivatives), DCGAN,
// and batches whose size is not a multiple of the packing.
//
// Ownership: owns its buffers (grown on the first batch of a new, larger size,
// otherwise no allocation per step); reads and writes the parameters and
// gradients through the FlatAdam instances it is given. Thread affinity: the
// training thread. Failure modes: gs::Error from construction when the
// networks' parameter count does not match the layout it expects.
#pragma once

#include <array>
#include <vector>

#include "core/models/gan/gan_losses.h"
#include "core/models/gan/gan_nets.h"
#include "core/nn/fused_mlp.h"
#include "core/train/flat_adam.h"

namespace gs {

// d_loss, d_loss_real, d_loss_fake, d_x, d_g_z of one discriminator step.
struct FusedDStats {
  float total = 0, real = 0, fake = 0, d_x = 0, d_gz = 0;
};

class GanFusedPath {
 public:
  // g and d are the optimizers whose flat buffers hold the networks of `config`.
  GanFusedPath(const GanNetConfig& config, FlatAdam& g, FlatAdam& d);

  // Whether this path computes the configured step (see the header comment).
  static bool covers(const GanNetConfig& config, GanLoss loss, double gp_weight, double r1_gamma, int64_t batch);
  int64_t sample_width() const { return sample_width_; }

  // One discriminator update: real [b, sample_width] (contiguous floats, mapped
  // as scale·x + shift into model space), z [b, latent] the generator's noise.
  FusedDStats discriminator_step(const float* real, float scale, float shift, const float* z, int64_t b, GanLoss loss,
                                 double label_smoothing);
  // One generator update from noise z [b, latent]; returns the generator's loss.
  float generator_step(const float* z, int64_t b, GanLoss loss);

 private:
  void reserve(int64_t b);

  int64_t pack_, sample_width_;
  FlatAdam& opt_g_;
  FlatAdam& opt_d_;
  FusedMlp g_, d_;
  int64_t rows_ = 0;
  std::vector<float> d_in_, d_grad_out_, d_grad_in_;
};

}  // namespace gs
