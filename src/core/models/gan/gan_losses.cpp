#include "core/models/gan/gan_losses.h"

#include "core/common/error.h"

namespace gs {

const std::vector<std::string>& gan_loss_names() {
  static const std::vector<std::string> names = {"minimax", "nonsaturating", "lsgan", "hinge", "wgan-gp"};
  return names;
}

GanLoss parse_gan_loss(const std::string& name) {
  if (name == "minimax") return GanLoss::Minimax;
  if (name == "nonsaturating") return GanLoss::NonSaturating;
  if (name == "lsgan") return GanLoss::LeastSquares;
  if (name == "hinge") return GanLoss::Hinge;
  if (name == "wgan-gp") return GanLoss::WassersteinGp;
  throw Error("Unknown GAN loss '" + name + "' (use minimax, nonsaturating, lsgan, hinge or wgan-gp).");
}

bool gan_loss_uses_probabilities(GanLoss loss) {
  return loss == GanLoss::Minimax || loss == GanLoss::NonSaturating;
}

DiscriminatorLoss discriminator_loss(GanLoss loss, const torch::Tensor& d_real,
                                     const torch::Tensor& d_fake, double label_smoothing) {
  DiscriminatorLoss r;
  switch (loss) {
    case GanLoss::Minimax:
    case GanLoss::NonSaturating: {
      // −[t·log σ(x) + (1 − t)·log(1 − σ(x))] with t = 1 − s, via softplus for stability.
      const double t = 1.0 - label_smoothing;
      r.real_part = (t * torch::softplus(-d_real) + (1 - t) * torch::softplus(d_real)).mean();
      r.fake_part = torch::softplus(d_fake).mean();
      break;
    }
    case GanLoss::LeastSquares:
      r.real_part = 0.5 * (d_real - (1.0 - label_smoothing)).pow(2).mean();
      r.fake_part = 0.5 * d_fake.pow(2).mean();
      break;
    case GanLoss::Hinge:
      r.real_part = torch::relu(1.0 - d_real).mean();
      r.fake_part = torch::relu(1.0 + d_fake).mean();
      break;
    case GanLoss::WassersteinGp:
      r.real_part = -d_real.mean();
      r.fake_part = d_fake.mean();
      break;
  }
  r.total = r.real_part + r.fake_part;
  return r;
}

torch::Tensor generator_loss(GanLoss loss, const torch::Tensor& d_fake) {
  switch (loss) {
    case GanLoss::Minimax: return -torch::softplus(d_fake).mean();  // log(1 − σ(x)) = −softplus(x)
    case GanLoss::NonSaturating: return torch::softplus(-d_fake).mean();
    case GanLoss::LeastSquares: return 0.5 * (d_fake - 1.0).pow(2).mean();
    case GanLoss::Hinge:
    case GanLoss::WassersteinGp: return -d_fake.mean();
  }
  return {};
}

torch::Tensor gradient_penalty(const std::function<torch::Tensor(const torch::Tensor&)>& critic,
                               const torch::Tensor& real, const torch::Tensor& fake,
                               const torch::Tensor& epsilon) {
  std::vector<int64_t> shape(real.dim(), 1);
  shape[0] = real.size(0);
  torch::Tensor e = epsilon.reshape(shape);
  torch::Tensor x_hat = (e * real.detach() + (1 - e) * fake.detach()).requires_grad_(true);
  torch::Tensor out = critic(x_hat);
  torch::Tensor grad = torch::autograd::grad({out.sum()}, {x_hat}, {}, /*retain_graph=*/true,
                                             /*create_graph=*/true)[0];
  return (grad.reshape({grad.size(0), -1}).norm(2, 1) - 1).pow(2).mean();
}

}  // namespace gs
