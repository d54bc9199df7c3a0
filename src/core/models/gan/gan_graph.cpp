// gan_graph.cpp — the GAN's overview graph (GAN Lab's picture): z → G → G(z),
// real x and G(z) → D → scores, and the two losses that train D and G.
#include "core/model/graph_builder.h"
#include "core/models/gan/gan_model.h"

namespace gs {

namespace {

struct LossText {
  std::string d, g;
};

LossText formulas(GanLoss loss) {
  switch (loss) {
    case GanLoss::Minimax:
      return {"−log D(x) − log(1 − D(G(z)))", "log(1 − D(G(z)))  (minimax: saturates when D wins)"};
    case GanLoss::NonSaturating:
      return {"−log D(x) − log(1 − D(G(z)))", "−log D(G(z))"};
    case GanLoss::LeastSquares:
      return {"½(D(x) − 1)² + ½ D(G(z))²", "½(D(G(z)) − 1)²"};
    case GanLoss::Hinge:
      return {"max(0, 1 − D(x)) + max(0, 1 + D(G(z)))", "−D(G(z))"};
    case GanLoss::WassersteinGp:
      return {"D(G(z)) − D(x) + λ(‖∇D(x̃)‖ − 1)²", "−D(G(z))"};
  }
  return {};
}

}  // namespace

ModelGraph GanModel::graph() {
  GraphBuilder b(*this);
  const int64_t n = 2 * config_.pack;
  const torch::Tensor z = torch::randn({n, config_.latent_dim});
  const torch::Tensor fake = nets_.generator->forward(z);
  const torch::Tensor x = to_model_space(example_batch(config_.shape, n));
  const torch::Tensor judged = pack(fake);
  const torch::Tensor score = nets_.discriminator->forward(judged);
  const LossText f = formulas(loss_);
  const std::string packing = config_.pack > 1 ? "PacGAN: " + std::to_string(config_.pack) + " samples per judgement" : "";
  b.value("z", "noise z", z, 0, 0, "z ~ N(0, I)")
      .network("G", "Generator G", *nets_.generator, z, fake, 1, 0)
      .value("fake", "fake G(z)", fake, 2, 0)
      .data("x", "real data x", x, 2, 1)
      .network("D", "Discriminator D", *nets_.discriminator, judged, score, 3, 0, packing)
      .value("score", "D(x), D(G(z))", score, 4, 0, "real or fake?")
      .edge("z", "G", z)
      .edge("G", "fake", fake)
      .edge("fake", "D", judged, "fake")
      .edge("x", "D", judged, "real")
      .edge("D", "score", score)
      .loss("score", "D", "d_loss", f.d)
      .loss("score", "G", "g_loss", f.g);
  return b.take();
}

}  // namespace gs
