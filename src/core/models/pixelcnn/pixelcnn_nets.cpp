#include "core/models/pixelcnn/pixelcnn_nets.h"

#include <string>

#include "core/common/error.h"

namespace gs {
namespace {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

constexpr int64_t kFirstKernel = 7;

torch::Tensor shift_down(const torch::Tensor& t) {
  // Pad one row on top and drop the last: row r now holds row r − 1 (zeros at r = 0).
  return F::pad(t, F::PadFuncOptions({0, 0, 1, 0})).narrow(2, 0, t.size(2));
}

torch::Tensor shift_right(const torch::Tensor& t) {
  return F::pad(t, F::PadFuncOptions({1, 0, 0, 0})).narrow(3, 0, t.size(3));
}

}  // namespace

torch::Tensor PixelCnnNetImpl::gate(const torch::Tensor& pre) {
  auto halves = pre.chunk(2, 1);
  return torch::tanh(halves[0]) * torch::sigmoid(halves[1]);
}

PixelCnnNetImpl::PixelCnnNetImpl(const PixelCnnConfig& c) : config_(c) {
  if (c.in_channels != 1) {
    throw Error("PixelCNN here models gray images (1 channel); the data has " + std::to_string(c.in_channels) +
                " channels. Choose 1 channel (gray) for the image folder.");
  }
  if (c.kernel < 3 || c.kernel % 2 == 0) throw Error("The PixelCNN kernel size must be odd and at least 3.");
  if (c.features < 1 || c.layers < 1 || c.head < 1) throw Error("PixelCNN needs at least one layer and one feature.");
  const int64_t f = c.features;
  for (int64_t i = 0; i < c.layers; ++i) {
    GatedLayer l;
    l.first = i == 0;
    const int64_t k = l.first ? kFirstKernel : c.kernel;
    const int64_t in = l.first ? c.in_channels : f;
    l.kh = k / 2 + 1;
    l.kw = k;
    l.hw = k / 2 + 1;
    const std::string n = std::to_string(i);
    l.v_conv = register_module("v_conv" + n, nn::Conv2d(nn::Conv2dOptions(in, 2 * f, {l.kh, l.kw})));
    l.h_conv = register_module("h_conv" + n, nn::Conv2d(nn::Conv2dOptions(in, 2 * f, {1, l.hw})));
    l.link = register_module("link" + n, nn::Conv2d(nn::Conv2dOptions(2 * f, 2 * f, 1)));
    l.h_out = register_module("h_out" + n, nn::Conv2d(nn::Conv2dOptions(f, f, 1)));
    layers_.push_back(l);
  }
  if (c.num_classes > 0) {
    class_bias_ = register_module("class_bias", nn::Embedding(c.num_classes, c.layers * 4 * f));
    torch::NoGradGuard no_grad;
    class_bias_->weight.zero_();  // starts unconditional; the class biases are learned
  }
  head1 = register_module("head1", nn::Conv2d(nn::Conv2dOptions(f, c.head, 1)));
  head2 = register_module("head2", nn::Conv2d(nn::Conv2dOptions(c.head, 256, 1)));
}

torch::Tensor PixelCnnNetImpl::class_biases(const torch::Tensor& labels) {
  if (!class_bias_ || !labels.defined()) return {};
  return class_bias_->forward(labels).view({labels.size(0), config_.layers, 2, 2 * config_.features});
}

torch::Tensor PixelCnnNetImpl::run(const torch::Tensor& images, Mode mode, const torch::Tensor& labels) {
  torch::Tensor x = input_of(images);
  torch::Tensor v = x, h = x, last_link;
  const torch::Tensor bias = class_biases(labels);  // [N, L, 2, 2F] or undefined
  int64_t index = 0;
  for (GatedLayer& l : layers_) {
    // Vertical: pad kh − 1 rows on top and kw/2 columns each side → row r sees rows ≤ r.
    torch::Tensor vp = l.v_conv->forward(F::pad(v, F::PadFuncOptions({l.kw / 2, l.kw / 2, l.kh - 1, 0})));
    // Horizontal: pad hw − 1 columns on the left → column c sees columns ≤ c (mask B);
    // the first layer shifts right once more (mask A).
    torch::Tensor hp = l.h_conv->forward(F::pad(h, F::PadFuncOptions({l.hw - 1, 0, 0, 0})));
    if (l.first) hp = shift_right(hp);
    if (bias.defined()) {
      const torch::Tensor b = bias.select(1, index).unsqueeze(-1).unsqueeze(-1);  // [N, 2, 2F, 1, 1]
      vp = vp + b.select(1, 0);
      hp = hp + b.select(1, 1);
    }
    ++index;
    last_link = shift_down(vp);
    if (mode != Mode::NoLink) hp = hp + l.link->forward(last_link);
    v = gate(vp);
    torch::Tensor out = l.h_out->forward(gate(hp));
    h = l.first ? out : h + out;
  }
  if (mode == Mode::VerticalOut) return last_link;
  if (mode == Mode::NoLink) return h;
  return head2->forward(torch::relu(head1->forward(torch::relu(h))));
}

torch::Tensor PixelCnnNetImpl::forward(const torch::Tensor& images, const torch::Tensor& labels) {
  return run(images, Mode::Full, labels);
}
torch::Tensor PixelCnnNetImpl::vertical_to_horizontal(const torch::Tensor& images) {
  return run(images, Mode::VerticalOut);
}
torch::Tensor PixelCnnNetImpl::horizontal_only(const torch::Tensor& images) { return run(images, Mode::NoLink); }

}  // namespace gs
