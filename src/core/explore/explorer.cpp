#include "core/explore/explorer.h"

#include "core/common/error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <opencv2/imgproc.hpp>

#include "core/metrics/image_quality.h"

#include "core/common/translate_errors.h"
#include "core/explore/latent_ops.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

torch::Tensor to_tensor(const Latent& z, int64_t dims) {
  if (static_cast<int64_t>(z.size()) != dims) {
    throw Error("The latent has " + std::to_string(z.size()) + " values but the model expects " +
                std::to_string(dims) + ".");
  }
  return torch::tensor(z, torch::kFloat32);
}

Latent to_latent(const torch::Tensor& t) {
  torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  return Latent(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

Image single_image(const torch::Tensor& img) { return make_image_grid(img.unsqueeze(0), 1, 0); }

void check_image(const Image& image) {
  if (image.empty() || image.width < 1 || image.height < 1 || (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height * image.channels) {
    throw Error("The image is empty or not an 8-bit gray or RGB image.");
  }
}

// [1, C, H, W] in [0, 1] with the model's channel count, same size as the image.
torch::Tensor image_tensor(const Image& image, int64_t channels) {
  check_image(image);
  cv::Mat m(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
            const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat conv;
  if (channels == 1 && image.channels == 3) cv::cvtColor(m, conv, cv::COLOR_RGB2GRAY);
  else if (channels == 3 && image.channels == 1) cv::cvtColor(m, conv, cv::COLOR_GRAY2RGB);
  else conv = m.clone();
  return torch::from_blob(conv.data, {conv.rows, conv.cols, channels}, torch::kUInt8)
      .permute({2, 0, 1})
      .to(torch::kFloat32)
      .div(255.0)
      .unsqueeze(0);
}

// The style side of a model whose capabilities include kHasStyles.
StyleGenerator& styles_of(GenerativeModel& model, const char* missing) {
  StyleGenerator* styles = model.styles();
  if (!styles) throw Error(missing);
  return *styles;
}

// The translator of a model, or the user's sentence when it has none.
ImageTranslator& translator_of(GenerativeModel& model) {
  ImageTranslator* translator = model.translator();
  if (!translator) throw Error("This model does not translate images.");
  return *translator;
}

constexpr const char* kNoWSpace = "Only style-based models have a w space.";

}  // namespace

Explorer::Explorer(std::unique_ptr<TrainingSession> session) : session_(std::move(session)) {
  session_->impl_->model->set_training(false);
}
Explorer::~Explorer() = default;
TrainingSession::Impl& Explorer::internals() const { return *session_->impl_; }

void Explorer::throw_if_cancelled() const {
  if (cancel_requested()) throw Cancelled();
}

std::unique_ptr<Explorer> Explorer::open(const std::string& path) {
  return std::unique_ptr<Explorer>(new Explorer(TrainingSession::open(path)));
}

std::unique_ptr<Explorer> Explorer::from_snapshot(const std::vector<uint8_t>& bytes) {
  return std::unique_ptr<Explorer>(new Explorer(TrainingSession::open_snapshot(bytes)));
}

std::unique_ptr<Explorer> Explorer::open_torchscript(const std::string& path, const TorchScriptDescriptor* d) {
  return std::unique_ptr<Explorer>(new Explorer(TrainingSession::open_torchscript(path, d)));
}

const ModelInfo& Explorer::model_info() const { return session_->model_info(); }
unsigned Explorer::capabilities() const { return session_->impl_->model->capabilities(); }
int Explorer::latent_dim() const {
  auto& model = *session_->impl_->model;
  return static_cast<int>(w_space_ ? styles_of(model, kNoWSpace).mean_style().numel() : model.latent_dim());
}
long Explorer::step() const { return session_->step(); }
bool Explorer::is_point_data() const { return session_->impl_->shape.points; }
int Explorer::image_width() const { return static_cast<int>(session_->impl_->shape.width); }
int Explorer::image_height() const { return static_cast<int>(session_->impl_->shape.height); }
int Explorer::image_channels() const { return static_cast<int>(session_->impl_->shape.channels); }

Latent Explorer::random_latent(unsigned long seed) const {
  return translate_errors("Drawing a latent", [&] {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    auto& model = *session_->impl_->model;
    torch::Tensor z = model.prior_sample(1, gen);
    if (!w_space_) return to_latent(z[0]);
    c10::InferenceMode guard;
    return to_latent(styles_of(model, kNoWSpace).map_latent(z)[0]);
  });
}

Image Explorer::decode(const Latent& z) const { return decode_many({z}).at(0); }

std::vector<Image> Explorer::decode_many(const std::vector<Latent>& zs) const {
  return translate_errors("Decoding", [&] {
    auto& impl = *session_->impl_;
    // Models that sample without a latent worth exploring (PixelCNN: the
    // per-pixel noise of its inverse-CDF draws) decode their prior's draws too.
    if (!(impl.model->capabilities() & (kCanDecode | kCanSample))) throw Error("This model cannot decode latents.");
    if (impl.shape.points) throw Error("This model makes points, not images: use the playground.");
    if (zs.empty()) return std::vector<Image>{};
    std::vector<torch::Tensor> rows;
    for (const auto& z : zs) rows.push_back(to_tensor(z, latent_dim()));
    c10::InferenceMode guard;
    torch::Tensor images;
    if (w_space_) {
      StyleGenerator& styles = styles_of(*impl.model, kNoWSpace);
      torch::Tensor avg = styles.mean_style();
      torch::Tensor w = avg + psi_ * (torch::stack(rows) - avg);
      images = styles.synthesize(w.unsqueeze(1).repeat({1, styles.num_style_layers(), 1}), true, 0);
    } else {
      images = impl.model->decode(torch::stack(rows));
    }
    std::vector<Image> out;
    for (int64_t i = 0; i < images.size(0); ++i) out.push_back(single_image(images[i]));
    return out;
  });
}

Latent Explorer::encode(const Image& image) const {
  return translate_errors("Encoding", [&] {
    auto& impl = *session_->impl_;
    if (!(impl.model->capabilities() & kCanEncode)) {
      throw Error("This model cannot encode images (it has no encoder); pick a VAE or autoencoder.");
    }
    if (image.empty() || image.width < 1 || image.height < 1 || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != static_cast<size_t>(image.width) * image.height * image.channels) {
      throw Error("The image is empty or not an 8-bit gray or RGB image.");
    }
    cv::Mat m(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
              const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat conv;
    if (impl.shape.channels == 1 && image.channels == 3) cv::cvtColor(m, conv, cv::COLOR_RGB2GRAY);
    else if (impl.shape.channels == 3 && image.channels == 1) cv::cvtColor(m, conv, cv::COLOR_GRAY2RGB);
    else conv = m.clone();
    const int side = std::min(conv.cols, conv.rows);
    conv = conv(cv::Rect((conv.cols - side) / 2, (conv.rows - side) / 2, side, side)).clone();
    cv::resize(conv, conv, cv::Size(static_cast<int>(impl.shape.width), static_cast<int>(impl.shape.height)), 0, 0,
               cv::INTER_AREA);
    const int64_t c = impl.shape.channels;
    torch::Tensor x = torch::from_blob(conv.data, {impl.shape.height, impl.shape.width, c}, torch::kUInt8)
                          .permute({2, 0, 1})
                          .to(torch::kFloat32)
                          .div(255.0)
                          .unsqueeze(0);
    c10::InferenceMode guard;
    return to_latent(impl.model->encode(x)[0]);
  });
}

std::vector<Latent> Explorer::interpolate(const std::vector<Latent>& endpoints, int frames_per_segment,
                                          bool slerp) const {
  return translate_errors("Interpolating", [&] {
    if (endpoints.size() < 2) throw Error("An interpolation needs at least two endpoints.");
    const int64_t d = latent_dim();
    const std::vector<double> ts = interpolation_steps(frames_per_segment);
    std::vector<Latent> out;
    for (size_t i = 0; i + 1 < endpoints.size(); ++i) {
      torch::Tensor a = to_tensor(endpoints[i], d), b = to_tensor(endpoints[i + 1], d);
      torch::Tensor path = slerp ? slerp_path(a, b, ts) : lerp_path(a, b, ts);
      for (int64_t j = (i == 0 ? 0 : 1); j < path.size(0); ++j) out.push_back(to_latent(path[j]));
    }
    return out;
  });
}

Directions Explorer::principal_directions(int k, int samples) const {
  return translate_errors("Finding principal directions", [&] {
    auto& impl = *session_->impl_;
    if (k < 1 || samples < 2) throw Error("Ask for at least one direction from at least two samples.");
    Directions out;
    c10::InferenceMode guard;
    torch::Tensor codes;
    if (impl.model->capabilities() & kCanEncode) {
      impl.ensure_data();
      const torch::Tensor& pool = impl.data->test_size() > 0 ? impl.data->test_images : impl.data->train_images;
      const int64_t n = std::min<int64_t>(samples, pool.size(0));
      codes = impl.model->encode(pool.narrow(0, 0, n));
      out.source = "encoded test images";
      PrincipalDirections p = gs::principal_directions(codes, k);
      for (int64_t i = 0; i < p.directions.size(0); ++i) out.directions.push_back(to_latent(p.directions[i]));
      out.stddev = to_latent(p.stddev);
      out.explained = to_latent(p.explained);
      out.origin = to_latent(p.mean);
      return out;
    }
    if (w_space_) {
      // GANSpace for style-based generators: PCA of w = mapping(z) itself.
      auto gen = at::make_generator<at::CPUGeneratorImpl>(4242);
      torch::Tensor w = styles_of(*impl.model, kNoWSpace).map_latent(impl.model->prior_sample(samples, gen));
      PrincipalDirections p = gs::principal_directions(w, k);
      for (int64_t i = 0; i < p.directions.size(0); ++i) out.directions.push_back(to_latent(p.directions[i]));
      out.stddev = to_latent(p.stddev);
      out.explained = to_latent(p.explained);
      out.origin = to_latent(p.mean);
      out.source = "mapping network outputs w (GANSpace)";
      return out;
    }
    // GANSpace: PCA of the generator's first hidden activations, then the latent
    // directions that move activations along each component (least squares).
    auto gen = at::make_generator<at::CPUGeneratorImpl>(4242);
    torch::Tensor z = impl.model->prior_sample(samples, gen);
    torch::Tensor feats = impl.model->features(z);
    PrincipalDirections p = gs::principal_directions(feats, k);
    torch::Tensor coords = (feats - p.mean).matmul(p.directions.t());  // [N, k]
    torch::Tensor solution = std::get<0>(torch::linalg_lstsq(coords, z - z.mean(0)));  // [k, D]
    for (int64_t i = 0; i < solution.size(0); ++i) {
      torch::Tensor u = solution[i];
      const float norm = u.norm().item<float>();
      out.directions.push_back(to_latent(norm > 0 ? u / norm : u));
      // Spread of z along u for the slider range.
      out.stddev.push_back((z.matmul(u / std::max(norm, 1e-12f))).std().item<float>());
    }
    out.explained = to_latent(p.explained);
    out.origin = Latent(static_cast<size_t>(impl.model->latent_dim()), 0.0f);
    out.source = "generator activations (GANSpace)";
    return out;
  });
}

int Explorer::style_layers() const {
  const StyleGenerator* styles = session_->impl_->model->styles();
  return styles ? static_cast<int>(styles->num_style_layers()) : 0;
}

void Explorer::set_truncation(double psi) {
  psi_ = psi;
  if (StyleGenerator* styles = session_->impl_->model->styles()) styles->set_truncation(psi);
}

void Explorer::set_w_space(bool on) {
  if (on && !session_->impl_->model->styles()) throw Error(kNoWSpace);
  w_space_ = on;
}

Image Explorer::style_mix(const StyleMix& mix) const {
  return translate_errors("Mixing styles", [&] {
    auto& model = *session_->impl_->model;
    StyleGenerator& styles = styles_of(model, "This model has no per-layer styles.");
    const int64_t layers = styles.num_style_layers();
    if (!mix.layer_from_b.empty() && static_cast<int64_t>(mix.layer_from_b.size()) != layers) {
      throw Error("The model has " + std::to_string(layers) + " style layers.");
    }
    c10::InferenceMode guard;
    // Seeds give z as random_latent() does in z space; not random_latent() itself,
    // which gives w while exploring the w space.
    auto z_of = [&model](unsigned long seed) {
      auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
      return to_latent(model.prior_sample(1, gen)[0]);
    };
    const Latent la = mix.latent_a.empty() ? z_of(mix.seed_a) : mix.latent_a;
    const Latent lb = mix.latent_b.empty() ? z_of(mix.seed_b) : mix.latent_b;
    torch::Tensor za = to_tensor(la, model.latent_dim()).unsqueeze(0);
    torch::Tensor zb = to_tensor(lb, model.latent_dim()).unsqueeze(0);
    torch::Tensor avg = styles.mean_style();
    torch::Tensor wa = avg + mix.psi * (styles.map_latent(za)[0] - avg);
    torch::Tensor wb = avg + mix.psi * (styles.map_latent(zb)[0] - avg);
    std::vector<torch::Tensor> ws;
    for (int64_t i = 0; i < layers; ++i) {
      ws.push_back(!mix.layer_from_b.empty() && mix.layer_from_b[i] ? wb : wa);
    }
    return single_image(styles.synthesize(torch::stack(ws).unsqueeze(0), mix.noise, mix.noise_seed)[0]);
  });
}

Image Explorer::translate(const Image& image, bool a_to_b) const {
  return translate_errors("Translating", [&] {
    auto& impl = *session_->impl_;
    ImageTranslator& translator = translator_of(*impl.model);
    if (static_cast<int64_t>(image.width) * image.height > 4096LL * 4096LL) {
      throw Error("The image is too large to translate (more than 4096×4096 pixels).");
    }
    torch::Tensor x = image_tensor(image, impl.shape.channels);
    c10::InferenceMode guard;
    return single_image(translator.translate(x, a_to_b)[0]);
  });
}

TranslationViews Explorer::translation_views(const Image& image, bool a_to_b) const {
  return translate_errors("Translating", [&] {
    auto& impl = *session_->impl_;
    const unsigned caps = impl.model->capabilities();
    ImageTranslator& translator = translator_of(*impl.model);
    if (!a_to_b && !(caps & kTranslatesBack)) throw Error("This model translates A→B only.");
    if (static_cast<int64_t>(image.width) * image.height > 4096LL * 4096LL) {
      throw Error("The image is too large to translate (more than 4096×4096 pixels).");
    }
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor x = image_tensor(image, impl.shape.channels);
    c10::InferenceMode guard;
    TranslationViews v;
    v.input = single_image(x[0]);
    torch::Tensor fwd = translator.translate(x, a_to_b);
    v.forward = single_image(fwd[0]);
    if (caps & kTranslatesBack) {
      torch::Tensor cyc = translator.translate(fwd, !a_to_b);
      torch::Tensor idt = translator.translate(x, !a_to_b);
      v.cycle = single_image(cyc[0]);
      v.identity = single_image(idt[0]);
      v.cycle_psnr = psnr(cyc.clamp(0, 1), x);
      v.identity_psnr = psnr(idt.clamp(0, 1), x);
    }
    v.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return v;
  });
}

TranslationScores Explorer::evaluate_translation(int max_pairs) const {
  return translate_errors("Evaluating the translation", [&] {
    auto& impl = *session_->impl_;
    ImageTranslator& translator = translator_of(*impl.model);
    impl.ensure_data();
    if (impl.data->test_size() == 0) {
      throw Error("This dataset has no held-out truth pairs (only the built-in domain sets do).");
    }
    const int64_t n = std::min<int64_t>(std::max(1, max_pairs), impl.data->test_size());
    const int64_t c = impl.shape.channels;
    torch::Tensor pairs = impl.data->test_images.narrow(0, 0, n);
    torch::Tensor a = pairs.narrow(1, 0, c), b = pairs.narrow(1, c, c);
    c10::InferenceMode guard;
    TranslationScores r;
    r.pairs = static_cast<int>(n);
    torch::Tensor ab, ba;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<torch::Tensor> abs, bas;
    for (int64_t i = 0; i < n; i += 100) {
      const int64_t len = std::min<int64_t>(100, n - i);
      abs.push_back(translator.translate(a.narrow(0, i, len), true));
      bas.push_back(translator.translate(b.narrow(0, i, len), false));
    }
    ab = torch::cat(abs);
    ba = torch::cat(bas);
    r.seconds_per_image = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / (2.0 * n);
    {
      torch::Tensor big = torch::rand({1, c, 256, 256});
      translator.translate(big, true);  // warm-up
      const auto t1 = std::chrono::steady_clock::now();
      for (int i = 0; i < 3; ++i) translator.translate(big, true);
      r.seconds_per_256 = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count() / 3;
    }
    r.psnr_ab = psnr(ab, b);
    r.ssim_ab = ssim(ab, b);
    r.psnr_ba = psnr(ba, a);
    r.ssim_ba = ssim(ba, a);
    r.identity_psnr_ab = psnr(a, b);
    r.identity_ssim_ab = ssim(a, b);
    r.identity_psnr_ba = psnr(b, a);
    r.identity_ssim_ba = ssim(b, a);
    r.flat_psnr_ab = psnr(torch::full_like(b, b.mean().item<double>()), b);
    r.flat_psnr_ba = psnr(torch::full_like(a, a.mean().item<double>()), a);
    r.shifted_psnr_ab = psnr(torch::roll(b, {1}, {3}), b);
    r.shifted_psnr_ba = psnr(torch::roll(a, {1}, {3}), a);
    return r;
  });
}

LatentMap Explorer::latent_map(int max_points) const {
  return translate_errors("Encoding the test set", [&] {
    auto& impl = *session_->impl_;
    if (!(impl.model->capabilities() & kCanEncode)) throw Error("This model cannot encode images, so it has no latent map.");
    impl.ensure_data();
    const bool test = impl.data->test_size() > 0;
    const torch::Tensor& pool = test ? impl.data->test_images : impl.data->train_images;
    const torch::Tensor& labels = test ? impl.data->test_labels : impl.data->train_labels;
    const int64_t n = std::min<int64_t>(std::max(1, max_points), pool.size(0));
    c10::InferenceMode guard;
    LatentMap m;
    m.dims = static_cast<int>(impl.model->latent_dim());
    m.codes = to_latent(impl.model->encode(pool.narrow(0, 0, n)));
    for (int64_t i = 0; i < n; ++i) {
      m.labels.push_back(labels.defined() && labels.numel() > i ? static_cast<int>(labels[i].item<int64_t>()) : -1);
      m.indices.push_back(static_cast<int>(i));
    }
    m.class_names = impl.data->class_names;
    return m;
  });
}

Image Explorer::dataset_image(int index) const {
  return translate_errors("Reading the dataset", [&] {
    auto& impl = *session_->impl_;
    impl.ensure_data();
    const torch::Tensor& pool = impl.data->test_size() > 0 ? impl.data->test_images : impl.data->train_images;
    if (index < 0 || index >= pool.size(0)) throw Error("There is no image number " + std::to_string(index) + ".");
    return single_image(pool[index]);
  });
}

Image Explorer::dataset_image(int index, int domain) const {
  return translate_errors("Reading the dataset", [&] {
    auto& impl = *session_->impl_;
    if (impl.shape.domains < 2) {
      if (domain != 0) throw Error("The dataset has one image domain.");
      return dataset_image(index);
    }
    if (domain != 0 && domain != 1) throw Error("A translation dataset has domains A and B only.");
    impl.ensure_data();
    const torch::Tensor& pool = impl.data->test_size() > 0 ? impl.data->test_images : impl.data->train_images;
    if (index < 0 || index >= pool.size(0)) throw Error("There is no image number " + std::to_string(index) + ".");
    const int64_t c = impl.shape.channels;
    return single_image(pool[index].narrow(0, domain * c, c));
  });
}

int Explorer::dataset_domains() const { return static_cast<int>(std::max<int64_t>(1, session_->impl_->shape.domains)); }

int Explorer::dataset_size() const {
  auto& impl = *session_->impl_;
  impl.ensure_data();
  return static_cast<int>(impl.data->test_size() > 0 ? impl.data->test_size() : impl.data->train_size());
}

}  // namespace gs
