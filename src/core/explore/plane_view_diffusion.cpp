// PlaneViewBuilder::add_diffusion_steps — the playground's view of a diffusion
// model: a deterministic DDIM reverse run (η = 0) of the fixed noise batch,
// written with the model's own prediction (DiffusionModel::predict) so that the
// batch and the grid of the denoising field share one network call per kept
// timestep. See plane_view_builder.h.
#include <cmath>

#include "core/common/error.h"
#include "core/explore/plane_view_builder.h"

namespace gs {
namespace {

std::vector<float> to_floats(const torch::Tensor& t) {
  torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

}  // namespace

void PlaneViewBuilder::add_diffusion_steps(DiffusionModel& diffusion, const torch::Tensor& x_T, PlaneView* v) {
  const int64_t T = diffusion.timesteps();
  if (T < 1) throw Error("The diffusion model has no timesteps to run.");
  if (x_T.dim() != 2 || x_T.size(0) < 1) throw Error("The playground's noise batch must be a list of points.");
  c10::InferenceMode guard;
  const int64_t n = x_T.size(0), dims = x_T.size(1);
  const bool plane = v->dims == 2 && dims == 2;
  const int K = static_cast<int>(std::min<int64_t>(kDiffusionSteps, T));
  // Kept timesteps, evenly spaced from T − 1 (almost pure noise) down to 0.
  std::vector<int64_t> ts(K);
  for (int k = 0; k < K; ++k) ts[k] = K == 1 ? 0 : std::llround(double(T - 1) * (K - 1 - k) / (K - 1));
  const torch::Tensor alpha_bar = diffusion.alpha_bar().to(torch::kFloat64).contiguous();
  if (alpha_bar.numel() != T) throw Error("The diffusion model's noise schedule does not have one value per timestep.");
  const double* ab = alpha_bar.data_ptr<double>();

  torch::Tensor grid;
  const int g = plane ? kScoreGrid : 0;
  if (plane) {
    // Cell centres of a g × g grid over the bounds, row-major from (x0, y0).
    torch::Tensor xs = v->x0 + (torch::arange(g, torch::kFloat32) + 0.5f) * ((v->x1 - v->x0) / g);
    torch::Tensor ys = v->y0 + (torch::arange(g, torch::kFloat32) + 0.5f) * ((v->y1 - v->y0) / g);
    auto mesh = torch::meshgrid({ys, xs}, "ij");
    grid = torch::stack({mesh[1].reshape({-1}), mesh[0].reshape({-1})}, 1);
    v->score_grid_n = g;
    v->score_grid = to_floats(grid);
    v->diffusion_T = static_cast<int>(T);
  }
  const int64_t m = n + (plane ? grid.size(0) : 0);
  torch::Tensor input = torch::empty({m, dims});
  if (plane) input.narrow(0, n, grid.size(0)).copy_(grid);
  torch::Tensor x = x_T.to(torch::kFloat32).clone();
  DiffusionSampling how;
  how.sampler = DiffusionSampling::Sampler::DDIM;
  how.steps = K;
  how.eta = 0.0;
  for (int k = 0; k < K; ++k) {
    const double a = ab[ts[k]], a_next = k + 1 < K ? ab[ts[k + 1]] : 1.0;
    if (plane) {
      v->diffusion_t.push_back(static_cast<int>(ts[k]));
      v->diffusion_alpha_bar.push_back(static_cast<float>(a));
      v->diffusion_points.push_back(to_floats(x));
    }
    input.narrow(0, 0, n).copy_(x);
    const DiffusionModel::Prediction p = diffusion.predict(input, torch::full({m}, ts[k], torch::kLong), how);
    if (!p.eps.defined() || !p.x0_hat.defined() || p.eps.sizes() != input.sizes() ||
        p.x0_hat.sizes() != input.sizes()) {
      throw Error("The diffusion model's prediction does not have the shape of its input.");
    }
    if (plane) {
      const torch::Tensor score = p.eps.narrow(0, n, grid.size(0)) * (-1.0 / std::sqrt(std::max(1.0 - a, 1e-12)));
      v->score_field.push_back(to_floats(score));
    }
    // DDIM, η = 0: x_next = √ᾱ_next x̂₀ + √(1 − ᾱ_next) ε, with ε re-derived from x̂₀ (which the
    // model may have clamped to the data's range), as the model's own DDIM sampler does.
    const torch::Tensor x0_hat = p.x0_hat.narrow(0, 0, n);
    if (a_next >= 1.0) {
      x = x0_hat.clone();
    } else {
      const torch::Tensor eps = (x - x0_hat * std::sqrt(a)) / std::sqrt(std::max(1.0 - a, 1e-12));
      x = x0_hat * std::sqrt(a_next) + eps * std::sqrt(1.0 - a_next);
    }
  }
  v->fake = to_floats(x);
  if (!plane) return;
  // The finished sample; its field is the last kept timestep's (t = 0).
  v->diffusion_t.push_back(-1);
  v->diffusion_alpha_bar.push_back(1.0f);
  v->diffusion_points.push_back(v->fake);
  v->score_field.push_back(v->score_field.back());
  const int states = static_cast<int>(v->diffusion_points.size());
  const int count = static_cast<int>(std::min<int64_t>(kTrajectories, n));
  v->trajectory_count = count;
  v->trajectories.reserve(static_cast<size_t>(count) * states * 2);
  for (int i = 0; i < count; ++i) {
    for (int k = 0; k < states; ++k) {
      v->trajectories.push_back(v->diffusion_points[k][2 * i]);
      v->trajectories.push_back(v->diffusion_points[k][2 * i + 1]);
    }
  }
}

}  // namespace gs
