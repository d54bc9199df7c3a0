#include "core/models/gan/gan_model.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/gan/gan_fused_path.h"

namespace gs {

std::vector<ParamSpec> GanModel::param_specs(bool dcgan) {
  std::vector<ParamSpec> s = {
      ParamSpec::integer("latent_dim", "Latent size", dcgan ? 100 : 100, 1, 512,
                         "Dimensions of the noise z fed to the generator."),
  };
  if (dcgan) {
    s.push_back(ParamSpec::integer("ngf", "Generator channels", 64, 8, 512,
                                   "Channels of the generator's last hidden layer (the first has twice as many)."));
    s.push_back(ParamSpec::integer("ndf", "Discriminator channels", 64, 8, 512,
                                   "Channels of the discriminator's first convolution (the second has twice as many)."));
    s.push_back(ParamSpec::choice("d_norm", "D normalisation", "batchnorm", {"batchnorm", "none"},
                                  "batchnorm: the textbook DCGAN discriminator (real and fake batches normalised "
                                  "separately); none: no normalisation in D (wgan-gp always uses none, its "
                                  "penalty is per sample)."));
  } else {
    s.push_back(ParamSpec::integer("layers", "Hidden layers (points)", 3, 1, 8,
                                   "Point data only: hidden layers in G and D (images use the textbook "
                                   "256-512-1024 / 1024-512-256 networks)."));
    s.push_back(ParamSpec::integer("width", "Layer width (points)", 128, 8, 1024,
                                   "Point data only: units per hidden layer in G and D."));
  }
  s.push_back(ParamSpec::choice("loss", "Loss", "nonsaturating", gan_loss_names(),
                                "minimax (original), nonsaturating (−log D(G(z)) for G), lsgan (least "
                                "squares), hinge, wgan-gp (Wasserstein with gradient penalty).").changeable_live());
  s.push_back(ParamSpec::integer("n_critic", "D steps per G step", 1, 1, 20,
                                 "Discriminator updates for every generator update (5 is usual for wgan-gp).").changeable_live());
  s.push_back(ParamSpec::real("gp_weight", "Gradient penalty λ", 10, 0, 1000,
                              "Weight of the WGAN-GP gradient penalty (wgan-gp only).").changeable_live());
  s.push_back(ParamSpec::real("r1_gamma", "R1 penalty γ", 0, 0, 100,
                              "Zero-centred gradient penalty on real data, γ/2·E‖∇D(x)‖² (R1, Mescheder et "
                              "al. 2018): keeps D smooth where the data are, which helps training settle; "
                              "it also blunts D at very narrow modes. Any loss; 0 turns it off.").changeable_live());
  s.push_back(ParamSpec::real("g_ema", "Generator EMA", 0, 0, 0.9999,
                              "Samples come from an exponential moving average of the generator's weights "
                              "with this decay (Yazıcı et al. 2019), which smooths out the oscillation of "
                              "adversarial training; 0 samples the generator itself.").changeable_live());
  s.push_back(ParamSpec::real("label_smoothing", "Label smoothing", 0, 0, 0.5,
                              "One-sided: real targets become 1 − s in the discriminator's loss.").changeable_live());
  s.push_back(ParamSpec::real("lr_g", "G learning rate", 2e-4, 1e-6, 1, "Adam learning rate of the generator.", true).changeable_live());
  s.push_back(ParamSpec::real("lr_d", "D learning rate", 2e-4, 1e-6, 1, "Adam learning rate of the discriminator.", true).changeable_live());
  s.push_back(ParamSpec::real("beta1_g", "G Adam β1", 0.5, 0, 0.999, "Generator's first-moment decay."));
  s.push_back(ParamSpec::real("beta2_g", "G Adam β2", 0.999, 0, 0.9999, "Generator's second-moment decay."));
  s.push_back(ParamSpec::real("beta1_d", "D Adam β1", 0.5, 0, 0.999, "Discriminator's first-moment decay."));
  s.push_back(ParamSpec::real("beta2_d", "D Adam β2", 0.999, 0, 0.9999, "Discriminator's second-moment decay."));
  s.push_back(ParamSpec::integer("pack", "PacGAN packing", 1, 1, 8,
                                 "The discriminator judges this many samples at once (PacGAN); 2–4 "
                                 "reduce mode collapse. The batch size must be a multiple."));
  s.push_back(ParamSpec::integer("batch_size", "Batch size", 64, 1, 4096, "Real samples per discriminator step."));
  if (!dcgan) {
    s.push_back(ParamSpec::choice("step", "Training step", "fused", {"fused", "autograd"},
                                  "fused: forward and backward written by hand over reused buffers (the same "
                                  "algorithm, several times fewer operations); autograd: LibTorch's autograd, "
                                  "the reference. The gradient penalties always use autograd.").changeable_live());
  }
  return s;
}

GanModel::GanModel(const std::string& arch, const ParamValues& p, ImageShape shape) {
  config_.arch = arch;
  config_.shape = shape;
  config_.latent_dim = param_int(p, "latent_dim");
  if (arch == "dcgan") {
    config_.ngf = param_int(p, "ngf");
    config_.ndf = param_int(p, "ndf");
  } else {
    config_.layers = param_int(p, "layers");
    config_.width = param_int(p, "width");
  }
  loss_ = parse_gan_loss(param_text(p, "loss"));
  d_norm_requested_ = arch != "dcgan" || param_text(p, "d_norm") == "batchnorm";
  config_.batch_norm_in_d = loss_ != GanLoss::WassersteinGp && d_norm_requested_;
  config_.pack = param_int(p, "pack");
  if (param_int(p, "batch_size") % config_.pack != 0) {
    throw Error("The batch size (" + param_text(p, "batch_size") + ") must be a multiple of the packing (" +
                param_text(p, "pack") + ").");
  }
  reuse_fake_ = arch == "dcgan";
  n_critic_ = param_int(p, "n_critic");
  gp_weight_ = param_real(p, "gp_weight");
  r1_gamma_ = param_real(p, "r1_gamma");
  label_smoothing_ = param_real(p, "label_smoothing");
  nets_ = make_gan_nets(config_);
  AdamOptions g, d;
  g.lr = param_real(p, "lr_g");
  g.beta1 = param_real(p, "beta1_g");
  g.beta2 = param_real(p, "beta2_g");
  d.lr = param_real(p, "lr_d");
  d.beta1 = param_real(p, "beta1_d");
  d.beta2 = param_real(p, "beta2_d");
  opt_g_ = std::make_unique<FlatAdam>(nets_.generator->parameters(), g);
  opt_d_ = std::make_unique<FlatAdam>(nets_.discriminator->parameters(), d);
  g_ema_ = param_real(p, "g_ema");
  {
    // The averaged generator: a second copy whose parameters are views of one flat
    // buffer. Built with the random stream restored, so the runs of a seed do not
    // depend on its existence.
    auto cpu = at::detail::getDefaultCPUGenerator();
    const torch::Tensor rng = cpu.get_state();
    ema_generator_ = make_gan_nets(config_).generator;
    cpu.set_state(rng);
    std::vector<torch::Tensor> params = ema_generator_->parameters();
    int64_t total = 0;
    for (const auto& t : params) total += t.numel();
    ema_flat_ = torch::empty({total});
    torch::NoGradGuard no_grad;
    int64_t offset = 0;
    for (auto& t : params) {
      t.set_data(ema_flat_.narrow(0, offset, t.numel()).view(t.sizes()));
      t.set_requires_grad(false);
      offset += t.numel();
    }
    reset_ema();
  }
  init_fused_step(p);
  const torch::Tensor zero = torch::zeros({});
  d_loss_ = d_real_ = d_fake_ = g_loss_ = d_x_ = d_gz_ = gp_ = zero;
}

unsigned GanModel::capabilities() const { return kCanSample | kCanDecode | kCanScore | kAdversarial; }

std::vector<std::string> GanModel::loss_names() const {
  return {"d_loss", "g_loss", "d_loss_real", "d_loss_fake", "d_x", "d_g_z", "gp"};
}

torch::Tensor GanModel::to_model_space(const torch::Tensor& batch) const {
  return config_.shape.points ? batch : batch * 2 - 1;
}

torch::Tensor GanModel::pack(const torch::Tensor& x) const {
  if (config_.pack == 1) return x;
  const int64_t b = x.size(0) / config_.pack * config_.pack;
  torch::Tensor kept = x.narrow(0, 0, b);
  std::vector<int64_t> shape = kept.sizes().vec();
  shape[0] = b / config_.pack;
  shape[1] *= config_.pack;
  return kept.reshape(shape);
}

torch::Tensor GanModel::pack_copies(const torch::Tensor& x) const {
  if (config_.pack == 1) return x;
  std::vector<int64_t> reps(x.dim(), 1);
  reps[1] = config_.pack;
  return x.repeat(reps);
}

torch::Tensor GanModel::judge(const torch::Tensor& x) {
  return nets_.discriminator->forward(pack(x)).reshape({-1});
}

void GanModel::set_discriminator_trainable(bool trainable) {
  for (auto& p : nets_.discriminator->parameters()) p.requires_grad_(trainable);
}

void GanModel::discriminator_step(const torch::Tensor& real, bool keep_fake) {
  const int64_t b = real.size(0);
  torch::Tensor fake;
  if (keep_fake) {
    kept_fake_ = nets_.generator->forward(torch::randn({b, config_.latent_dim}));
    fake = kept_fake_.detach();
  } else {
    {
      c10::InferenceMode no_autograd;
      fake = nets_.generator->forward(torch::randn({b, config_.latent_dim}));
    }
    fake = fake.clone();  // leave inference mode: the critic's graph may need it (gradient penalty)
  }
  const bool r1 = r1_gamma_ > 0;
  const torch::Tensor real_in = r1 ? real.detach().requires_grad_(true) : real;
  torch::Tensor d_real, d_fake;
  if (config_.batch_norm_in_d && config_.arch == "dcgan") {
    // Batch norm: real and fake batches are normalised separately, as in DCGAN.
    d_real = judge(real_in);
    d_fake = judge(fake);
  } else {
    // One pass over both halves: half the operations for small networks.
    torch::Tensor both = judge(torch::cat({real_in, fake}));
    d_real = both.narrow(0, 0, both.size(0) / 2);
    d_fake = both.narrow(0, both.size(0) / 2, both.size(0) / 2);
  }
  DiscriminatorLoss dl = discriminator_loss(loss_, d_real, d_fake, label_smoothing_);
  torch::Tensor total = dl.total;
  if (loss_ == GanLoss::WassersteinGp && gp_weight_ > 0) {
    torch::Tensor gp = gradient_penalty([this](const torch::Tensor& x) { return nets_.discriminator->forward(x); },
                                        pack(real), pack(fake), torch::rand({pack(real).size(0)}));
    total = total + gp_weight_ * gp;
    gp_ = gp.detach();
  }
  if (r1) {
    // R1: ‖∇ₓD‖² per judged (packed) input at the real data, differentiable for D's update.
    torch::Tensor grad = torch::autograd::grad({d_real.sum()}, {real_in}, {}, /*retain_graph=*/true,
                                               /*create_graph=*/true)[0];
    torch::Tensor penalty = pack(grad).reshape({d_real.size(0), -1}).pow(2).sum(1).mean();
    total = total + 0.5 * r1_gamma_ * penalty;
    gp_ = penalty.detach();
  }
  opt_d_->zero_grad();
  total.backward();
  opt_d_->step();
  ++d_updates_;
  const bool probs = gan_loss_uses_probabilities(loss_);
  d_loss_ = total.detach();
  d_real_ = dl.real_part.detach();
  d_fake_ = dl.fake_part.detach();
  d_x_ = (probs ? torch::sigmoid(d_real.detach()) : d_real.detach()).mean();
  d_gz_ = (probs ? torch::sigmoid(d_fake.detach()) : d_fake.detach()).mean();
}

void GanModel::generator_step(int64_t batch_size) {
  set_discriminator_trainable(false);
  torch::Tensor fake = kept_fake_.defined() && kept_fake_.size(0) == batch_size
                           ? kept_fake_
                           : nets_.generator->forward(torch::randn({batch_size, config_.latent_dim}));
  kept_fake_ = torch::Tensor();
  torch::Tensor g = generator_loss(loss_, judge(fake));
  opt_g_->zero_grad();
  g.backward();
  opt_g_->step();
  ++g_updates_;
  set_discriminator_trainable(true);
  g_loss_ = g.detach();
  if (g_ema_ > 0) update_ema();
}

void GanModel::reset_ema() {
  torch::NoGradGuard no_grad;
  ema_flat_.copy_(opt_g_->flat_parameters());
  copy_generator_buffers();
  ema_updates_ = 0;
}

void GanModel::update_ema() {
  ++ema_updates_;
  // Short memory at first (as in DDPM's EMA here), so early samples are not the initial weights.
  const double ramp = (1.0 + static_cast<double>(ema_updates_)) / (10.0 + static_cast<double>(ema_updates_));
  torch::NoGradGuard no_grad;
  ema_flat_.lerp_(opt_g_->flat_parameters(), 1.0 - std::min(g_ema_, ramp));
  copy_generator_buffers();
}

void GanModel::copy_generator_buffers() {
  // Batch-norm statistics (DCGAN) follow the trained generator.
  std::vector<torch::Tensor> from = nets_.generator->buffers(), to = ema_generator_->buffers();
  for (size_t i = 0; i < from.size() && i < to.size(); ++i) to[i].copy_(from[i]);
}

torch::nn::Sequential& GanModel::sampling_generator() {
  return g_ema_ > 0 ? ema_generator_ : nets_.generator;
}

torch::Tensor GanModel::losses() const {
  return torch::stack({d_loss_, g_loss_, d_real_, d_fake_, d_x_, d_gz_, gp_});
}

torch::Tensor GanModel::train_step(const torch::Tensor& batch) {
  return train_step_part(batch, TrainPart::Both);
}

torch::Tensor GanModel::train_step_part(const torch::Tensor& batch, TrainPart part) {
  if (uses_fused_step(batch)) return fused_train_step_part(batch, part);
  adopt_fused_stats();
  const torch::Tensor real = to_model_space(batch);
  switch (part) {
    case TrainPart::Both: {
      const bool g_follows = (steps_ + 1) % n_critic_ == 0;
      discriminator_step(real, reuse_fake_ && g_follows);
      if (++steps_ % n_critic_ == 0) generator_step(real.size(0));
      break;
    }
    case TrainPart::DiscriminatorOnly: discriminator_step(real, false); break;
    case TrainPart::GeneratorOnly: generator_step(real.size(0)); break;
  }
  return losses();
}

torch::Tensor GanModel::decode(const torch::Tensor& z) {
  torch::Tensor out = sampling_generator()->forward(z);
  return config_.shape.points ? out : (out + 1) * 0.5;
}

torch::Tensor GanModel::features(const torch::Tensor& z) {
  // The first hidden layer's activations (after its non-linearity), as GANSpace uses.
  auto& seq = *sampling_generator();
  torch::Tensor h = seq[0]->as<torch::nn::Linear>()->forward(z);
  if (auto* bn = seq[1]->as<torch::nn::BatchNorm1d>()) return torch::relu(bn->forward(h));
  return torch::leaky_relu(h, 0.2);
}

torch::Tensor GanModel::score(const torch::Tensor& x) {
  torch::Tensor d = nets_.discriminator->forward(pack_copies(to_model_space(x))).reshape({-1});
  return gan_loss_uses_probabilities(loss_) ? torch::sigmoid(d) : d;
}

torch::Tensor GanModel::generator_push(const torch::Tensor& x_in) {
  torch::Tensor x = to_model_space(x_in).detach().requires_grad_(true);
  torch::Tensor g = generator_loss(loss_, nets_.discriminator->forward(pack_copies(x)).reshape({-1})) *
                    static_cast<double>(x.size(0));
  return -torch::autograd::grad({g}, {x})[0];
}

bool GanModel::set_live_param(const std::string& key, const std::string& value) {
  const double v = std::strtod(value.c_str(), nullptr);
  if (key == "lr_g") opt_g_->set_lr(v);
  else if (key == "lr_d") opt_d_->set_lr(v);
  else if (key == "loss") {
    const GanLoss next = parse_gan_loss(value);
    // Batch norm in D is chosen at construction (by d_norm and the loss).
    const bool bn = next != GanLoss::WassersteinGp && d_norm_requested_;
    if (bn != config_.batch_norm_in_d && config_.arch == "dcgan") return false;
    loss_ = next;
  } else if (key == "n_critic") n_critic_ = std::max<int64_t>(1, static_cast<int64_t>(v));
  else if (key == "gp_weight") gp_weight_ = v;
  else if (key == "label_smoothing") label_smoothing_ = v;
  else if (key == "r1_gamma") r1_gamma_ = v;
  else if (key == "g_ema") {
    if (g_ema_ <= 0 && v > 0) reset_ema();  // the average starts from the generator as it is now
    g_ema_ = v;
  }
  else if (key == "step" && fused_) fused_enabled_ = value == "fused";
  else if (key == "batch_size") return true;  // the trainer reads it per run
  else return false;
  return true;
}

void GanModel::set_learning_rate(double lr) {
  opt_g_->set_lr(lr);
  opt_d_->set_lr(lr);
}

void GanModel::set_training(bool training) {
  nets_.generator->train(training);
  ema_generator_->train(training);
  nets_.discriminator->train(training);
}

void GanModel::save_state(torch::serialize::OutputArchive& archive) const {
  opt_g_->save(archive, "adam_g");
  opt_d_->save(archive, "adam_d");
  for (const auto& b : nets_.generator->named_buffers()) archive.write("buffers.G." + b.key(), b.value(), true);
  for (const auto& b : nets_.discriminator->named_buffers()) archive.write("buffers.D." + b.key(), b.value(), true);
  archive.write("gan.steps", torch::tensor({steps_}, torch::kLong));
  archive.write("gan.g_ema", ema_flat_, true);
  archive.write("gan.g_ema_updates", torch::tensor({ema_updates_}, torch::kLong), true);
}

void GanModel::load_state(torch::serialize::InputArchive& archive) {
  std::vector<std::pair<torch::Tensor, torch::Tensor>> buffers;  // destination, loaded
  auto collect = [&](const torch::nn::Sequential& net, const std::string& prefix) {
    for (const auto& b : net->named_buffers()) {
      torch::Tensor t;
      if (!archive.try_read(prefix + b.key(), t, true) || t.sizes() != b.value().sizes()) {
        throw Error("The checkpoint's network state '" + prefix + b.key() + "' is missing or has the wrong shape.");
      }
      buffers.emplace_back(b.value(), t);
    }
  };
  collect(nets_.generator, "buffers.G.");
  collect(nets_.discriminator, "buffers.D.");
  torch::Tensor steps;
  if (!archive.try_read("gan.steps", steps) || steps.numel() != 1) throw Error("The checkpoint has no GAN step count.");
  // Checkpoints from before the generator EMA have none: the average starts from the generator.
  torch::Tensor ema, ema_updates;
  const bool has_ema = archive.try_read("gan.g_ema", ema, true) && archive.try_read("gan.g_ema_updates", ema_updates, true);
  if (has_ema && (ema.sizes() != ema_flat_.sizes() || ema_updates.numel() != 1)) {
    throw Error("The checkpoint's averaged generator has " + std::to_string(ema.numel()) + " weights but this model has " +
                std::to_string(ema_flat_.numel()) + ".");
  }
  opt_g_->load(archive, "adam_g");
  opt_d_->load(archive, "adam_d");
  torch::NoGradGuard no_grad;
  for (auto& [dst, src] : buffers) dst.copy_(src);
  steps_ = steps.item<int64_t>();
  if (has_ema) {
    ema_flat_.copy_(ema);
    copy_generator_buffers();
    ema_updates_ = ema_updates.item<int64_t>();
  } else {
    reset_ema();
  }
}

}  // namespace gs
