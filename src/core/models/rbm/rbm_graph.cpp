// rbm_graph.cpp — the RBM's overview graph: visible v ⇄ hidden h through one
// weight matrix (no direction: Gibbs sampling goes both ways), trained by
// contrastive divergence; its losses are diagnostics, not what it minimises.
#include "core/model/graph_builder.h"
#include "core/models/rbm/rbm_model.h"

namespace gs {

ModelGraph RbmModel::graph() {
  GraphBuilder b(*this);
  const torch::Tensor x = example_batch(shape_);
  const torch::Tensor v = x.reshape({-1, visible_});
  const torch::Tensor ph = torch::sigmoid(torch::matmul(v, W_) + c_);
  const torch::Tensor pv = torch::sigmoid(torch::matmul(ph, W_.t()) + b_);
  const std::string k = std::to_string(cd_k_);
  b.data("v", "visible v (pixels)", x, 0, 0, "binarised, flattened")
      .network_tensors("rbm", "RBM weights W, biases b, c", {{"W", W_}, {"b (visible)", b_}, {"c (hidden)", c_}}, v, ph,
                       1, 0, "E(v, h) = −bᵀv − cᵀh − vᵀWh")
      .value("h", "hidden h", ph, 2, 0, "p(hⱼ = 1 | v) = σ(cⱼ + vᵀW·ⱼ)")
      .value("vk", "reconstruction v⁽" + k + "⁾", pv, 1, 1, (persistent_ ? "persistent chain, " : "") + k + " Gibbs steps")
      .edge("v", "rbm", v, "flatten")
      .edge("rbm", "h", ph, "v → h")
      .edge("h", "vk", ph, "h → v: p(vᵢ = 1 | h) = σ(bᵢ + W·ᵢh)")
      .loss("vk", "v", "recon_error", "‖v − v⁽" + k + "⁾‖² (a diagnostic; CD-" + k + " follows ∂F(v)/∂θ − ∂F(v⁽" + k + "⁾)/∂θ)")
      .loss("rbm", "v", "free_energy_per_pixel", "F(v)/D = (−bᵀv − Σⱼ log(1 + e^{cⱼ + vᵀW·ⱼ}))/D");
  return b.take();
}

}  // namespace gs
