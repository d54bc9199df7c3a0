#include "core/models/gan/gan_nets.h"

#include "core/common/error.h"
#include "core/models/gan/fast_conv_transpose.h"

namespace gs {
namespace {

namespace nn = torch::nn;

nn::LeakyReLU leaky() { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)); }

void dense_stack(nn::Sequential& s, int64_t in, const std::vector<int64_t>& widths, int64_t out) {
  for (int64_t w : widths) {
    s->push_back(nn::Linear(in, w));
    s->push_back(leaky());
    in = w;
  }
  s->push_back(nn::Linear(in, out));
}

GanNets make_mlp(const GanNetConfig& c) {
  GanNets n;
  n.generator = nn::Sequential();
  n.discriminator = nn::Sequential();
  if (c.shape.points) {
    std::vector<int64_t> widths(static_cast<size_t>(c.layers), c.width);
    dense_stack(n.generator, c.latent_dim, widths, c.shape.channels);
    dense_stack(n.discriminator, c.shape.channels * c.pack, widths, 1);
    return n;
  }
  const int64_t pixels = c.shape.numel();
  dense_stack(n.generator, c.latent_dim, {256, 512, 1024}, pixels);
  n.generator->push_back(nn::Tanh());
  n.generator->push_back(nn::Unflatten(nn::UnflattenOptions(1, {c.shape.channels, c.shape.height, c.shape.width})));
  n.discriminator->push_back(nn::Flatten());
  dense_stack(n.discriminator, pixels * c.pack, {1024, 512, 256}, 1);
  return n;
}

GanNets make_dcgan(const GanNetConfig& c) {
  if (c.shape.points) throw Error("DCGAN needs images; use the mlp GAN for point data.");
  if (c.shape.height % 4 != 0 || c.shape.width % 4 != 0) {
    throw Error("DCGAN needs image sides divisible by 4 (28×28, 32×32, …); the data is " + c.shape.text() + ".");
  }
  const int64_t h4 = c.shape.height / 4, w4 = c.shape.width / 4;
  const int64_t g2 = 2 * c.ngf, d2 = 2 * c.ndf;
  GanNets n;
  n.generator = nn::Sequential(
      nn::Linear(nn::LinearOptions(c.latent_dim, g2 * h4 * w4).bias(false)), nn::BatchNorm1d(g2 * h4 * w4),
      nn::ReLU(), nn::Unflatten(nn::UnflattenOptions(1, {g2, h4, w4})),
      FastConvTranspose2d(nn::ConvTranspose2dOptions(g2, c.ngf, /*kernel_size=*/4).stride(2).padding(1).bias(false)),
      nn::BatchNorm2d(c.ngf), nn::ReLU(),
      FastConvTranspose2d(nn::ConvTranspose2dOptions(c.ngf, c.shape.channels, /*kernel_size=*/4).stride(2).padding(1)),
      nn::Tanh());
  n.discriminator = nn::Sequential(
      nn::Conv2d(nn::Conv2dOptions(c.shape.channels * c.pack, c.ndf, /*kernel_size=*/4).stride(2).padding(1)), leaky(),
      nn::Conv2d(nn::Conv2dOptions(c.ndf, d2, /*kernel_size=*/4).stride(2).padding(1).bias(!c.batch_norm_in_d)));
  if (c.batch_norm_in_d) n.discriminator->push_back(nn::BatchNorm2d(d2));
  n.discriminator->push_back(leaky());
  n.discriminator->push_back(nn::Flatten());
  n.discriminator->push_back(nn::Linear(d2 * h4 * w4, 1));
  return n;
}

}  // namespace

GanNets make_gan_nets(const GanNetConfig& config) {
  if (config.arch == "mlp") return make_mlp(config);
  if (config.arch == "dcgan") return make_dcgan(config);
  throw Error("Unknown GAN architecture '" + config.arch + "'.");
}

}  // namespace gs
