#include "core/models/cyclegan/cyclegan_nets.h"

namespace gs {
namespace {

namespace nn = torch::nn;

nn::InstanceNorm2d instance_norm(int64_t c) { return nn::InstanceNorm2d(nn::InstanceNorm2dOptions(c)); }

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(int64_t c) {
  body = register_module(
      "body", nn::Sequential(nn::ReflectionPad2d(1), nn::Conv2d(nn::Conv2dOptions(c, c, /*kernel_size=*/3)),
                             instance_norm(c), nn::ReLU(), nn::ReflectionPad2d(1),
                             nn::Conv2d(nn::Conv2dOptions(c, c, /*kernel_size=*/3)), instance_norm(c)));
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) { return x + body->forward(x); }

nn::Sequential make_resnet_generator(int64_t in_c, int64_t out_c, int64_t ngf, int64_t blocks) {
  nn::Sequential g(nn::ReflectionPad2d(3), nn::Conv2d(nn::Conv2dOptions(in_c, ngf, /*kernel_size=*/7)),
                   instance_norm(ngf), nn::ReLU());
  int64_t c = ngf;
  for (int i = 0; i < 2; ++i) {
    g->push_back(nn::Conv2d(nn::Conv2dOptions(c, 2 * c, /*kernel_size=*/3).stride(2).padding(1)));
    g->push_back(instance_norm(2 * c));
    g->push_back(nn::ReLU());
    c *= 2;
  }
  for (int64_t i = 0; i < blocks; ++i) g->push_back(ResidualBlock(c));
  for (int i = 0; i < 2; ++i) {
    g->push_back(nn::ConvTranspose2d(
        nn::ConvTranspose2dOptions(c, c / 2, /*kernel_size=*/3).stride(2).padding(1).output_padding(1)));
    g->push_back(instance_norm(c / 2));
    g->push_back(nn::ReLU());
    c /= 2;
  }
  g->push_back(nn::ReflectionPad2d(3));
  g->push_back(nn::Conv2d(nn::Conv2dOptions(c, out_c, /*kernel_size=*/7)));
  g->push_back(nn::Tanh());
  return g;
}

nn::Sequential make_patch_discriminator(int64_t in_c, int64_t ndf) {
  auto leaky = [] { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)); };
  return nn::Sequential(
      nn::Conv2d(nn::Conv2dOptions(in_c, ndf, /*kernel_size=*/4).stride(2).padding(1)), leaky(),
      nn::Conv2d(nn::Conv2dOptions(ndf, 2 * ndf, /*kernel_size=*/4).stride(2).padding(1)), instance_norm(2 * ndf),
      leaky(), nn::Conv2d(nn::Conv2dOptions(2 * ndf, 4 * ndf, /*kernel_size=*/4).stride(1).padding(1)),
      instance_norm(4 * ndf), leaky(), nn::Conv2d(nn::Conv2dOptions(4 * ndf, 1, /*kernel_size=*/4).stride(1).padding(1)));
}

}  // namespace gs
