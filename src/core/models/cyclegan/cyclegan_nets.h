// cyclegan_nets.h — CycleGAN's networks, sized for a CPU.
//
// ResnetGenerator: reflection-padded 7×7 convolution, two stride-2 downsamplings,
// `blocks` residual blocks, two transposed-convolution upsamplings and a 7×7
// convolution to tanh; instance norm and ReLU throughout. Fully convolutional:
// any image whose sides are multiples of 4 (callers pad other sizes).
// PatchDiscriminator: three strided/unstrided 4×4 convolutions with instance
// norm and LeakyReLU 0.2, then a 1-channel map of per-patch real/fake scores.
//
// Ownership: module holders (shared). Thread affinity: one thread at a time.
// Failure modes: none beyond LibTorch's shape errors.
#pragma once

#include <torch/torch.h>

namespace gs {

struct ResidualBlockImpl : torch::nn::Module {
  explicit ResidualBlockImpl(int64_t channels);
  torch::Tensor forward(const torch::Tensor& x);
  torch::nn::Sequential body{nullptr};
};
TORCH_MODULE(ResidualBlock);

torch::nn::Sequential make_resnet_generator(int64_t in_channels, int64_t out_channels, int64_t ngf, int64_t blocks);
torch::nn::Sequential make_patch_discriminator(int64_t in_channels, int64_t ndf);

}  // namespace gs
