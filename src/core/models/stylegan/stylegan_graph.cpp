// stylegan_graph.cpp — the style-based generator's overview graph:
// z → mapping → w (one style per synthesis layer) → synthesis → image → D,
// with the logistic GAN losses and the R1 penalty.
#include "core/model/graph_builder.h"
#include "core/models/stylegan/stylegan_model.h"

namespace gs {

ModelGraph StyleGanModel::graph() {
  GraphBuilder b(*this);
  const torch::Tensor z = torch::randn({2, z_dim_});
  const torch::Tensor w = mapping_->forward(z);
  const torch::Tensor ws = w.unsqueeze(1).repeat({1, synthesis_->num_ws(), 1});
  const torch::Tensor fake = synthesis_->forward(ws, true);
  const torch::Tensor data = example_batch(shape_);
  const torch::Tensor x = to_model_space(data);
  const torch::Tensor score = discriminator_->forward(fake);
  const std::string layers = std::to_string(synthesis_->num_ws());
  b.value("z", "noise z", z, 0, 0, "z ~ N(0, I)")
      .network("mapping", "Mapping network", *mapping_, z, w, 1, 0, "trained at 1/100 of the rate")
      .value("ws", "styles w", ws, 2, 0, layers + " layers: coarse to fine; mixing swaps them")
      .network("synthesis", "Synthesis network", *synthesis_, ws, fake, 3, 0, "modulated convolutions + noise")
      .value("fake", "fake image", fake, 4, 0)
      .data("x", "real image x", data, 4, 1, x.size(2) != shape_.height ? "padded to the synthesis size" : "")
      .network("D", "Discriminator D", *discriminator_, fake, score, 5, 0)
      .value("score", "D(·)", score, 6, 0)
      .edge("z", "mapping", z)
      .edge("mapping", "ws", ws, "broadcast")
      .edge("ws", "synthesis", ws)
      .edge("synthesis", "fake", fake)
      .edge("fake", "D", fake, "fake")
      .edge("x", "D", x, "real")
      .edge("D", "score", score)
      .loss("score", "D", "d_loss", "softplus(D(G(w))) + softplus(−D(x))")
      .loss("score", "synthesis", "g_loss", "softplus(−D(G(w)))")
      .loss("x", "D", "r1", "γ/2 · ‖∇ₓD(x)‖² (every 4th step)");
  return b.take();
}

}  // namespace gs
