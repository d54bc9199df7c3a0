// style_nets.h — a small style-based generator (StyleGAN2-style) for the CPU.
//
// MappingNetwork: z → pixel norm → `layers` × (dense, LeakyReLU 0.2) → w.
// Synthesis: a learned 4×4 constant, then per resolution (4, 8, …, R) modulated
// 3×3 convolutions (modulation by a per-layer style A(w) and demodulation,
// computed on activations so one batched convolution serves the whole batch), per-pixel noise scaled by a learned per-channel strength, bias
// and LeakyReLU; ×2 upsampling (bilinear, or nearest) between resolutions; a modulated 1×1 toRGB at
// the end. Layer i takes w[:, i]: num_ws() = 2·log2(R/4) + 2 style inputs.
//
// Ownership: module holders. Thread affinity: one thread at a time. Failure
// modes: LibTorch shape errors for a wrong number of styles.
#pragma once

#include <torch/torch.h>

namespace gs {

struct MappingNetworkImpl : torch::nn::Module {
  MappingNetworkImpl(int64_t z_dim, int64_t w_dim, int64_t layers);
  torch::Tensor forward(const torch::Tensor& z);
  torch::nn::Sequential net{nullptr};
};
TORCH_MODULE(MappingNetwork);

struct ModulatedConvImpl : torch::nn::Module {
  ModulatedConvImpl(int64_t in_c, int64_t out_c, int64_t kernel, int64_t w_dim, bool demodulate, bool upsample,
                    bool bilinear = true);
  // x [N, in_c, H, W], w [N, w_dim]; noise [N, 1, H', W'] or undefined.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& noise);
  torch::nn::Linear affine{nullptr};
  torch::Tensor weight, bias, noise_strength;
  int64_t in_c, out_c, kernel;
  bool demodulate, upsample, bilinear;
};
TORCH_MODULE(ModulatedConv);

struct SynthesisNetworkImpl : torch::nn::Module {
  SynthesisNetworkImpl(int64_t w_dim, int64_t channels, int64_t out_channels, int64_t resolution, bool bilinear = true);
  // ws [N, num_ws, w_dim]; noise: use fresh random noise (from `gen` when given) or none.
  torch::Tensor forward(const torch::Tensor& ws, bool noise, c10::optional<torch::Generator> gen = c10::nullopt);
  int64_t num_ws() const { return static_cast<int64_t>(convs.size()) + 1; }
  void set_bilinear(bool bilinear);  // the upsampling of every layer (for older checkpoints)
  torch::Tensor constant;
  std::vector<ModulatedConv> convs;
  ModulatedConv to_rgb{nullptr};
  int64_t resolution;
};
TORCH_MODULE(SynthesisNetwork);

// Minibatch standard deviation (Karras et al. 2018): appends one channel holding
// the mean standard deviation of the features over groups of up to 4 images, so
// the discriminator sees a batch's variety and a collapsed generator loses.
// Groups are the largest of 4, 2, 1 that divides the batch.
struct MinibatchStdImpl : torch::nn::Module {
  torch::Tensor forward(const torch::Tensor& x);
};
TORCH_MODULE(MinibatchStd);

// Convolutions down to 4×4, a minibatch-stddev channel, a dense logit.
torch::nn::Sequential make_style_discriminator(int64_t in_channels, int64_t channels, int64_t resolution);

}  // namespace gs
