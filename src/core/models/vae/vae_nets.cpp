#include "core/models/vae/vae_nets.h"

#include "core/common/error.h"

namespace gs {
namespace {

namespace nn = torch::nn;

VaeNets make_mlp(const VaeNetConfig& c) {
  const int64_t in = c.shape.numel();
  VaeNets n;
  n.encoder = nn::Sequential(nn::Flatten());
  n.decoder = nn::Sequential();
  int64_t width = in;
  for (int64_t h : {c.hidden1, c.hidden2}) {
    if (h <= 0) continue;
    n.encoder->push_back(nn::Linear(width, h));
    n.encoder->push_back(nn::ReLU());
    width = h;
  }
  n.encoder->push_back(nn::Linear(width, c.head_dim));

  width = c.latent_dim;
  for (int64_t h : {c.hidden2, c.hidden1}) {
    if (h <= 0) continue;
    n.decoder->push_back(nn::Linear(width, h));
    n.decoder->push_back(nn::ReLU());
    width = h;
  }
  n.decoder->push_back(nn::Linear(width, in));
  if (c.shape.points) return n;
  n.decoder->push_back(nn::Unflatten(nn::UnflattenOptions(1, {c.shape.channels, c.shape.height,
                                                              c.shape.width})));
  return n;
}

VaeNets make_conv(const VaeNetConfig& c) {
  if (c.shape.points) throw Error("The convolutional architecture needs images; use mlp for point data.");
  if (c.shape.height % 4 != 0 || c.shape.width % 4 != 0) {
    throw Error("The convolutional architecture needs image sides divisible by 4; the data is " +
                c.shape.text() + ".");
  }
  const int64_t ch1 = c.conv_channels, ch2 = 2 * c.conv_channels;
  const int64_t h4 = c.shape.height / 4, w4 = c.shape.width / 4;
  const int64_t dense = 256;
  VaeNets n;
  n.encoder = nn::Sequential(
      nn::Conv2d(nn::Conv2dOptions(c.shape.channels, ch1, /*kernel_size=*/4).stride(2).padding(1)),
      nn::ReLU(),
      nn::Conv2d(nn::Conv2dOptions(ch1, ch2, /*kernel_size=*/4).stride(2).padding(1)), nn::ReLU(),
      nn::Flatten(), nn::Linear(ch2 * h4 * w4, dense), nn::ReLU(), nn::Linear(dense, c.head_dim));
  n.decoder = nn::Sequential(
      nn::Linear(c.latent_dim, dense), nn::ReLU(), nn::Linear(dense, ch2 * h4 * w4), nn::ReLU(),
      nn::Unflatten(nn::UnflattenOptions(1, {ch2, h4, w4})),
      nn::ConvTranspose2d(nn::ConvTranspose2dOptions(ch2, ch1, /*kernel_size=*/4).stride(2).padding(1)),
      nn::ReLU(),
      nn::ConvTranspose2d(
          nn::ConvTranspose2dOptions(ch1, c.shape.channels, /*kernel_size=*/4).stride(2).padding(1)));
  return n;
}

}  // namespace

VaeNets make_vae_nets(const VaeNetConfig& config) {
  if (config.arch == "mlp") return make_mlp(config);
  if (config.arch == "conv") return make_conv(config);
  throw Error("Unknown architecture '" + config.arch + "' (use mlp or conv).");
}

}  // namespace gs
