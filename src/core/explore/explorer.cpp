#include "core/explore/explorer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <opencv2/imgproc.hpp>

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

template <typename Fn>
auto guarded(const char* doing, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    const std::string m = e.what_without_backtrace();
    throw Error(std::string(doing) + " failed: " + m.substr(0, m.find('\n')));
  } catch (const cv::Exception& e) {
    throw Error(std::string(doing) + " failed: the image could not be converted (" + e.what() + ").");
  }
}

}  // namespace

Explorer::Explorer(std::unique_ptr<TrainingSession> session) : session_(std::move(session)) {
  session_->impl_->model->set_training(false);
}
Explorer::~Explorer() = default;

std::unique_ptr<Explorer> Explorer::open(const std::string& path) {
  return std::unique_ptr<Explorer>(new Explorer(TrainingSession::open(path)));
}

std::unique_ptr<Explorer> Explorer::from_snapshot(const std::vector<uint8_t>& bytes) {
  return std::unique_ptr<Explorer>(new Explorer(TrainingSession::open_snapshot(bytes)));
}

const ModelInfo& Explorer::model_info() const { return session_->model_info(); }
unsigned Explorer::capabilities() const { return session_->impl_->model->capabilities(); }
int Explorer::latent_dim() const { return static_cast<int>(session_->impl_->model->latent_dim()); }
long Explorer::step() const { return session_->step(); }
bool Explorer::is_point_data() const { return session_->impl_->shape.points; }
int Explorer::image_width() const { return static_cast<int>(session_->impl_->shape.width); }
int Explorer::image_height() const { return static_cast<int>(session_->impl_->shape.height); }
int Explorer::image_channels() const { return static_cast<int>(session_->impl_->shape.channels); }

Latent Explorer::random_latent(unsigned long seed) const {
  return guarded("Drawing a latent", [&] {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    return to_latent(session_->impl_->model->prior_sample(1, gen)[0]);
  });
}

Image Explorer::decode(const Latent& z) const { return decode_many({z}).at(0); }

std::vector<Image> Explorer::decode_many(const std::vector<Latent>& zs) const {
  return guarded("Decoding", [&] {
    auto& impl = *session_->impl_;
    if (!(impl.model->capabilities() & kCanDecode)) throw Error("This model cannot decode latents.");
    if (impl.shape.points) throw Error("This model makes points, not images: use the playground.");
    if (zs.empty()) return std::vector<Image>{};
    std::vector<torch::Tensor> rows;
    for (const auto& z : zs) rows.push_back(to_tensor(z, impl.model->latent_dim()));
    c10::InferenceMode guard;
    torch::Tensor images = impl.model->decode(torch::stack(rows));
    std::vector<Image> out;
    for (int64_t i = 0; i < images.size(0); ++i) out.push_back(single_image(images[i]));
    return out;
  });
}

Latent Explorer::encode(const Image& image) const {
  return guarded("Encoding", [&] {
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
  return guarded("Interpolating", [&] {
    if (endpoints.size() < 2) throw Error("An interpolation needs at least two endpoints.");
    const int64_t d = session_->impl_->model->latent_dim();
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
  return guarded("Finding principal directions", [&] {
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

LatentMap Explorer::latent_map(int max_points) const {
  return guarded("Encoding the test set", [&] {
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
  return guarded("Reading the dataset", [&] {
    auto& impl = *session_->impl_;
    impl.ensure_data();
    const torch::Tensor& pool = impl.data->test_size() > 0 ? impl.data->test_images : impl.data->train_images;
    if (index < 0 || index >= pool.size(0)) throw Error("There is no image number " + std::to_string(index) + ".");
    return single_image(pool[index]);
  });
}

int Explorer::dataset_size() const {
  auto& impl = *session_->impl_;
  impl.ensure_data();
  return static_cast<int>(impl.data->test_size() > 0 ? impl.data->test_size() : impl.data->train_size());
}

}  // namespace gs
