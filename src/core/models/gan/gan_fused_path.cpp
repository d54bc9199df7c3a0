#include "core/models/gan/gan_fused_path.h"

#include <cmath>
#include <cstring>

#include "core/common/error.h"

namespace gs {
namespace {

double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The layers gan_nets.cpp's make_mlp builds, in the same order.
std::vector<FusedLayer> dense(int64_t in, const std::vector<int64_t>& widths, int64_t out, FusedActivation last) {
  std::vector<FusedLayer> layers;
  for (int64_t w : widths) {
    layers.push_back({in, w, FusedActivation::LeakyRelu});
    in = w;
  }
  layers.push_back({in, out, last});
  return layers;
}

std::vector<FusedLayer> generator_layers(const GanNetConfig& c) {
  if (c.shape.points) {
    return dense(c.latent_dim, std::vector<int64_t>(static_cast<size_t>(c.layers), c.width), c.shape.channels,
                 FusedActivation::Identity);
  }
  return dense(c.latent_dim, {256, 512, 1024}, c.shape.numel(), FusedActivation::Tanh);
}

std::vector<FusedLayer> discriminator_layers(const GanNetConfig& c) {
  if (c.shape.points) {
    return dense(c.shape.channels * c.pack, std::vector<int64_t>(static_cast<size_t>(c.layers), c.width), 1,
                 FusedActivation::Identity);
  }
  return dense(c.shape.numel() * c.pack, {1024, 512, 256}, 1, FusedActivation::Identity);
}

float* data(const torch::Tensor& t) { return t.data_ptr<float>(); }

}  // namespace

bool GanFusedPath::covers(const GanNetConfig& config, GanLoss loss, double gp_weight, double r1_gamma, int64_t batch) {
  if (config.arch != "mlp" || r1_gamma > 0) return false;
  if (loss == GanLoss::WassersteinGp && gp_weight > 0) return false;
  return batch > 0 && batch % config.pack == 0;
}

GanFusedPath::GanFusedPath(const GanNetConfig& config, FlatAdam& g, FlatAdam& d)
    : pack_(config.pack),
      sample_width_(config.shape.points ? config.shape.channels : config.shape.numel()),
      opt_g_(g),
      opt_d_(d),
      g_(generator_layers(config)),
      d_(discriminator_layers(config)) {
  if (g_.parameter_count() != g.numel() || d_.parameter_count() != d.numel()) {
    throw Error("The fused GAN step does not match the networks' layout (" + std::to_string(g_.parameter_count()) +
                " and " + std::to_string(d_.parameter_count()) + " parameters expected, the networks have " +
                std::to_string(g.numel()) + " and " + std::to_string(d.numel()) + ").");
  }
}

void GanFusedPath::reserve(int64_t b) {
  if (b <= rows_) return;
  g_.reserve(b);
  d_.reserve(2 * b / pack_);
  d_in_.assign(static_cast<size_t>(2 * b * sample_width_), 0.0f);
  d_grad_out_.assign(static_cast<size_t>(2 * b), 0.0f);
  d_grad_in_.assign(static_cast<size_t>(b * sample_width_), 0.0f);
  rows_ = b;
}

FusedDStats GanFusedPath::discriminator_step(const float* real, float scale, float shift, const float* z, int64_t b,
                                             GanLoss loss, double label_smoothing) {
  reserve(b);
  const int64_t width = b * sample_width_;
  // [real; G(z)] as one batch: with packing, each row of D's input is `pack` consecutive samples.
  const float* fake = g_.forward(data(opt_g_.flat_parameters()), z, b);
  float* in = d_in_.data();
  if (scale == 1.0f && shift == 0.0f) std::memcpy(in, real, sizeof(float) * static_cast<size_t>(width));
  else for (int64_t i = 0; i < width; ++i) in[i] = scale * real[i] + shift;
  std::memcpy(in + width, fake, sizeof(float) * static_cast<size_t>(width));
  const int64_t n = b / pack_;
  const float* params = data(opt_d_.flat_parameters());
  const float* out = d_.forward(params, in, 2 * n);
  const bool probs = gan_loss_uses_probabilities(loss);
  const double t = 1.0 - label_smoothing;
  const double inv = 1.0 / static_cast<double>(n);
  double real_sum = 0, fake_sum = 0, dx = 0, dgz = 0;
  float* g = d_grad_out_.data();
  for (int64_t i = 0; i < 2 * n; ++i) {
    const double x = out[i];
    const bool is_real = i < n;
    double value = 0, grad = 0;
    switch (loss) {
      case GanLoss::Minimax:
      case GanLoss::NonSaturating:
        if (is_real) {
          value = t * softplus(-x) + (1 - t) * softplus(x);
          grad = sigmoid(x) - t;
        } else {
          value = softplus(x);
          grad = sigmoid(x);
        }
        break;
      case GanLoss::LeastSquares: {
        const double target = is_real ? 1.0 - label_smoothing : 0.0;
        value = 0.5 * (x - target) * (x - target);
        grad = x - target;
        break;
      }
      case GanLoss::Hinge: {
        const double margin = is_real ? 1.0 - x : 1.0 + x;
        value = std::max(margin, 0.0);
        grad = margin > 0 ? (is_real ? -1.0 : 1.0) : 0.0;
        break;
      }
      case GanLoss::WassersteinGp:
        value = is_real ? -x : x;
        grad = is_real ? -1.0 : 1.0;
        break;
    }
    g[i] = static_cast<float>(grad * inv);
    const double shown = probs ? sigmoid(x) : x;
    if (is_real) {
      real_sum += value;
      dx += shown;
    } else {
      fake_sum += value;
      dgz += shown;
    }
  }
  opt_d_.zero_grad();
  d_.backward(params, g, data(opt_d_.flat_gradient()), nullptr);
  opt_d_.step_loop();
  FusedDStats s;
  s.real = static_cast<float>(real_sum * inv);
  s.fake = static_cast<float>(fake_sum * inv);
  s.total = s.real + s.fake;
  s.d_x = static_cast<float>(dx * inv);
  s.d_gz = static_cast<float>(dgz * inv);
  return s;
}

float GanFusedPath::generator_step(const float* z, int64_t b, GanLoss loss) {
  reserve(b);
  const float* g_params = data(opt_g_.flat_parameters());
  const float* fake = g_.forward(g_params, z, b);
  const int64_t n = b / pack_;
  const float* d_params = data(opt_d_.flat_parameters());
  const float* out = d_.forward(d_params, fake, n);
  const double inv = 1.0 / static_cast<double>(n);
  double sum = 0;
  float* g = d_grad_out_.data();
  for (int64_t i = 0; i < n; ++i) {
    const double x = out[i];
    double value = 0, grad = 0;
    switch (loss) {
      case GanLoss::Minimax:
        value = -softplus(x);
        grad = -sigmoid(x);
        break;
      case GanLoss::NonSaturating:
        value = softplus(-x);
        grad = sigmoid(x) - 1.0;
        break;
      case GanLoss::LeastSquares:
        value = 0.5 * (x - 1.0) * (x - 1.0);
        grad = x - 1.0;
        break;
      case GanLoss::Hinge:
      case GanLoss::WassersteinGp:
        value = -x;
        grad = -1.0;
        break;
    }
    sum += value;
    g[i] = static_cast<float>(grad * inv);
  }
  // Through the frozen discriminator to its input (no D gradients), then into G.
  d_.backward(d_params, g, nullptr, d_grad_in_.data());
  opt_g_.zero_grad();
  g_.backward(g_params, d_grad_in_.data(), data(opt_g_.flat_gradient()), nullptr);
  opt_g_.step_loop();
  return static_cast<float>(sum * inv);
}

}  // namespace gs
