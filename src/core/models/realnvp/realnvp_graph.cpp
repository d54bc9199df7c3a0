// realnvp_graph.cpp — the flow's overview graph: x ⇄ f ⇄ z, the exact
// likelihood by the change of variables against the Gaussian prior.
#include "core/model/graph_builder.h"
#include "core/models/realnvp/realnvp_model.h"

namespace gs {

ModelGraph RealNvpModel::graph() {
  GraphBuilder b(*this);
  const torch::Tensor x = example_batch(shape_);
  torch::Tensor logdet = torch::zeros({x.size(0)});
  const torch::Tensor in = shape_.points ? x : to_flow_space(x, {}, logdet);
  const torch::Tensor z = stack_->forward(in, stack_->num_steps(), logdet);
  const std::string steps = std::to_string(stack_->num_steps()) + " invertible steps";
  b.data("x", "data x", x, 0, 0);
  int col = 1;
  if (!shape_.points) {
    b.value("xp", "logit space", in, 1, 0, "dequantised: (v + u)/256, then logit");
    b.edge("x", "xp", x);
    col = 2;
  }
  b.network("flow", "Flow f (RealNVP)", *stack_, in, z, col, 0, steps + "; log|det ∂f/∂x| is exact")
      .value("z", "latent z = f(x)", z, col + 1, 0)
      .value_text("prior", "prior p(z)", "N(0, I) of " + std::to_string(z.size(1)), col + 1, 1)
      .edge(shape_.points ? "x" : "xp", "flow", in)
      .edge("flow", "z", z, "encode")
      .edge("z", "flow", z, "sample: x = f⁻¹(z)")
      .loss("z", "prior", loss_names().front(),
            shape_.points ? "−log p(x) = −log N(f(x); 0, I) − log|det ∂f/∂x|"
                          : "−log p(x) = −log N(f(x); 0, I) − log|det ∂f/∂x|, ÷ (D·ln 2) for bits per dimension");
  return b.take();
}

}  // namespace gs
