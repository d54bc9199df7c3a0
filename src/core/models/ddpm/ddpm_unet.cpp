#include "core/models/ddpm/ddpm_unet.h"

#include <cmath>
#include <string>

#include "core/common/error.h"

namespace gs {

torch::Tensor timestep_frequencies(int64_t dim) {
  const int64_t half = dim / 2;
  return torch::exp(torch::arange(half, torch::kFloat32) * (-std::log(10000.0) / static_cast<double>(half)));
}

torch::Tensor timestep_embedding(const torch::Tensor& t, const torch::Tensor& freqs) {
  torch::Tensor a = t.to(torch::kFloat32).unsqueeze(1) * freqs.unsqueeze(0);
  return torch::cat({a.sin(), a.cos()}, 1);
}

ResBlockImpl::ResBlockImpl(int64_t in, int64_t out, int64_t groups) : out_(out) {
  norm1 = register_module("norm1", torch::nn::GroupNorm(groups, in));
  conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1)));
  norm2 = register_module("norm2", torch::nn::GroupNorm(groups, out));
  conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(out, out, 3).padding(1)));
  if (in != out) skip = register_module("skip", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1)));
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& temb) {
  torch::Tensor h = conv1(torch::silu(norm1(x)));
  h = h + temb.unsqueeze(-1).unsqueeze(-1);
  h = conv2(torch::silu(norm2(h)));
  return h + (skip ? skip(x) : x);
}

SelfAttentionImpl::SelfAttentionImpl(int64_t channels, int64_t groups) {
  norm = register_module("norm", torch::nn::GroupNorm(groups, channels));
  qkv = register_module("qkv", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 3 * channels, 1)));
  proj = register_module("proj", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, 1)));
}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor& x) {
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  torch::Tensor parts = qkv(norm(x)).view({n, 3, c, h * w});
  torch::Tensor q = parts.select(1, 0), k = parts.select(1, 1), v = parts.select(1, 2);  // [N, C, HW]
  torch::Tensor attn = torch::softmax(torch::bmm(q.transpose(1, 2), k) / std::sqrt(static_cast<double>(c)), -1);
  torch::Tensor out = torch::bmm(v, attn.transpose(1, 2)).view({n, c, h, w});  // out_i = Σ_j a_ij v_j
  return x + proj(out);
}

UNetDenoiser::UNetDenoiser(const UNetConfig& config) : config_(config) {
  const int64_t levels = static_cast<int64_t>(config.mults.size());
  const int64_t factor = int64_t{1} << (levels - 1);
  if (config.height % factor != 0 || config.width % factor != 0) {
    throw Error("The diffusion U-Net halves the image " + std::to_string(levels - 1) + " times, so its sides must be "
                "multiples of " + std::to_string(factor) + "; got " + std::to_string(config.height) + "×" +
                std::to_string(config.width) + ".");
  }
  const int64_t ch = config.channels, g = config.groups;
  for (int64_t m : config.mults) {
    if ((ch * m) % g != 0) {
      throw Error("The U-Net channels must be a multiple of " + std::to_string(g) + " (its GroupNorm groups); got " +
                  std::to_string(ch) + ".");
    }
  }
  const int64_t temb_dim = 4 * ch;
  freqs_ = register_buffer("freqs", timestep_frequencies(ch));
  time1 = register_module("time1", torch::nn::Linear(ch, temb_dim));
  time2 = register_module("time2", torch::nn::Linear(temb_dim, temb_dim));
  if (config.num_classes > 0) {
    class_emb = register_module("class_emb", torch::nn::Embedding(config.num_classes + 1, temb_dim));
    torch::NoGradGuard no_grad;
    class_emb->weight.zero_();  // starts as the unconditional net; the classes are learned
  }
  conv_in = register_module("conv_in", torch::nn::Conv2d(torch::nn::Conv2dOptions(config.in_channels, ch, 3).padding(1)));

  std::vector<int64_t> skip_channels;
  int64_t cur = ch;
  auto note = [&](int64_t out) {
    proj_offsets_.push_back(proj_sizes_.empty() ? 0 : proj_offsets_.back() + proj_sizes_.back());
    proj_sizes_.push_back(out);
  };
  for (int64_t i = 0; i < levels; ++i) {
    const int64_t out = ch * config.mults[i];
    down_blocks->push_back(ResBlock(cur, out, g));
    note(out);
    cur = out;
    skip_channels.push_back(cur);
    if (i + 1 < levels) {
      downsamples->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(cur, cur, 3).stride(2).padding(1)));
    }
  }
  for (int k = 0; k < 2; ++k) {
    mid_blocks->push_back(ResBlock(cur, cur, g));
    note(cur);
  }
  if (config.attention) attn = register_module("attn", SelfAttention(cur, g));
  for (int64_t i = levels - 1; i >= 0; --i) {
    const int64_t out = ch * config.mults[i];
    up_blocks->push_back(ResBlock(cur + skip_channels[i], out, g));
    note(out);
    cur = out;
    if (i > 0) upsamples->push_back(torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(cur, cur, 2).stride(2)));
  }
  register_module("down_blocks", down_blocks);
  register_module("downsamples", downsamples);
  register_module("mid_blocks", mid_blocks);
  register_module("up_blocks", up_blocks);
  register_module("upsamples", upsamples);
  time_proj = register_module("time_proj", torch::nn::Linear(temb_dim, proj_offsets_.back() + proj_sizes_.back()));
  norm_out = register_module("norm_out", torch::nn::GroupNorm(g, cur));
  conv_out = register_module("conv_out", torch::nn::Conv2d(torch::nn::Conv2dOptions(cur, config.in_channels, 3).padding(1)));
}

torch::Tensor UNetDenoiser::forward(const torch::Tensor& x, const torch::Tensor& t) {
  if (!class_emb) return forward_labeled(x, t, torch::Tensor());
  return forward_labeled(x, t, torch::full({x.size(0)}, config_.num_classes, torch::kLong));
}

torch::Tensor UNetDenoiser::forward_labeled(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) {
  torch::Tensor temb = time2(torch::silu(time1(timestep_embedding(t, freqs_))));
  if (class_emb && y.defined()) temb = temb + class_emb(y);
  torch::Tensor proj = time_proj(torch::silu(temb));  // every block's time input in one product
  size_t b = 0;
  auto block_input = [&] {
    torch::Tensor slice = proj.narrow(1, proj_offsets_[b], proj_sizes_[b]);
    ++b;
    return slice;
  };
  const size_t levels = config_.mults.size();
  std::vector<torch::Tensor> skips;
  torch::Tensor h = conv_in(x);
  for (size_t i = 0; i < levels; ++i) {
    h = down_blocks[i]->as<ResBlock>()->forward(h, block_input());
    skips.push_back(h);
    if (i + 1 < levels) h = downsamples[i]->as<torch::nn::Conv2d>()->forward(h);
  }
  h = mid_blocks[0]->as<ResBlock>()->forward(h, block_input());
  if (attn) h = attn(h);
  h = mid_blocks[1]->as<ResBlock>()->forward(h, block_input());
  for (size_t k = 0; k < levels; ++k) {
    const size_t i = levels - 1 - k;
    h = up_blocks[k]->as<ResBlock>()->forward(torch::cat({h, skips[i]}, 1), block_input());
    if (i > 0) h = upsamples[k]->as<torch::nn::ConvTranspose2d>()->forward(h);
  }
  return conv_out(torch::silu(norm_out(h)));
}

}  // namespace gs
