#include "core/explore/pixel_explorer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>

#include "core/common/translate_errors.h"
#include "core/explore/explorer.h"
#include "core/explore/model_image.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

constexpr int kMaxCount = 64;

Image to_image(const torch::Tensor& img) { return make_image_grid(img.unsqueeze(0), 1, 0); }

void check_run(int count, double temperature) {
  if (count < 1 || count > kMaxCount) throw Error("Draw between 1 and 64 images at a time.");
  if (!(temperature > 0) || !std::isfinite(temperature)) throw Error("The temperature must be greater than 0.");
}

}  // namespace

PixelExplorer::PixelExplorer(const Explorer& explorer) : explorer_(explorer) {
  GenerativeModel& model = *explorer.internals().model;
  if (!model.pixel_sampler()) {
    throw Error("This model does not draw images pixel by pixel; the pixel explorer needs an autoregressive "
                "model such as PixelCNN.");
  }
}

int PixelExplorer::width() const { return explorer_.image_width(); }
int PixelExplorer::height() const { return explorer_.image_height(); }
int PixelExplorer::test_images() const { return explorer_.dataset_size(); }
Image PixelExplorer::test_image(int index) const { return explorer_.dataset_image(index); }

namespace {

PixelRecording run(const Explorer& explorer, const torch::Tensor& start, const torch::Tensor& todo,
                   double temperature, unsigned long seed, int class_label) {
  TrainingSession::Impl& impl = explorer.internals();
  GenerativeModel& model = *impl.model;
  // The class this run draws; the model goes back to its own choice after it.
  struct ClassScope {
    ClassConditional* c;
    ClassScope(ClassConditional* c_, int label) : c(c_) { if (c) c->select_class(label); }
    ~ClassScope() { if (c) c->select_class(-1); }
  } scope(model.conditional(), class_label);
  PixelSampler& sampler = *model.pixel_sampler();
  const int64_t n = start.size(0), H = start.size(2), W = start.size(3);
  PixelRecording rec;
  rec.width = static_cast<int>(W);
  rec.height = static_cast<int>(H);
  rec.count = static_cast<int>(n);
  torch::Tensor shown = start * todo.logical_not();  // hidden pixels black
  for (int64_t i = 0; i < n; ++i) rec.start.push_back(to_image(shown[i]));
  torch::Tensor hidden = todo[0][0].to(torch::kUInt8).contiguous();
  rec.hidden.assign(hidden.data_ptr<uint8_t>(), hidden.data_ptr<uint8_t>() + H * W);
  rec.steps.reserve(static_cast<size_t>(todo[0].sum().item<int64_t>()));
  c10::InferenceMode guard;
  model.set_training(false);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto t0 = std::chrono::steady_clock::now();
  torch::Tensor done;
  // The callback sees the probabilities; the drawn values are read from the finished images.
  std::vector<torch::Tensor> probs;
  done = sampler.sample_pixels(start, todo, temperature, gen, [&](int64_t r, int64_t c, const torch::Tensor& p) {
    PixelStep s;
    s.row = static_cast<int>(r);
    s.col = static_cast<int>(c);
    torch::Tensor first = p[0][0].contiguous();
    s.probs.assign(first.data_ptr<float>(), first.data_ptr<float>() + first.numel());
    rec.steps.push_back(std::move(s));
    return !explorer.cancel_requested();
  });
  explorer.throw_if_cancelled();
  rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  torch::Tensor values = (done.select(1, 0) * 255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
  auto acc = values.accessor<uint8_t, 3>();
  for (PixelStep& s : rec.steps) {
    s.values.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) s.values[static_cast<size_t>(i)] = acc[i][s.row][s.col];
  }
  for (int64_t i = 0; i < n; ++i) rec.final.push_back(to_image(done[i]));
  return rec;
}

}  // namespace

PixelRecording PixelExplorer::sample(int count, double temperature, unsigned long seed, int class_label) const {
  return translate_errors("Sampling pixel by pixel", [&] {
    check_run(count, temperature);
    TrainingSession::Impl& impl = explorer_.internals();
    const ImageShape& s = impl.shape;
    torch::Tensor start = torch::zeros({count, s.channels, s.height, s.width});
    torch::Tensor todo = torch::ones({count, 1, s.height, s.width}, torch::kBool);
    return run(explorer_, start, todo, temperature, seed, class_label);
  });
}

PixelRecording PixelExplorer::complete(const Image& image, const std::vector<uint8_t>& hidden, int count,
                                       double temperature, unsigned long seed, int class_label) const {
  return translate_errors("Completing the image", [&] {
    check_run(count, temperature);
    TrainingSession::Impl& impl = explorer_.internals();
    const ImageShape& s = impl.shape;
    torch::Tensor x = model_image_tensor(image, s, "The pixel explorer");
    if (hidden.size() != static_cast<size_t>(s.height * s.width)) {
      throw Error("The mask of hidden pixels does not match the image's size.");
    }
    torch::Tensor mask = torch::from_blob(const_cast<uint8_t*>(hidden.data()), {1, 1, s.height, s.width}, torch::kUInt8)
                             .ne(0);
    if (!mask.any().item<bool>()) throw Error("Hide part of the image first: nothing is hidden, so there is nothing to complete.");
    return run(explorer_, x.expand({count, -1, -1, -1}).contiguous(), mask.expand({count, 1, -1, -1}).contiguous(),
               temperature, seed, class_label);
  });
}

PixelLikelihood PixelExplorer::likelihood(const Image& image) const {
  return translate_errors("Scoring the image", [&] {
    TrainingSession::Impl& impl = explorer_.internals();
    if (!impl.model->likelihood()) throw Error("This model has no likelihood to map.");
    torch::Tensor x = model_image_tensor(image, impl.shape, "The pixel explorer");
    c10::InferenceMode guard;
    impl.model->set_training(false);
    torch::Tensor map = impl.model->likelihood()->nll_map(x);  // [1, C, H, W]
    if (!map.defined()) throw Error("This model's likelihood does not factorise over pixels.");
    torch::Tensor per_pixel = map[0].sum(0).contiguous();
    PixelLikelihood out;
    out.width = static_cast<int>(impl.shape.width);
    out.height = static_cast<int>(impl.shape.height);
    out.nll.assign(per_pixel.data_ptr<float>(), per_pixel.data_ptr<float>() + per_pixel.numel());
    out.nll_nats = impl.model->likelihood()->nll_nats(x)[0].item<double>();
    out.bits_per_dim = nats_to_bits_per_dim(out.nll_nats, impl.shape.numel());
    return out;
  });
}

}  // namespace gs
