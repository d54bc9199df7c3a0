#include "core/models/stylegan/style_nets.h"

#include <cmath>

namespace gs {
namespace {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

nn::LeakyReLU leaky() { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)); }

}  // namespace

MappingNetworkImpl::MappingNetworkImpl(int64_t z_dim, int64_t w_dim, int64_t layers) {
  net = nn::Sequential();
  int64_t in = z_dim;
  for (int64_t i = 0; i < layers; ++i) {
    nn::Linear dense(in, w_dim);
    {
      // He initialisation for LeakyReLU 0.2 and no bias, so w keeps the spread of
      // z through every layer. (PyTorch's default shrinks it about 3× per layer:
      // w hardly depended on z, every sample got the same styles from the first
      // step and training never left that single image.)
      torch::NoGradGuard ng;
      torch::nn::init::kaiming_normal_(dense->weight, 0.2, torch::kFanIn, torch::kLeakyReLU);
      dense->bias.zero_();
    }
    net->push_back(dense);
    net->push_back(leaky());
    in = w_dim;
  }
  register_module("net", net);
}

torch::Tensor MappingNetworkImpl::forward(const torch::Tensor& z) {
  torch::Tensor x = z * torch::rsqrt(z.pow(2).mean(1, true) + 1e-8);  // pixel norm
  return net->forward(x);
}

ModulatedConvImpl::ModulatedConvImpl(int64_t in, int64_t out, int64_t k, int64_t w_dim, bool demod, bool up, bool bilin)
    : in_c(in), out_c(out), kernel(k), demodulate(demod), upsample(up), bilinear(bilin) {
  affine = register_module("affine", nn::Linear(w_dim, in));
  {
    torch::NoGradGuard ng;
    // Styles s = A·w + 1: around 1 (an unmodulated convolution) and, with w of
    // unit spread, varying by about ±1 from sample to sample as in StyleGAN2.
    affine->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(w_dim)));
    affine->bias.fill_(1.0);
  }
  weight = register_parameter("weight", torch::randn({out, in, k, k}) / std::sqrt(static_cast<double>(in * k * k)));
  bias = register_parameter("bias", torch::zeros({out}));
  noise_strength = register_parameter("noise_strength", torch::zeros({out}));
}

torch::Tensor ModulatedConvImpl::forward(const torch::Tensor& x_in, const torch::Tensor& w, const torch::Tensor& noise) {
  torch::Tensor x = x_in;
  if (upsample) {
    auto o = F::InterpolateFuncOptions().scale_factor(std::vector<double>{2, 2});
    x = bilinear ? F::interpolate(x_in, o.mode(torch::kBilinear).align_corners(false))
                 : F::interpolate(x_in, o.mode(torch::kNearest));
  }
  // Modulation on activations instead of per-sample weights (StyleGAN2's
  // non-fused path): mathematically the same, and one batched convolution.
  torch::Tensor st = affine->forward(w);                                   // [N, in]
  torch::Tensor y = F::conv2d(x * st.unsqueeze(2).unsqueeze(3), weight, F::Conv2dFuncOptions().padding(kernel / 2));
  if (demodulate) {
    torch::Tensor d = torch::rsqrt(st.pow(2).matmul(weight.pow(2).sum({2, 3}).t()) + 1e-8);  // [N, out]
    y = y * d.unsqueeze(2).unsqueeze(3);
  }
  if (noise.defined()) y = y + noise_strength.view({1, -1, 1, 1}) * noise;
  y = y + bias.view({1, -1, 1, 1});
  return demodulate ? torch::leaky_relu(y, 0.2) : y;  // toRGB (no demodulation) stays linear
}

SynthesisNetworkImpl::SynthesisNetworkImpl(int64_t w_dim, int64_t channels, int64_t out_channels, int64_t res,
                                           bool bilinear)
    : resolution(res) {
  constant = register_parameter("constant", torch::randn({1, channels, 4, 4}));
  int64_t index = 0;
  for (int64_t r = 4; r <= res; r *= 2) {
    if (r > 4) {
      convs.push_back(register_module("conv" + std::to_string(index++),
                                      ModulatedConv(channels, channels, 3, w_dim, true, /*upsample=*/true, bilinear)));
    }
    convs.push_back(register_module("conv" + std::to_string(index++),
                                    ModulatedConv(channels, channels, 3, w_dim, true, false)));
  }
  to_rgb = register_module("to_rgb", ModulatedConv(channels, out_channels, 1, w_dim, false, false));
}

void SynthesisNetworkImpl::set_bilinear(bool bilinear) {
  for (auto& c : convs) c->bilinear = bilinear;
}

torch::Tensor SynthesisNetworkImpl::forward(const torch::Tensor& ws, bool noise, c10::optional<torch::Generator> gen) {
  const int64_t n = ws.size(0);
  torch::Tensor x = constant.expand({n, -1, -1, -1});
  for (size_t i = 0; i < convs.size(); ++i) {
    const int64_t side = x.size(2) * (convs[i]->upsample ? 2 : 1);
    torch::Tensor nz;
    if (noise) nz = gen ? torch::randn({n, 1, side, side}, *gen) : torch::randn({n, 1, side, side});
    x = convs[i]->forward(x, ws.select(1, static_cast<int64_t>(i)), nz);
  }
  return to_rgb->forward(x, ws.select(1, num_ws() - 1), torch::Tensor());
}

torch::Tensor MinibatchStdImpl::forward(const torch::Tensor& x) {
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t g = n % 4 == 0 ? 4 : n % 2 == 0 ? 2 : 1;
  torch::Tensor y = x.reshape({g, n / g, c, h, w});
  y = (y - y.mean(0)).pow(2).mean(0);                 // [n/g, c, h, w] biased variance
  y = (y + 1e-8).sqrt().mean({1, 2, 3});              // [n/g]
  y = y.reshape({1, n / g, 1, 1, 1}).expand({g, n / g, 1, h, w}).reshape({n, 1, h, w});
  return torch::cat({x, y}, 1);
}

nn::Sequential make_style_discriminator(int64_t in_c, int64_t channels, int64_t res) {
  nn::Sequential d(nn::Conv2d(nn::Conv2dOptions(in_c, channels, /*kernel_size=*/3).padding(1)), leaky());
  int64_t c = channels;
  for (int64_t r = res; r > 4; r /= 2) {
    const int64_t next = std::min<int64_t>(2 * c, 256);
    d->push_back(nn::Conv2d(nn::Conv2dOptions(c, next, /*kernel_size=*/3).stride(2).padding(1)));
    d->push_back(leaky());
    c = next;
  }
  d->push_back(MinibatchStd());
  d->push_back(nn::Flatten());
  d->push_back(nn::Linear((c + 1) * 16, 1));
  return d;
}

}  // namespace gs
