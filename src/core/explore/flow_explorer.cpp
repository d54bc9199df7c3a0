#include "core/explore/flow_explorer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>

#include "core/common/error.h"
#include "core/common/image_grid.h"
#include "core/common/translate_errors.h"
#include "core/model/capabilities.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

GenerativeModel& image_flow_of(const Explorer& explorer) {
  GenerativeModel& model = *explorer.internals().model;
  if (!model.flow() || model.image_shape().points) {
    throw Error("This model is not a normalising flow on images, so it has no exact x → z → x round trip.");
  }
  return model;
}

torch::Tensor to_tensor(const Image& image, const ImageShape& shape) {
  if (image.empty() || (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height * image.channels) {
    throw Error("The image is empty or not an 8-bit gray or RGB image.");
  }
  if (image.width != shape.width || image.height != shape.height) {
    throw Error("The flow works on " + std::to_string(shape.width) + "×" + std::to_string(shape.height) +
                " images; this one is " + std::to_string(image.width) + "×" + std::to_string(image.height) + ".");
  }
  torch::Tensor t = torch::from_blob(const_cast<uint8_t*>(image.pixels.data()),
                                     {image.height, image.width, image.channels}, torch::kUInt8)
                        .permute({2, 0, 1})
                        .to(torch::kFloat32)
                        .div(255.0);
  if (shape.channels == 1 && image.channels == 3) t = t.mean(0, true);
  else if (shape.channels == 3 && image.channels == 1) t = t.expand({3, -1, -1});
  return t.unsqueeze(0).contiguous();
}

}  // namespace

FlowRoundTrip flow_round_trip(const Explorer& explorer, const Image& image) {
  return translate_errors("Running the flow", [&] {
    const auto start = std::chrono::steady_clock::now();
    GenerativeModel& model = image_flow_of(explorer);
    const ImageShape shape = model.image_shape();
    c10::InferenceMode guard;
    const torch::Tensor x = to_tensor(image, shape);
    const torch::Tensor z = model.encode(x);
    const torch::Tensor back = model.decode(z);
    FlowRoundTrip r;
    r.input = make_image_grid(x, 1, 0);
    r.reconstruction = make_image_grid(back, 1, 0);
    r.latent = make_image_grid((z.reshape(x.sizes()) / 6.0 + 0.5).clamp(0, 1), 1, 0);
    r.max_error = (back - x).abs().max().item<double>();
    r.latent_std = z.std().item<double>();
    if (LikelihoodModel* lik = model.likelihood()) {
      r.nll_nats = lik->nll_nats(x.expand({8, -1, -1, -1})).mean().item<double>();
      r.bits_per_dim = nats_to_bits_per_dim(r.nll_nats, shape.numel());
      r.nll_is_bound = lik->nll_is_bound();
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  });
}

Image flow_samples(const Explorer& explorer, int n, int columns, unsigned long seed, double temperature) {
  return translate_errors("Sampling the flow", [&] {
    if (n < 1 || n > 256) throw Error("Draw between 1 and 256 samples.");
    if (!(temperature > 0 && temperature <= 2)) throw Error("The temperature must be above 0 and at most 2.");
    GenerativeModel& model = image_flow_of(explorer);
    c10::InferenceMode guard;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const torch::Tensor z = torch::randn({n, model.latent_dim()}, gen) * temperature;
    return make_image_grid(model.decode(z), std::max(1, columns), 2);
  });
}

}  // namespace gs
