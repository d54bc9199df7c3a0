#include "core/explore/plane_view_builder.h"

#include <ATen/CPUGeneratorImpl.h>

#include <opencv2/imgproc.hpp>

#include <cmath>

#include "core/data/toy_distributions.h"
#include "core/metrics/mode_coverage.h"
#include "core/model/capabilities.h"

namespace gs {
namespace {

std::vector<float> to_vector(const torch::Tensor& t) {
  torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

// Log-densities shown as a heatmap: floored this far below the peak, so the
// colours show where the mass is rather than how empty the corners are.
constexpr float kLogDensityRange = 10.0f;

void floor_log_density(std::vector<float>& f) {
  if (f.empty()) return;
  const float peak = *std::max_element(f.begin(), f.end());
  for (float& v : f) v = std::isfinite(v) ? std::max(v, peak - kLogDensityRange) : peak - kLogDensityRange;
}

// log of the density of `samples` on a size × size grid of cell centres over the
// bounds (row-major from (x0, y0)): a histogram smoothed by one cell.
std::vector<float> histogram_log_density(const torch::Tensor& samples, float x0, float x1, float y0, float y1,
                                         int size) {
  cv::Mat counts = cv::Mat::zeros(size, size, CV_32F);
  const torch::Tensor c = samples.contiguous();
  const float* p = c.data_ptr<float>();
  const float sx = (size - 1) / (x1 - x0), sy = (size - 1) / (y1 - y0);
  for (int64_t i = 0; i < c.size(0); ++i) {
    const int col = static_cast<int>(std::lround((p[2 * i] - x0) * sx));
    const int row = static_cast<int>(std::lround((p[2 * i + 1] - y0) * sy));
    if (col >= 0 && col < size && row >= 0 && row < size) counts.at<float>(row, col) += 1;
  }
  cv::GaussianBlur(counts, counts, cv::Size(5, 5), 1.0);
  const double cell = (x1 - x0) / (size - 1) * (y1 - y0) / (size - 1);
  std::vector<float> out(static_cast<size_t>(size) * size);
  for (int r = 0; r < size; ++r) {
    for (int col = 0; col < size; ++col) {
      out[static_cast<size_t>(r) * size + col] =
          static_cast<float>(std::log(counts.at<float>(r, col) / (c.size(0) * cell) + 1e-30));
    }
  }
  floor_log_density(out);
  return out;
}

}  // namespace

PlaneViewBuilder::PlaneViewBuilder(const ImageDataset& data, uint64_t seed)
    : data_(data), dims_(static_cast<int>(data.shape.channels)), seed_(seed) {
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
  if (dims_ == 2 && data.draw) true_field_ = histogram_log_density(reference_, x0_, x1_, y0_, y1_, kFieldSize);
}

void PlaneViewBuilder::add_flow_steps(InvertibleFlow& flow, const torch::Tensor& mesh_z, const torch::Tensor& fixed_z,
                                      PlaneView* v) {
  const int64_t n = flow.num_flow_steps();
  c10::InferenceMode guard;
  for (int64_t k = 1; k <= n; ++k) v->flow_step_names.push_back(flow.flow_step_name(k));
  for (int64_t s = 0; s <= n; ++s) {
    v->flow_meshes.push_back(to_vector(flow.inverse_steps(mesh_z, s)));
    if (fixed_z.defined()) v->flow_fakes.push_back(to_vector(flow.inverse_steps(fixed_z, s)));
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
  DiffusionModel* diffusion = model.diffusion();
  if (diffusion) {
    // The reverse run replaces decode(): its last state is the generated batch.
    torch::Tensor x_T = fixed_z;
    if (!x_T.defined() || x_T.dim() != 2 || x_T.size(1) != dims_) {
      auto gen = at::make_generator<at::CPUGeneratorImpl>(seed_ + 7919);
      x_T = torch::randn({kDiffusionPoints, dims_}, gen);
    }
    add_diffusion_steps(*diffusion, x_T, &v);
  } else if ((caps & kCanDecode) && fixed_z.defined()) {
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
    v.field_is_log_density = !(caps & kAdversarial);
    if (v.field_is_log_density) {
      floor_log_density(v.field);
      if (dims_ == 2) v.true_field = true_field_;
    }
    if ((caps & kAdversarial) && fake.defined()) v.push = to_vector(critic->generator_push(fake));
  }
  if (dims_ == 1 && data_.id == "gmm1d") {
    v.true_density.resize(kFieldSize);
    for (int i = 0; i < kFieldSize; ++i) {
      v.true_density[i] = static_cast<float>(gmm1d_density(x0_ + (x1_ - x0_) * i / (kFieldSize - 1)));
    }
  }
  if (dims_ == 2 && !diffusion && (caps & kCanDecode) && model.latent_dim() >= 1) {
    // A 2-D slice of latent space (first two coordinates over ±2.5σ, the rest 0).
    torch::Tensor t = torch::linspace(-2.5, 2.5, kMeshSize);
    auto m = torch::meshgrid({t, t}, "ij");
    torch::Tensor z = torch::zeros({kMeshSize * kMeshSize, model.latent_dim()});
    z.select(1, 0).copy_(m[1].reshape({-1}));
    if (model.latent_dim() >= 2) z.select(1, 1).copy_(m[0].reshape({-1}));
    torch::NoGradGuard ng;
    v.mesh = to_vector(model.decode(z));
    v.mesh_n = kMeshSize;
    if (InvertibleFlow* flow = model.flow(); flow && model.latent_dim() == 2) add_flow_steps(*flow, z, fixed_z, &v);
  }
  return v;
}

void PlaneViewBuilder::evaluate(GenerativeModel& model, std::vector<std::string>* names,
                                std::vector<double>* values) const {
  if (!(model.capabilities() & kCanSample)) return;
  const bool iterative = model.diffusion() != nullptr;
  const auto began = std::chrono::steady_clock::now();
  if (iterative && eval_cost_ > 0 &&
      std::chrono::duration<double>(began - eval_end_).count() < 9.0 * eval_cost_) {
    return;
  }
  struct Budget {
    const bool on;
    const std::chrono::steady_clock::time_point began;
    double& cost;
    std::chrono::steady_clock::time_point& end;
    ~Budget() {
      if (!on) return;
      end = std::chrono::steady_clock::now();
      cost = std::chrono::duration<double>(end - began).count();
    }
  } budget{iterative, began, eval_cost_, eval_end_};
  torch::Tensor samples;
  {
    torch::NoGradGuard ng;
    model.set_training(false);
    auto gen = at::make_generator<at::CPUGeneratorImpl>(2024);
    samples = model.decode(model.prior_sample(kEvalSamples, gen));
  }
  evaluate_points(samples, names, values);
}

void PlaneViewBuilder::evaluate_points(const torch::Tensor& samples, std::vector<std::string>* names,
                                       std::vector<double>* values) const {
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
