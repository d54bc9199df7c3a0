#include "core/explore/plane_view_builder.h"

#include <ATen/CPUGeneratorImpl.h>

#include <opencv2/imgproc.hpp>

#include "core/data/toy_distributions.h"
#include "core/metrics/mode_coverage.h"
#include "core/model/capabilities.h"

namespace gs {
namespace {

std::vector<float> to_vector(const torch::Tensor& t) {
  torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

}  // namespace

PlaneViewBuilder::PlaneViewBuilder(const ImageDataset& data, uint64_t seed)
    : data_(data), dims_(static_cast<int>(data.shape.channels)) {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed + 99);
  const torch::Tensor& pool = data.train_images;
  const int64_t n_real = std::min<int64_t>(1000, pool.size(0));
  real_ = pool.index_select(0, torch::randperm(pool.size(0), gen, torch::kLong).narrow(0, 0, n_real));
  reference_ = data.draw ? data.draw(20000, seed + 5) : pool;
  // Bounds: the data's extent with a margin, square in 2-D so shapes are not distorted.
  torch::Tensor lo = reference_.amin(0), hi = reference_.amax(0);
  const float lx = lo[0].item<float>(), hx = hi[0].item<float>();
  if (dims_ == 1) {
    const float m = 0.15f * (hx - lx) + 1e-3f;
    x0_ = lx - m;
    x1_ = hx + m;
    y0_ = y1_ = 0;
  } else {
    const float ly = lo[1].item<float>(), hy = hi[1].item<float>();
    const float cx = 0.5f * (lx + hx), cy = 0.5f * (ly + hy);
    const float half = 0.5f * std::max(hx - lx, hy - ly) * 1.2f + 1e-3f;
    x0_ = cx - half;
    x1_ = cx + half;
    y0_ = cy - half;
    y1_ = cy + half;
  }
}

PlaneView PlaneViewBuilder::build(GenerativeModel& model, const torch::Tensor& fixed_z) const {
  PlaneView v;
  v.dims = dims_;
  v.x0 = x0_;
  v.x1 = x1_;
  v.y0 = y0_;
  v.y1 = y1_;
  v.real = to_vector(real_);
  model.set_training(false);
  const unsigned caps = model.capabilities();
  torch::Tensor fake;
  if ((caps & kCanDecode) && fixed_z.defined()) {
    torch::NoGradGuard ng;
    fake = model.decode(fixed_z);
    v.fake = to_vector(fake);
  }
  if (DataCritic* critic = model.critic()) {
    torch::Tensor xs = torch::linspace(x0_, x1_, kFieldSize);
    torch::Tensor grid;
    if (dims_ == 1) {
      grid = xs.unsqueeze(1);
      v.field_w = kFieldSize;
      v.field_h = 1;
    } else {
      torch::Tensor ys = torch::linspace(y0_, y1_, kFieldSize);
      auto mesh = torch::meshgrid({ys, xs}, "ij");  // rows: y, columns: x
      grid = torch::stack({mesh[1].reshape({-1}), mesh[0].reshape({-1})}, 1);
      v.field_w = v.field_h = kFieldSize;
    }
    {
      torch::NoGradGuard ng;
      v.field = to_vector(critic->score(grid));
    }
    v.field_label = (caps & kAdversarial) ? "D(x)" : "log density";
    if ((caps & kAdversarial) && fake.defined()) v.push = to_vector(critic->generator_push(fake));
  }
  if (dims_ == 1 && data_.id == "gmm1d") {
    v.true_density.resize(kFieldSize);
    for (int i = 0; i < kFieldSize; ++i) {
      v.true_density[i] = static_cast<float>(gmm1d_density(x0_ + (x1_ - x0_) * i / (kFieldSize - 1)));
    }
  }
  if (dims_ == 2 && (caps & kCanDecode) && model.latent_dim() >= 1) {
    // A 2-D slice of latent space (first two coordinates over ±2.5σ, the rest 0).
    torch::Tensor t = torch::linspace(-2.5, 2.5, kMeshSize);
    auto m = torch::meshgrid({t, t}, "ij");
    torch::Tensor z = torch::zeros({kMeshSize * kMeshSize, model.latent_dim()});
    z.select(1, 0).copy_(m[1].reshape({-1}));
    if (model.latent_dim() >= 2) z.select(1, 1).copy_(m[0].reshape({-1}));
    torch::NoGradGuard ng;
    v.mesh = to_vector(model.decode(z));
    v.mesh_n = kMeshSize;
  }
  return v;
}

void PlaneViewBuilder::evaluate(GenerativeModel& model, std::vector<std::string>* names,
                                std::vector<double>* values) const {
  if (!(model.capabilities() & kCanSample)) return;
  torch::Tensor samples;
  {
    torch::NoGradGuard ng;
    model.set_training(false);
    auto gen = at::make_generator<at::CPUGeneratorImpl>(2024);
    samples = model.decode(model.prior_sample(kEvalSamples, gen));
  }
  if (!data_.modes.empty()) {
    const ModeCoverage mc = mode_coverage(samples, data_.modes, data_.mode_std);
    names->push_back("modes_covered");
    values->push_back(mc.modes_covered);
    names->push_back("hq_percent");
    values->push_back(mc.hq_percent);
  }
  const float margin = 0.0f;
  const Divergence d = histogram_divergence(reference_, samples, std::min(x0_, y0_ == y1_ ? x0_ : y0_) - margin,
                                            std::max(x1_, y0_ == y1_ ? x1_ : y1_) + margin);
  names->push_back("kl_density");
  values->push_back(d.kl);
  names->push_back("js_density");
  values->push_back(d.js);
}

}  // namespace gs

namespace gs {

Image PlaneViewBuilder::render(const PlaneView& v, int size) {
  Image img;
  if (v.dims == 0) return img;
  cv::Mat canvas(size, size, CV_8UC3, cv::Scalar(255, 255, 255));
  auto px = [&](float x) { return static_cast<int>((x - v.x0) / (v.x1 - v.x0) * (size - 1)); };
  auto py = [&](float y) { return static_cast<int>((1.0f - (y - v.y0) / (v.y1 - v.y0)) * (size - 1)); };
  if (v.dims == 2) {
    if (!v.field.empty()) {
      float lo = v.field[0], hi = v.field[0];
      for (float f : v.field) lo = std::min(lo, f), hi = std::max(hi, f);
      cv::Mat field(v.field_h, v.field_w, CV_8UC1);
      for (int r = 0; r < v.field_h; ++r) {
        for (int c = 0; c < v.field_w; ++c) {
          const float f = v.field[r * v.field_w + c];
          field.at<uint8_t>(v.field_h - 1 - r, c) = static_cast<uint8_t>(hi > lo ? 255 * (f - lo) / (hi - lo) : 128);
        }
      }
      cv::Mat big, colour;
      cv::resize(field, big, cv::Size(size, size), 0, 0, cv::INTER_LINEAR);
      cv::applyColorMap(big, colour, cv::COLORMAP_BONE);
      cv::addWeighted(colour, 0.35, canvas, 0.65, 0, canvas);
    }
    for (size_t i = 0; i + 1 < v.real.size(); i += 2) {
      cv::circle(canvas, {px(v.real[i]), py(v.real[i + 1])}, 2, cv::Scalar(140, 140, 140), cv::FILLED);
    }
    for (size_t i = 0; i + 1 < v.fake.size(); i += 2) {
      cv::circle(canvas, {px(v.fake[i]), py(v.fake[i + 1])}, 2, cv::Scalar(40, 40, 220), cv::FILLED);
    }
  } else {
    // 1-D: histograms of real (gray) and generated (red) values.
    const int bins = 60;
    std::vector<int> hr(bins, 0), hf(bins, 0);
    auto bin = [&](float x) { return std::clamp(static_cast<int>((x - v.x0) / (v.x1 - v.x0) * bins), 0, bins - 1); };
    for (float x : v.real) ++hr[bin(x)];
    for (float x : v.fake) ++hf[bin(x)];
    const int peak = std::max(1, std::max(*std::max_element(hr.begin(), hr.end()) * static_cast<int>(v.fake.size() + 1) /
                                              static_cast<int>(v.real.size() + 1),
                                          *std::max_element(hf.begin(), hf.end())));
    const double real_scale = static_cast<double>(v.fake.size() + 1) / (v.real.size() + 1);
    for (int b = 0; b < bins; ++b) {
      const int x0 = b * size / bins, x1 = (b + 1) * size / bins - 1;
      const int h_real = static_cast<int>(hr[b] * real_scale / peak * (size - 20));
      const int h_fake = static_cast<int>(static_cast<double>(hf[b]) / peak * (size - 20));
      cv::rectangle(canvas, {x0, size - 1 - h_real}, {x1, size - 1}, cv::Scalar(190, 190, 190), cv::FILLED);
      cv::rectangle(canvas, {x0 + 2, size - 1 - h_fake}, {x1 - 2, size - 1}, cv::Scalar(40, 40, 220), 1);
    }
  }
  cv::Mat rgb;
  cv::cvtColor(canvas, rgb, cv::COLOR_BGR2RGB);
  img.width = size;
  img.height = size;
  img.channels = 3;
  img.pixels.assign(rgb.data, rgb.data + rgb.total() * 3);
  return img;
}

}  // namespace gs
