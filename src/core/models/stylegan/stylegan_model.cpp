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
      ParamSpec::real("g_ema", "Generator EMA", 0, 0, 0.9999,
                      "Samples come from an exponential moving average of the mapping and synthesis weights "
                      "with this decay (StyleGAN's G_ema, e.g. 0.999); 0 samples the generator itself.")
          .changeable_live(),
      ParamSpec::choice("upsample", "Upsampling", "nearest", {"nearest", "bilinear"},
                        "How the synthesis network doubles its resolution: nearest (copies each pixel 2×2) "
                        "or bilinear (a low-pass filter)."),
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
  const bool bilinear = param_text(p, "upsample") == "bilinear";
  mapping_ = MappingNetwork(z_dim_, w_dim, param_int(p, "mapping_layers"));
  synthesis_ = SynthesisNetwork(w_dim, channels, shape.channels, resolution_, bilinear);
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
  g_ema_ = param_real(p, "g_ema");
  {
    // The averaged copies, built with the random stream restored so that a seed's
    // run does not depend on their existence.
    auto cpu = at::detail::getDefaultCPUGenerator();
    const torch::Tensor rng = cpu.get_state();
    ema_mapping_ = MappingNetwork(z_dim_, w_dim, param_int(p, "mapping_layers"));
    ema_synthesis_ = SynthesisNetwork(w_dim, channels, shape.channels, resolution_, bilinear);
    cpu.set_state(rng);
    for (auto& t : ema_parameters()) t.requires_grad_(false);
    reset_ema();
  }
  d_loss_ = g_loss_ = r1_ = d_x_ = d_gz_ = torch::zeros({});
}

std::vector<torch::Tensor> StyleGanModel::generator_parameters() const {
  std::vector<torch::Tensor> v = mapping_->parameters();
  for (auto& t : synthesis_->parameters()) v.push_back(t);
  return v;
}

std::vector<torch::Tensor> StyleGanModel::ema_parameters() const {
  std::vector<torch::Tensor> v = ema_mapping_->parameters();
  for (auto& t : ema_synthesis_->parameters()) v.push_back(t);
  return v;
}

void StyleGanModel::reset_ema() {
  torch::NoGradGuard ng;
  const std::vector<torch::Tensor> from = generator_parameters(), to = ema_parameters();
  for (size_t i = 0; i < from.size(); ++i) to[i].copy_(from[i]);
  ema_updates_ = 0;
}

void StyleGanModel::update_ema() {
  ++ema_updates_;
  // Short memory at first, so early samples are not the initial weights.
  const double ramp = (1.0 + static_cast<double>(ema_updates_)) / (10.0 + static_cast<double>(ema_updates_));
  const double keep = std::min(g_ema_, ramp);
  torch::NoGradGuard ng;
  const std::vector<torch::Tensor> from = generator_parameters(), to = ema_parameters();
  for (size_t i = 0; i < from.size(); ++i) to[i].lerp_(from[i], 1.0 - keep);
}

std::vector<torch::Tensor> StyleGanModel::noise_strengths() const {
  std::vector<torch::Tensor> v;
  for (const auto& c : synthesis_->convs) v.push_back(c->noise_strength.detach().clone());
  return v;
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

torch::Tensor StyleGanModel::map_latent(const torch::Tensor& z) { return sampling_mapping()->forward(z); }

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
  if (g_ema_ > 0) update_ema();
  {
    torch::NoGradGuard ng;
    // Running average of w, from the mapping network that sampling uses.
    const torch::Tensor w = g_ema_ > 0 ? ema_mapping_->forward(torch::randn({n, z_dim_})) : ws.select(1, 0).detach();
    w_avg_.lerp_(w.mean(0), 1 - 0.995);
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
  return crop((sampling_synthesis()->forward(ws, noise, gen) + 1) * 0.5).clamp(0, 1);
}

torch::Tensor StyleGanModel::decode(const torch::Tensor& z) {
  torch::Tensor w = sampling_mapping()->forward(z);
  w = w_avg_ + psi_ * (w - w_avg_);
  return synthesize(w.unsqueeze(1).repeat({1, synthesis_->num_ws(), 1}), true, 0);
}

bool StyleGanModel::set_live_param(const std::string& key, const std::string& value) {
  const double v = std::strtod(value.c_str(), nullptr);
  if (key == "truncation") psi_ = v;
  else if (key == "mixing_prob") mixing_prob_ = v;
  else if (key == "r1_gamma") r1_gamma_ = v;
  else if (key == "g_ema") {
    if (g_ema_ <= 0 && v > 0) reset_ema();  // the average starts from the generator as it is now
    g_ema_ = v;
  } else if (key == "lr") set_learning_rate(v);
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
  std::vector<torch::Tensor> ema;
  for (const auto& t : ema_parameters()) ema.push_back(t.detach().reshape({-1}));
  archive.write("stylegan.g_ema", torch::cat(ema), true);
  archive.write("stylegan.g_ema_updates", torch::tensor({ema_updates_}, torch::kLong), true);
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
  // Checkpoints from before the generator EMA have none: the average starts from the generator.
  torch::Tensor ema, ema_updates;
  std::vector<torch::Tensor> to = ema_parameters();
  int64_t total = 0;
  for (const auto& t : to) total += t.numel();
  if (archive.try_read("stylegan.g_ema", ema, true) && archive.try_read("stylegan.g_ema_updates", ema_updates, true) &&
      ema.numel() == total && ema_updates.numel() == 1) {
    int64_t offset = 0;
    for (auto& t : to) {
      t.copy_(ema.narrow(0, offset, t.numel()).view(t.sizes()));
      offset += t.numel();
    }
    ema_updates_ = ema_updates.item<int64_t>();
  } else {
    // Without the average the checkpoint predates issue 18, whose generators doubled their
    // resolution by nearest-neighbour copies: draw them as they were trained.
    synthesis_->set_bilinear(false);
    ema_synthesis_->set_bilinear(false);
    reset_ema();
  }
}

}  // namespace gs
