#include "core/models/cyclegan/cyclegan_model.h"

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/cyclegan/cyclegan_losses.h"
#include "core/models/cyclegan/cyclegan_nets.h"

namespace gs {
namespace {

std::vector<torch::Tensor> parameters_of(std::initializer_list<torch::nn::Sequential> nets) {
  std::vector<torch::Tensor> out;
  for (const auto& n : nets) {
    for (const auto& p : n->parameters()) out.push_back(p);
  }
  return out;
}

}  // namespace

std::vector<ParamSpec> CycleGanModel::param_specs() {
  return {
      ParamSpec::integer("ngf", "Generator channels", 16, 4, 128, "Channels after the generators' first convolution."),
      ParamSpec::integer("ndf", "Discriminator channels", 16, 4, 128, "Channels of the discriminators' first convolution."),
      ParamSpec::integer("blocks", "Residual blocks", 3, 1, 12, "Residual blocks in each generator (9 in the paper at 256²)."),
      ParamSpec::real("lambda_cycle", "Cycle weight λ", 10, 0, 100, "Weight of the cycle-consistency losses A→B→A and B→A→B."),
      ParamSpec::real("lambda_identity", "Identity weight", 0.5, 0, 10,
                      "Identity loss weight as a fraction of λ: G_AB(b) should stay b, G_BA(a) stay a."),
      ParamSpec::integer("pool_size", "History pool", 50, 0, 1000, "Generated images kept to show the discriminators (0: none)."),
      ParamSpec::real("lr", "Learning rate", 2e-4, 1e-6, 1, "Adam learning rate of all networks.", true).with_role(ParamSpec::Role::LearningRate),
      ParamSpec::real("beta1", "Adam β1", 0.5, 0, 0.999, "First-moment decay of Adam."),
      ParamSpec::integer("decay_start", "Decay starts at step", 3000, 0, 10000000,
                         "Step after which the learning rate falls linearly."),
      ParamSpec::integer("decay_steps", "Decay length", 3000, 0, 10000000, "Steps over which it falls to zero (0: no decay)."),
      ParamSpec::integer("batch_size", "Batch size", 8, 1, 256, "Image pairs (one of A, one of B) per step."),
  };
}

CycleGanModel::CycleGanModel(const ParamValues& p, ImageShape shape)
    : shape_(shape), pool_a_(param_int(p, "pool_size")), pool_b_(param_int(p, "pool_size")) {
  if (shape.points || shape.domains != 2) {
    throw Error("CycleGAN needs two image domains (e.g. edges2fashion or two folders), not " + shape.text() + ".");
  }
  lambda_cycle_ = param_real(p, "lambda_cycle");
  lambda_identity_ = param_real(p, "lambda_identity");
  base_lr_ = param_real(p, "lr");
  decay_start_ = param_int(p, "decay_start");
  decay_steps_ = param_int(p, "decay_steps");
  const int64_t c = shape.channels, ngf = param_int(p, "ngf"), ndf = param_int(p, "ndf"), blocks = param_int(p, "blocks");
  g_ab_ = make_resnet_generator(c, c, ngf, blocks);
  g_ba_ = make_resnet_generator(c, c, ngf, blocks);
  d_a_ = make_patch_discriminator(c, ndf);
  d_b_ = make_patch_discriminator(c, ndf);
  AdamOptions o;
  o.lr = base_lr_;
  o.beta1 = param_real(p, "beta1");
  opt_g_ = std::make_unique<FlatAdam>(parameters_of({g_ab_, g_ba_}), o);
  opt_d_ = std::make_unique<FlatAdam>(parameters_of({d_a_, d_b_}), o);
}

unsigned CycleGanModel::capabilities() const { return kCanTranslate | kTranslatesBack; }

std::vector<std::string> CycleGanModel::loss_names() const {
  return {"G_A", "G_B", "D_A", "D_B", "cycle_A", "cycle_B", "idt_A", "idt_B"};
}

void CycleGanModel::apply_schedule() {
  if (decay_steps_ <= 0 || steps_ <= decay_start_) return;
  const double f = std::max(0.0, 1.0 - static_cast<double>(steps_ - decay_start_) / decay_steps_);
  opt_g_->set_lr(base_lr_ * f);
  opt_d_->set_lr(base_lr_ * f);
}

torch::Tensor CycleGanModel::train_step(const torch::Tensor& batch) {
  const int64_t c = shape_.channels;
  torch::Tensor real_a = batch.narrow(1, 0, c) * 2 - 1;
  torch::Tensor real_b = batch.narrow(1, c, c) * 2 - 1;
  apply_schedule();

  // Generators (discriminators frozen).
  for (auto& p : parameters_of({d_a_, d_b_})) p.requires_grad_(false);
  torch::Tensor fake_b = g_ab_->forward(real_a), fake_a = g_ba_->forward(real_b);
  torch::Tensor rec_a = g_ba_->forward(fake_b), rec_b = g_ab_->forward(fake_a);
  torch::Tensor g_a = least_squares_loss(d_b_->forward(fake_b), 1.0);
  torch::Tensor g_b = least_squares_loss(d_a_->forward(fake_a), 1.0);
  torch::Tensor cyc_a = cycle_loss(rec_a, real_a, lambda_cycle_);
  torch::Tensor cyc_b = cycle_loss(rec_b, real_b, lambda_cycle_);
  torch::Tensor idt_a = torch::zeros({}), idt_b = torch::zeros({});
  if (lambda_identity_ > 0) {
    idt_a = identity_loss(g_ab_->forward(real_b), real_b, lambda_cycle_, lambda_identity_);
    idt_b = identity_loss(g_ba_->forward(real_a), real_a, lambda_cycle_, lambda_identity_);
  }
  opt_g_->zero_grad();
  (g_a + g_b + cyc_a + cyc_b + idt_a + idt_b).backward();
  opt_g_->step();
  for (auto& p : parameters_of({d_a_, d_b_})) p.requires_grad_(true);

  // Discriminators, on a history of fakes.
  torch::Tensor old_a = pool_a_.query(fake_a.detach()), old_b = pool_b_.query(fake_b.detach());
  torch::Tensor d_a = 0.5 * (least_squares_loss(d_a_->forward(real_a), 1.0) + least_squares_loss(d_a_->forward(old_a), 0.0));
  torch::Tensor d_b = 0.5 * (least_squares_loss(d_b_->forward(real_b), 1.0) + least_squares_loss(d_b_->forward(old_b), 0.0));
  opt_d_->zero_grad();
  (d_a + d_b).backward();
  opt_d_->step();
  ++steps_;
  return torch::stack({g_a, g_b, d_a, d_b, cyc_a, cyc_b, idt_a, idt_b}).detach();
}

torch::Tensor CycleGanModel::translate(const torch::Tensor& images, bool a_to_b) {
  if (images.dim() != 4 || images.size(1) != shape_.channels) {
    throw Error("CycleGAN translates " + std::to_string(shape_.channels) + "-channel images.");
  }
  const int64_t h = images.size(2), w = images.size(3);
  // Sides padded to a multiple of 4, and to at least 16 so the reflection pads
  // inside the residual blocks still fit after the two downsamplings.
  const int64_t ph = std::max<int64_t>(16, (h + 3) / 4 * 4) - h;
  const int64_t pw = std::max<int64_t>(16, (w + 3) / 4 * 4) - w;
  torch::Tensor x = images * 2 - 1;
  // Reflection padding needs the pad to be smaller than the side; replicate covers tiny images.
  if (ph || pw) {
    namespace F = torch::nn::functional;
    F::PadFuncOptions options({0, pw, 0, ph});
    if (ph < h && pw < w) options.mode(torch::kReflect);
    else options.mode(torch::kReplicate);
    x = F::pad(x, options);
  }
  torch::Tensor y = (a_to_b ? g_ab_ : g_ba_)->forward(x);
  return ((y.narrow(2, 0, h).narrow(3, 0, w) + 1) * 0.5).clamp(0, 1);
}

void CycleGanModel::set_learning_rate(double lr) {
  base_lr_ = lr;
  opt_g_->set_lr(lr);
  opt_d_->set_lr(lr);
  apply_schedule();
}

void CycleGanModel::set_training(bool training) {
  for (auto* n : {&g_ab_, &g_ba_, &d_a_, &d_b_}) (*n)->train(training);
}

void CycleGanModel::save_state(torch::serialize::OutputArchive& archive) const {
  opt_g_->save(archive, "adam_g");
  opt_d_->save(archive, "adam_d");
  archive.write("cyclegan.steps", torch::tensor({steps_}, torch::kLong));
}

void CycleGanModel::load_state(torch::serialize::InputArchive& archive) {
  torch::Tensor steps;
  if (!archive.try_read("cyclegan.steps", steps) || steps.numel() != 1) {
    throw Error("The checkpoint has no CycleGAN step count.");
  }
  opt_g_->load(archive, "adam_g");
  opt_d_->load(archive, "adam_d");
  steps_ = steps.item<int64_t>();
  apply_schedule();
}

}  // namespace gs
