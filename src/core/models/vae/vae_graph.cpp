// vae_graph.cpp — the VAE's and the autoencoder's overview graph:
// x → encoder → (μ, log σ²) → z → decoder → x̂, with the reconstruction loss
// between x̂ and x and (VAE) the KL term between q(z|x) and the prior.
#include "core/model/graph_builder.h"
#include "core/models/vae/vae_model.h"

namespace gs {

ModelGraph VaeModel::graph() {
  GraphBuilder b(*this);
  const int64_t L = config_.latent_dim;
  const torch::Tensor x = example_batch(config_.shape);
  const torch::Tensor head = nets_.encoder->forward(x);
  const std::string recon = bce_ ? "−Σ x·log x̂ + (1−x)·log(1−x̂)" : "Σ (x − x̂)²";
  b.data("x", "data x", x, 0, 0);
  if (variational_) {
    const torch::Tensor mu = head.narrow(1, 0, L);
    const torch::Tensor z = mu + torch::exp(0.5 * head.narrow(1, L, L)) * torch::randn_like(mu);
    const torch::Tensor out = nets_.decoder->forward(z);
    b.network("encoder", "Encoder q(z|x)", *nets_.encoder, x, head, 1, 0)
        .value("musigma", "μ, log σ²", head, 2, 0, "two halves of the encoder's output")
        .value("z", "latent z", z, 3, 0, "z = μ + σ·ε, ε ~ N(0, I)")
        .value_text("prior", "prior p(z)", "N(0, I) of " + std::to_string(L), 3, 1)
        .network("decoder", "Decoder p(x|z)", *nets_.decoder, z, out, 4, 0)
        .value("xhat", "reconstruction x̂", out, 5, 0)
        .edge("x", "encoder", x)
        .edge("encoder", "musigma", head)
        .edge("musigma", "z", z, "sample")
        .edge("z", "decoder", z)
        .edge("decoder", "xhat", out)
        .loss("xhat", "x", "recon", recon)
        .loss("musigma", "prior", "kl", "KL(q(z|x) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²)");
  } else {
    const torch::Tensor out = nets_.decoder->forward(head);
    b.network("encoder", "Encoder", *nets_.encoder, x, head, 1, 0)
        .value("z", "code z", head, 2, 0, "the bottleneck")
        .network("decoder", "Decoder", *nets_.decoder, head, out, 3, 0)
        .value("xhat", "reconstruction x̂", out, 4, 0)
        .edge("x", "encoder", x)
        .edge("encoder", "z", head)
        .edge("z", "decoder", head)
        .edge("decoder", "xhat", out)
        .loss("xhat", "x", "loss", recon);
  }
  return b.take();
}

}  // namespace gs
