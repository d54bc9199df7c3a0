// gan_losses.h — the adversarial objectives, on discriminator/critic outputs
// (logits for minimax and non-saturating; raw scores for the others).
//
//   minimax        D: −log D(x) − log(1 − D(G(z)))          G:  log(1 − D(G(z)))
//   nonsaturating  D: as minimax                              G: −log D(G(z))
//   lsgan          D: ½(D(x) − 1)² + ½D(G(z))²               G: ½(D(G(z)) − 1)²
//   hinge          D: max(0, 1 − D(x)) + max(0, 1 + D(G(z)))  G: −D(G(z))
//   wgan-gp        D: D(G(z)) − D(x) + λ·GP                   G: −D(G(z))
// each averaged over the batch. One-sided label smoothing s replaces the real
// target 1 by 1 − s in the cross-entropy losses.
//
// Ownership: free functions. Thread affinity: none. Failure modes: gs::Error for
// an unknown loss name.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace gs {

enum class GanLoss { Minimax, NonSaturating, LeastSquares, Hinge, WassersteinGp };

GanLoss parse_gan_loss(const std::string& name);
const std::vector<std::string>& gan_loss_names();  // "minimax", "nonsaturating", "lsgan", "hinge", "wgan-gp"
bool gan_loss_uses_probabilities(GanLoss loss);  // D outputs are logits of a probability

struct DiscriminatorLoss {
  torch::Tensor total, real_part, fake_part;
};

DiscriminatorLoss discriminator_loss(GanLoss loss, const torch::Tensor& d_real,
                                     const torch::Tensor& d_fake, double label_smoothing = 0);
torch::Tensor generator_loss(GanLoss loss, const torch::Tensor& d_fake);

// E[(‖∇ critic(x̂)‖₂ − 1)²] at x̂ = ε·real + (1 − ε)·fake, ε ∈ [0, 1] per sample
// (shape [N]). Differentiable (create_graph) so it can be minimised.
torch::Tensor gradient_penalty(const std::function<torch::Tensor(const torch::Tensor&)>& critic,
                               const torch::Tensor& real, const torch::Tensor& fake,
                               const torch::Tensor& epsilon);

}  // namespace gs
