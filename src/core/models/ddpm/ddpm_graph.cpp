// ddpm_graph.cpp — the diffusion model's overview graph: x₀ and noise ε make
// x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε (no network: the forward process), the denoiser
// sees x_t and t (and a class y) and predicts ε (or v), scored by squared error.
#include "core/model/graph_builder.h"
#include "core/models/ddpm/ddpm_model.h"

namespace gs {

ModelGraph DdpmModel::graph() {
  GraphBuilder b(*this);
  const torch::Tensor x0 = to_model_space(example_batch(shape_));
  const int64_t n = x0.size(0);
  const torch::Tensor t = torch::full({n}, timesteps() / 2, torch::kLong);
  const torch::Tensor noise = torch::randn_like(x0);
  const int64_t dims = x0.dim() - 1;
  const torch::Tensor x_t =
      x0 * schedule_.sqrt_alpha_bar_at(t, dims) + noise * schedule_.sqrt_one_minus_alpha_bar_at(t, dims);
  torch::Tensor y;
  if (num_classes_ > 0) y = torch::full({n}, num_classes_, torch::kLong);
  const torch::Tensor out = y.defined() ? net_->forward_labeled(x_t, t, y) : net_->forward(x_t, t);
  const std::string target = v_prediction_ ? "v" : "ε";
  const std::string T = std::to_string(timesteps());
  b.data("x0", "data x₀", x0, 0, 0)
      .value("eps", "noise ε", noise, 0, 1, "ε ~ N(0, I)")
      .value_text("t", "time step t", "1 of " + T, 0, 2, schedule_.name() + " schedule")
      .value("xt", "noisy x_t", x_t, 1, 0, "x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε")
      .network("net", shape_.points ? "Denoiser MLP" : "U-Net denoiser", *net_, x_t, out, 2, 0,
               "sees x_t and the embedding of t")
      .value("pred", "predicted " + target + "̂", out, 3, 0, "sampling runs it " + T + " times (DDIM: fewer)")
      .edge("x0", "xt", x0, "q(x_t | x₀)")
      .edge("eps", "xt", noise)
      .edge("xt", "net", x_t)
      .edge("t", "net", {}, "t")
      .edge("net", "pred", out)
      .loss("pred", "eps", "loss", v_prediction_ ? "‖v̂ − (√ᾱ_t·ε − √(1−ᾱ_t)·x₀)‖²" : "‖ε̂(x_t, t) − ε‖²");
  if (num_classes_ > 0) {
    b.value("y", "class y", y, 1, 2, std::to_string(num_classes_) + " classes and ∅ (guidance)").edge("y", "net", {}, "class");
  }
  return b.take();
}

}  // namespace gs
