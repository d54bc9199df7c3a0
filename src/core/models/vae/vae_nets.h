// vae_nets.h — encoder and decoder networks shared by the autoencoder and the VAE.
//
// MLP: input → hidden1 → hidden2 → head (ReLU), mirrored in the decoder; with the
// defaults this is the textbook 784-512-256-z network. Conv: two stride-2
// convolutions (32, 64 channels by default) and a 256-unit dense layer, mirrored
// with transposed convolutions; needs image sides divisible by 4.
//
// Ownership: TORCH_MODULE holders (shared_ptr semantics). Thread affinity: one
// thread at a time. Failure modes: make_vae_nets throws gs::Error for shapes the
// chosen architecture cannot handle.
#pragma once

#include <torch/torch.h>

#include "core/model/generative_model.h"

namespace gs {

struct VaeNetConfig {
  std::string arch = "mlp";  // "mlp" or "conv"
  ImageShape shape;
  int64_t latent_dim = 16;
  int64_t head_dim = 32;     // encoder output: 2 × latent for a VAE, latent for an AE
  int64_t hidden1 = 512;
  int64_t hidden2 = 256;
  int64_t conv_channels = 32;
};

struct VaeNets {
  torch::nn::Sequential encoder{nullptr};  // [B, C, H, W] → [B, head_dim]
  torch::nn::Sequential decoder{nullptr};  // [B, latent] → [B, C, H, W] logits
};

VaeNets make_vae_nets(const VaeNetConfig& config);

}  // namespace gs
