// cyclegan_graph.cpp — CycleGAN's overview graph: two generators (A→B, B→A),
// two discriminators, and the cycle edges a → G_AB → G_BA → â that the cycle
// loss compares with a (and the same from B).
#include "core/model/graph_builder.h"
#include "core/models/cyclegan/cyclegan_model.h"

namespace gs {

ModelGraph CycleGanModel::graph() {
  GraphBuilder b(*this);
  const torch::Tensor batch = example_batch(shape_);
  const int64_t c = shape_.channels;
  const torch::Tensor real_a = batch.narrow(1, 0, c) * 2 - 1, real_b = batch.narrow(1, c, c) * 2 - 1;
  const torch::Tensor fake_b = g_ab_->forward(real_a), fake_a = g_ba_->forward(real_b);
  const torch::Tensor rec_a = g_ba_->forward(fake_b), rec_b = g_ab_->forward(fake_a);
  const torch::Tensor score_b = d_b_->forward(fake_b), score_a = d_a_->forward(fake_a);
  const std::string lc = format_number(lambda_cycle_);
  b.data("a", "real a (domain A)", real_a, 0, 0)
      .network("gab", "Generator G_AB", *g_ab_, real_a, fake_b, 1, 0)
      .value("fakeb", "fake b̂ = G_AB(a)", fake_b, 2, 0)
      .network("db", "Discriminator D_B", *d_b_, fake_b, score_b, 3, 0, "PatchGAN: one score per patch")
      .value("scoreb", "D_B(·)", score_b, 4, 0)
      .value("recb", "cycle G_AB(G_BA(b))", rec_b, 2, 1)
      .value("reca", "cycle G_BA(G_AB(a))", rec_a, 2, 2)
      .data("b", "real b (domain B)", real_b, 0, 3)
      .network("gba", "Generator G_BA", *g_ba_, real_b, fake_a, 1, 3)
      .value("fakea", "fake â = G_BA(b)", fake_a, 2, 3)
      .network("da", "Discriminator D_A", *d_a_, fake_a, score_a, 3, 3, "PatchGAN: one score per patch")
      .value("scorea", "D_A(·)", score_a, 4, 3)
      .edge("a", "gab", real_a)
      .edge("gab", "fakeb", fake_b)
      .edge("fakeb", "db", fake_b, "fake")
      .edge("b", "db", real_b, "real")
      .edge("db", "scoreb", score_b)
      .edge("b", "gba", real_b)
      .edge("gba", "fakea", fake_a)
      .edge("fakea", "da", fake_a, "fake")
      .edge("a", "da", real_a, "real")
      .edge("da", "scorea", score_a)
      .edge("fakeb", "gba", fake_b, "cycle")
      .edge("gba", "reca", rec_a, "cycle")
      .edge("fakea", "gab", fake_a, "cycle")
      .edge("gab", "recb", rec_b, "cycle")
      .loss("scoreb", "gab", "G_A", "(D_B(G_AB(a)) − 1)²")
      .loss("scoreb", "db", "D_B", "½(D_B(b) − 1)² + ½ D_B(b̂)²")
      .loss("scorea", "gba", "G_B", "(D_A(G_BA(b)) − 1)²")
      .loss("scorea", "da", "D_A", "½(D_A(a) − 1)² + ½ D_A(â)²")
      .loss("reca", "a", "cycle_A", lc + "·‖G_BA(G_AB(a)) − a‖₁")
      .loss("recb", "b", "cycle_B", lc + "·‖G_AB(G_BA(b)) − b‖₁");
  if (lambda_identity_ > 0) {
    const std::string li = format_number(lambda_cycle_ * lambda_identity_);
    b.loss("gab", "b", "idt_A", li + "·‖G_AB(b) − b‖₁").loss("gba", "a", "idt_B", li + "·‖G_BA(a) − a‖₁");
  }
  return b.take();
}

}  // namespace gs
