// ddpm_unet.h — the small U-Net that denoises images for "ddpm": sinusoidal
// timestep embedding and an MLP, residual blocks with GroupNorm and the time
// embedding added after their first convolution, a down path (stride-2
// convolutions) and an up path (2×2 stride-2 transposed convolutions, a
// quarter of the cost of nearest ×2 and a 3×3 convolution) joined by skip
// connections, and optional single-head self-attention at the lowest
// resolution. With mults {1, 2, 2} a 28×28 image runs at 28, 14 and 7; 32×32
// at 32, 16 and 8. The time projections of all blocks are one Linear (one op,
// not one per block). With num_classes K > 0 a learned class embedding (K + 1
// rows, the last the null class ∅ of classifier-free guidance) is added to the
// time embedding before the blocks' projection, so every block sees the class.
//
// Ownership: a torch module (held by DdpmModel). Thread affinity: one thread
// at a time. Failure modes: the constructor throws gs::Error when the image
// sides are not divisible by 2^(levels−1) or the channels not by the groups.
#pragma once

#include <cstdint>
#include <vector>

#include "core/models/ddpm/denoiser.h"

namespace gs {

struct UNetConfig {
  int64_t in_channels = 1;
  int64_t height = 28, width = 28;
  int64_t channels = 32;              // channels of the first level
  std::vector<int64_t> mults{1, 2, 2};  // per level
  bool attention = true;              // self-attention at the lowest resolution
  int64_t groups = 8;                 // GroupNorm groups
  int64_t num_classes = 0;            // > 0: class-conditional (labels 0 … K−1, K = ∅)
};

class ResBlockImpl : public torch::nn::Module {
 public:
  ResBlockImpl(int64_t in, int64_t out, int64_t groups);
  // temb: this block's slice of the time projection, [N, out].
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb);
  int64_t out_channels() const { return out_; }

 private:
  int64_t out_;
  torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
};
TORCH_MODULE(ResBlock);

class SelfAttentionImpl : public torch::nn::Module {
 public:
  SelfAttentionImpl(int64_t channels, int64_t groups);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::GroupNorm norm{nullptr};
  torch::nn::Conv2d qkv{nullptr}, proj{nullptr};
};
TORCH_MODULE(SelfAttention);

class UNetDenoiser : public Denoiser {
 public:
  explicit UNetDenoiser(const UNetConfig& config);
  // Conditional nets: forward(x, t) is the null class ∅ for every item.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t) override;
  torch::Tensor forward_labeled(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) override;
  const UNetConfig& config() const { return config_; }

 private:
  UNetConfig config_;
  torch::Tensor freqs_;
  torch::nn::Linear time1{nullptr}, time2{nullptr}, time_proj{nullptr};
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::GroupNorm norm_out{nullptr};
  torch::nn::Embedding class_emb{nullptr};
  torch::nn::ModuleList down_blocks, downsamples, mid_blocks, up_blocks, upsamples;
  SelfAttention attn{nullptr};
  std::vector<int64_t> proj_offsets_, proj_sizes_;  // per block, in the order forward visits them
};

}  // namespace gs
