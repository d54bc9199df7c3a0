// gan_nets.h — generator and discriminator networks.
//
// mlp on images: the textbook GAN, G z → 256 → 512 → 1024 → pixels (tanh),
// D pixels → 1024 → 512 → 256 → 1, LeakyReLU 0.2 throughout.
// mlp on points: `layers` hidden layers of `width` units in both, linear output.
// dcgan: G z → dense (2·ngf × H/4 × W/4) → transposed convolutions ×2 (batch
// norm, ReLU, tanh); D strided convolutions ×2 (LeakyReLU; batch norm unless
// the loss is WGAN-GP, whose penalty is per-sample) → dense → 1. Needs sides
// divisible by 4 (28×28, 32×32, …).
//
// Ownership: Sequential holders (shared). Thread affinity: one thread at a time.
// Failure modes: gs::Error for shapes an architecture cannot produce.
#pragma once

#include <torch/torch.h>

#include "core/model/generative_model.h"

namespace gs {

struct GanNetConfig {
  std::string arch = "mlp";  // "mlp" or "dcgan"
  ImageShape shape;
  int64_t latent_dim = 100;
  int64_t layers = 3;        // mlp on points
  int64_t width = 128;       // mlp on points
  int64_t ngf = 64, ndf = 64;  // dcgan
  bool batch_norm_in_d = true;
  int64_t pack = 1;          // PacGAN: D judges `pack` samples at once (inputs concatenated)
};

struct GanNets {
  torch::nn::Sequential generator{nullptr};      // [B, z] → data (tanh for images)
  torch::nn::Sequential discriminator{nullptr};  // data → [B, 1]
};

GanNets make_gan_nets(const GanNetConfig& config);

}  // namespace gs
