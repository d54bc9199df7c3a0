#include "core/models/stylegan/stylegan_model.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/common/error.h"
#include "core/model/capabilities.h"

namespace gs {

std::vector<ParamSpec> StyleGanModel::param_specs() {
  return {
      ParamSpec::integer("latent_dim", "z size", 64, 2, 512, "Dimensions of the input noise z."),
      ParamSpec::integer("w_dim", "w size", 64, 8, 512, "Dimensions of the intermediate latent w (the styles)."),
      ParamSpec::integer("mapping_layers", "Mapping layers", 4, 1, 8, "Dense layers of the mapping network z → w (trained at 1/100 of the learning rate)."),
      ParamSpec::integer("channels", "Channels", 32, 8, 256, "Feature maps in every synthesis layer."),
      ParamSpec::real("mixing_prob", "Style mixing", 0.9, 0, 1,
                      "Share of training batches whose styles switch from one w to another at a random layer."),
      ParamSpec::real("r1_gamma", "R1 γ", 1.0, 0, 100, "Weight of the R1 gradient penalty on real images (applied every 4 steps)."),
      ParamSpec::real("truncation", "Truncation ψ", 1.0, 0, 1.5,
                      "Sampling: w ← w̄ + ψ(w − w̄); below 1 trades variety for typical images."),
      ParamSpec::real("lr", "Learning rate", 2e-4, 1e-6, 1, "Adam learning rate (β = 0, 0.99); the mapping network uses 1/100 of it.", true)
          .with_role(ParamSpec::Role::LearningRate),
      ParamSpec::integer("batch_size", "Batch size", 16, 1, 1024, "Images per step."),
  };
}

StyleGanModel::StyleGanModel(const ParamValues& p, ImageShape shape) : shape_(shape) {
  if (shape.points || shape.domains != 1) throw Error("The style-based generator needs single-domain images.");
  z_dim_ = param_int(p, "latent_dim");
  const int64_t w_dim = param_int(p, "w_dim"), channels = param_int(p, "channels");
  mixing_prob_ = param_real(p, "mixing_prob");
  r1_gamma_ = param_real(p, "r1_gamma");
  psi_ = param_real(p, "truncation");
  resolution_ = 8;
  while (resolution_ < std::max(shape.height, shape.width)) resolution_ *= 2;
  mapping_ = MappingNetwork(z_dim_, w_dim, param_int(p, "mapping_layers"));
  synthesis_ = SynthesisNetwork(w_dim, channels, shape.channels, resolution_);
  discriminator_ = make_style_discriminator(shape.channels, std::max<int64_t>(16, channels / 2), resolution_);
  AdamOptions o;
  o.lr = param_real(p, "lr");
  o.beta1 = 0.0;
  o.beta2 = 0.99;
  opt_g_ = std::make_unique<FlatAdam>(synthesis_->parameters(), o);
  opt_d_ = std::make_unique<FlatAdam>(discriminator_->parameters(), o);
  o.lr *= kMappingLrMul;
  opt_m_ = std::make_unique<FlatAdam>(mapping_->parameters(), o);
  {
    torch::NoGradGuard ng;
    w_avg_ = mapping_->forward(torch::randn({256, z_dim_})).mean(0);
  }
  d_loss_ = g_loss_ = r1_ = d_x_ = d_gz_ = torch::zeros({});
}

unsigned StyleGanModel::capabilities() const { return kCanSample | kCanDecode | kHasStyles; }

torch::Tensor StyleGanModel::to_model_space(const torch::Tensor& batch) const {
  const int64_t ph = resolution_ - shape_.height, pw = resolution_ - shape_.width;
  namespace F = torch::nn::functional;
  torch::Tensor x = batch;
  if (ph || pw) x = F::pad(x, F::PadFuncOptions({pw / 2, pw - pw / 2, ph / 2, ph - ph / 2}));
  return x * 2 - 1;
}

torch::Tensor StyleGanModel::crop(const torch::Tensor& images) const {
  const int64_t top = (resolution_ - shape_.height) / 2, left = (resolution_ - shape_.width) / 2;
  return images.narrow(2, top, shape_.height).narrow(3, left, shape_.width);
}

torch::Tensor StyleGanModel::map_latent(const torch::Tensor& z) { return mapping_->forward(z); }

torch::Tensor StyleGanModel::mixed_styles(int64_t n) {
  const int64_t layers = synthesis_->num_ws();
  torch::Tensor w1 = mapping_->forward(torch::randn({n, z_dim_}));
  torch::Tensor ws = w1.unsqueeze(1).repeat({1, layers, 1});
  if (mixing_prob_ > 0 && torch::rand({1}).item<double>() < mixing_prob_) {
    const int64_t cut = torch::randint(1, layers, {1}).item<int64_t>();
    torch::Tensor w2 = mapping_->forward(torch::randn({n, z_dim_}));
    ws = torch::cat({ws.narrow(1, 0, cut), w2.unsqueeze(1).repeat({1, layers - cut, 1})}, 1);
  }
  return ws;
}

torch::Tensor StyleGanModel::train_step(const torch::Tensor& batch) {
  const torch::Tensor real = to_model_space(batch);
  const int64_t n = real.size(0);
  // Discriminator (with a lazy R1 penalty on real images every 4 steps).
  torch::Tensor fake;
  {
    torch::NoGradGuard ng;
    fake = synthesis_->forward(mixed_styles(n), true);
  }
  const bool r1_step = r1_gamma_ > 0 && steps_ % 4 == 0;
  torch::Tensor real_in = r1_step ? real.detach().requires_grad_(true) : real;
  torch::Tensor d_real = discriminator_->forward(real_in).reshape({-1});
  torch::Tensor d_fake = discriminator_->forward(fake).reshape({-1});
  torch::Tensor d_loss = torch::softplus(d_fake).mean() + torch::softplus(-d_real).mean();
  torch::Tensor total = d_loss;
  if (r1_step) {
    torch::Tensor grad = torch::autograd::grad({d_real.sum()}, {real_in}, {}, true, true)[0];
    r1_ = grad.pow(2).sum({1, 2, 3}).mean().detach();
    total = total + grad.pow(2).sum({1, 2, 3}).mean() * (r1_gamma_ / 2) * 4;
  }
  opt_d_->zero_grad();
  total.backward();
  opt_d_->step();
  d_loss_ = d_loss.detach();
  d_x_ = torch::sigmoid(d_real.detach()).mean();
  d_gz_ = torch::sigmoid(d_fake.detach()).mean();

  // Generator (mapping + synthesis).
  for (auto& p : discriminator_->parameters()) p.requires_grad_(false);
  torch::Tensor ws = mixed_styles(n);
  torch::Tensor g_loss = torch::softplus(-discriminator_->forward(synthesis_->forward(ws, true)).reshape({-1})).mean();
  opt_g_->zero_grad();
  opt_m_->zero_grad();
  g_loss.backward();
  opt_g_->step();
  opt_m_->step();
  for (auto& p : discriminator_->parameters()) p.requires_grad_(true);
  {
    torch::NoGradGuard ng;
    w_avg_.lerp_(ws.select(1, 0).detach().mean(0), 1 - 0.995);  // running average of w
  }
  g_loss_ = g_loss.detach();
  ++steps_;
  return torch::stack({d_loss_, g_loss_, r1_, d_x_, d_gz_});
}

torch::Tensor StyleGanModel::synthesize(const torch::Tensor& ws, bool noise, uint64_t noise_seed) {
  if (ws.dim() != 3 || ws.size(1) != synthesis_->num_ws()) {
    throw Error("The synthesis network takes " + std::to_string(synthesis_->num_ws()) + " styles per image.");
  }
  auto gen = at::make_generator<at::CPUGeneratorImpl>(noise_seed);
  return crop((synthesis_->forward(ws, noise, gen) + 1) * 0.5).clamp(0, 1);
}

torch::Tensor StyleGanModel::decode(const torch::Tensor& z) {
  torch::Tensor w = mapping_->forward(z);
  w = w_avg_ + psi_ * (w - w_avg_);
  return synthesize(w.unsqueeze(1).repeat({1, synthesis_->num_ws(), 1}), true, 0);
}

bool StyleGanModel::set_live_param(const std::string& key, const std::string& value) {
  const double v = std::strtod(value.c_str(), nullptr);
  if (key == "truncation") psi_ = v;
  else if (key == "mixing_prob") mixing_prob_ = v;
  else if (key == "r1_gamma") r1_gamma_ = v;
  else if (key == "lr") set_learning_rate(v);
  else if (key == "batch_size") return true;
  else return false;
  return true;
}

void StyleGanModel::set_learning_rate(double lr) {
  opt_g_->set_lr(lr);
  opt_m_->set_lr(lr * kMappingLrMul);
  opt_d_->set_lr(lr);
}

void StyleGanModel::set_training(bool training) {
  mapping_->train(training);
  synthesis_->train(training);
  discriminator_->train(training);
}

void StyleGanModel::save_state(torch::serialize::OutputArchive& archive) const {
  opt_g_->save(archive, "adam_g");
  opt_m_->save(archive, "adam_m");
  opt_d_->save(archive, "adam_d");
  archive.write("stylegan.w_avg", w_avg_, true);
  archive.write("stylegan.steps", torch::tensor({steps_}, torch::kLong));
}

void StyleGanModel::load_state(torch::serialize::InputArchive& archive) {
  torch::Tensor w_avg, steps;
  if (!archive.try_read("stylegan.w_avg", w_avg, true) || w_avg.sizes() != w_avg_.sizes() ||
      !archive.try_read("stylegan.steps", steps) || steps.numel() != 1) {
    throw Error("The checkpoint has no matching style-generator state (w̄, step count).");
  }
  try {
    opt_g_->load(archive, "adam_g");
    opt_m_->load(archive, "adam_m");
    opt_d_->load(archive, "adam_d");
  } catch (const Error& e) {
    // Checkpoints from before the mapping network got its own learning rate and
    // the discriminator its minibatch-stddev channel end up here too.
    throw Error(std::string(e.what()) +
                " The style-based generator's networks differ from the checkpoint's: it was saved with "
                "other parameters or by an earlier GenStudio (before the minibatch-stddev "
                "discriminator); train it again.");
  }
  torch::NoGradGuard ng;
  w_avg_.copy_(w_avg);
  steps_ = steps.item<int64_t>();
}

}  // namespace gs
