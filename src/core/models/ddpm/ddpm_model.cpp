#include "core/models/ddpm/ddpm_model.h"

#include <cmath>
#include <cstdlib>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/ddpm/class_guidance.h"
#include "core/models/ddpm/ddpm_unet.h"
#include "core/models/ddpm/point_denoiser.h"
#include "core/models/ddpm/reverse_process.h"

namespace gs {

std::vector<ParamSpec> DdpmModel::param_specs() {
  return {
      ParamSpec::choice("schedule", "Noise schedule", "cosine", {"cosine", "linear"},
                        "cosine (Nichol & Dhariwal): noise added evenly in log-SNR, good for small images; "
                        "linear (Ho et al.): β from 1e-4 to 0.02."),
      ParamSpec::integer("timesteps", "Timesteps T", 1000, 10, 1000,
                         "Number of noise levels of the forward process (DDPM sampling takes all of them)."),
      ParamSpec::choice("prediction", "Prediction", "eps", {"eps", "v"},
                        "What the network predicts: the noise ε, or v = √ᾱ·ε − √(1−ᾱ)·x₀."),
      ParamSpec::integer("channels", "U-Net channels (images)", 32, 8, 128,
                         "Channels of the U-Net's first level (the others have twice as many); a multiple of 8."),
      ParamSpec::boolean("attention", "Self-attention (images)", true,
                         "Self-attention at the U-Net's lowest resolution (7×7 for 28×28 images)."),
      ParamSpec::boolean("class_conditional", "Class conditioning (labelled images)", true,
                         "Learn from the dataset's class labels (a class embedding added to the timestep embedding), "
                         "so samples of a chosen class can be drawn, with classifier-free guidance. Ignored for "
                         "data without labels (the model is then unconditional)."),
      ParamSpec::real("p_uncond", "Label dropout p_uncond", 0.1, 0.0, 1.0,
                      "Probability that a training label is replaced by the null class, so the same network also "
                      "learns the unconditional prediction that classifier-free guidance needs.")
          .changeable_live(),
      ParamSpec::integer("hidden", "MLP width (points)", 128, 16, 1024, "Width of the point denoiser's layers."),
      ParamSpec::integer("layers", "MLP layers (points)", 3, 1, 8, "Residual layers of the point denoiser."),
      ParamSpec::integer("draws", "Noise draws per point (points)", 8, 1, 64,
                         "Each training point is noised this many times (other t and noise) per step: a larger "
                         "effective batch for the cheap point denoiser.")
          .changeable_live(),
      ParamSpec::real("ema_decay", "EMA decay", 0.999, 0.0, 0.99999,
                      "Decay of the moving average of the weights used for sampling (ramped up over the first "
                      "steps); 0 samples with the live weights.")
          .changeable_live(),
      ParamSpec::integer("sample_steps", "DDIM steps for samples", 20, 1, 1000,
                         "Steps of the deterministic DDIM sampler behind the sample grid and decoding (at most T).")
          .changeable_live(),
      ParamSpec::integer("batch_size", "Batch size", 32, 1, 4096, "Images (or points) per training step.")
          .changeable_live(),
      ParamSpec::real("lr", "Learning rate", 1e-3, 1e-6, 1.0, "Adam learning rate.", /*log_scale=*/true)
          .with_role(ParamSpec::Role::LearningRate),
  };
}

std::vector<std::string> DdpmModel::static_loss_names() {
  return {"loss", "loss_t_0_25", "loss_t_25_50", "loss_t_50_75", "loss_t_75_100"};
}

namespace {
// Makes the module's parameters views of one flat buffer (filled with their values).
torch::Tensor flatten_parameters(torch::nn::Module& module) {
  std::vector<torch::Tensor> params = module.parameters();
  int64_t total = 0;
  for (const auto& p : params) total += p.numel();
  torch::Tensor flat = torch::empty({total});
  torch::NoGradGuard no_grad;
  int64_t offset = 0;
  for (auto& p : params) {
    torch::Tensor slot = flat.narrow(0, offset, p.numel());
    slot.copy_(p.detach().reshape({-1}));
    p.set_data(slot.view(p.sizes()));
    p.set_requires_grad(false);
    offset += p.numel();
  }
  return flat;
}
}  // namespace

DdpmModel::DdpmModel(const ParamValues& params, ImageShape shape)
    : shape_(shape), schedule_(param_text(params, "schedule"), param_int(params, "timesteps")) {
  if (shape.domains != 1) throw Error("The diffusion model learns one image domain; choose a dataset of single images.");
  v_prediction_ = param_text(params, "prediction") == "v";
  ema_decay_ = param_real(params, "ema_decay");
  sample_steps_ = static_cast<int>(param_int(params, "sample_steps"));
  draws_ = shape.points ? param_int(params, "draws") : 1;
  if (param_bool(params, "class_conditional") && !shape.points && shape.class_names.size() >= 2) {
    num_classes_ = static_cast<int64_t>(shape.class_names.size());
  }
  p_uncond_ = param_real(params, "p_uncond");
  if (sample_steps_ > schedule_.timesteps()) {
    throw Error("The DDIM steps for samples (" + std::to_string(sample_steps_) + ") cannot exceed the timesteps T (" +
                std::to_string(schedule_.timesteps()) + ").");
  }
  net_ = make_net(params);
  ema_net_ = make_net(params);
  AdamOptions opt;
  opt.lr = param_real(params, "lr");
  optimizer_ = std::make_unique<FlatAdam>(net_->parameters(), opt);
  ema_flat_ = flatten_parameters(*ema_net_);
  ema_flat_.copy_(optimizer_->flat_parameters());
  bucket_loss_ = torch::full({kBuckets}, std::numeric_limits<float>::quiet_NaN());
  data_bound_ = torch::ones({1});
  set_training(true);
}

std::shared_ptr<Denoiser> DdpmModel::make_net(const ParamValues& params) const {
  if (shape_.points) {
    return std::make_shared<PointDenoiser>(shape_.channels, param_int(params, "hidden"), param_int(params, "layers"));
  }
  UNetConfig c;
  c.in_channels = shape_.channels;
  c.height = shape_.height;
  c.width = shape_.width;
  c.channels = param_int(params, "channels");
  c.attention = param_bool(params, "attention");
  c.num_classes = num_classes_;
  return std::make_shared<UNetDenoiser>(c);
}

unsigned DdpmModel::capabilities() const {
  return kCanSample | kCanDecode | kIterative | (num_classes_ > 0 ? kClassConditional : 0u);
}

void DdpmModel::set_training(bool training) {
  net_->train(training);
  ema_net_->train(false);
}

void DdpmModel::check_x(const torch::Tensor& x, const char* what) const {
  const std::vector<int64_t> want = shape_.batch_sizes(x.dim() > 0 ? x.size(0) : 0);
  if (x.dim() != static_cast<int64_t>(want.size()) || x.sizes().slice(1) != torch::IntArrayRef(want).slice(1)) {
    throw Error(std::string("The diffusion model's ") + what + " needs " + shape_.text() +
                (shape_.points ? "" : " images") + "; got a tensor of shape " + c10::str(x.sizes()) + ".");
  }
}

torch::Tensor DdpmModel::check_t(const torch::Tensor& t, int64_t n) const {
  if (t.dim() != 1 || t.size(0) != n) {
    throw Error("The timesteps must be one per item (" + std::to_string(n) + "); got a tensor of shape " +
                c10::str(t.sizes()) + ".");
  }
  torch::Tensor tl = t.to(torch::kLong);
  if (n > 0) {
    const int64_t lo = tl.min().item<int64_t>(), hi = tl.max().item<int64_t>();
    if (lo < 0 || hi >= timesteps()) {
      throw Error("A timestep is outside 0 … " + std::to_string(timesteps() - 1) + " (got " +
                  std::to_string(lo < 0 ? lo : hi) + ").");
    }
  }
  return tl;
}

torch::Tensor DdpmModel::to_model_space(const torch::Tensor& data) const {
  return shape_.points ? data.to(torch::kFloat32) : data.to(torch::kFloat32) * 2.0 - 1.0;
}

torch::Tensor DdpmModel::to_image_space(const torch::Tensor& x) const {
  return shape_.points ? x : ((x + 1.0) * 0.5).clamp(0.0, 1.0);
}

torch::Tensor DdpmModel::q_sample(const torch::Tensor& x0, const torch::Tensor& t, const torch::Tensor& noise) const {
  check_x(x0, "forward process");
  if (noise.sizes() != x0.sizes()) throw Error("The noise for q(x_t | x_0) must have the shape of x_0.");
  torch::Tensor tl = check_t(t, x0.size(0));
  const int64_t dims = x0.dim() - 1;
  return x0 * schedule_.sqrt_alpha_bar_at(tl, dims) + noise * schedule_.sqrt_one_minus_alpha_bar_at(tl, dims);
}

DiffusionModel::Prediction DdpmModel::predict_with(Denoiser& net, const torch::Tensor& x_t, const torch::Tensor& t,
                                                   const torch::Tensor& y, double w) const {
  const int64_t dims = x_t.dim() - 1;
  torch::Tensor sab = schedule_.sqrt_alpha_bar_at(t, dims), s1 = schedule_.sqrt_one_minus_alpha_bar_at(t, dims);
  torch::Tensor out = y.defined() ? guided_output(net, x_t, t, y, num_classes_, w) : net.forward(x_t, t);
  Prediction p;
  if (v_prediction_) {
    p.x0_hat = x_t * sab - out * s1;
    p.eps = x_t * s1 + out * sab;
  } else {
    p.eps = out;
    p.x0_hat = (x_t - out * s1) / sab;
  }
  if (shape_.points) {
    torch::Tensor b = data_bound_ * 1.5;
    p.x0_hat = torch::clamp(p.x0_hat, -b, b);
  } else {
    p.x0_hat = p.x0_hat.clamp(-1.0, 1.0);
  }
  return p;
}

torch::Tensor DdpmModel::labels_for(const DiffusionSampling& how, int64_t n) const {
  if (num_classes_ == 0) {
    if (how.class_label >= 0 || how.guidance != 0) {
      throw Error("This diffusion model was trained without class labels, so it cannot draw a chosen class or use "
                  "guidance.");
    }
    return torch::Tensor();
  }
  check_guidance(how.guidance);
  return class_indices(torch::full({n}, how.class_label, torch::kLong), num_classes_, n);
}

DiffusionModel::Prediction DdpmModel::predict(const torch::Tensor& x_t, const torch::Tensor& t,
                                              const DiffusionSampling& how) {
  check_x(x_t, "prediction");
  torch::Tensor y = labels_for(how, x_t.size(0));
  torch::Tensor tl = check_t(t, x_t.size(0));
  torch::NoGradGuard no_grad;
  return predict_with(how.use_ema ? *ema_net_ : *net_, x_t.to(torch::kFloat32), tl, y, how.guidance);
}

torch::Tensor DdpmModel::sample(const torch::Tensor& x_T, const DiffusionSampling& how, torch::Generator& gen,
                                const StepCallback& on_step) {
  check_x(x_T, "sampler");
  return sample_labeled(x_T, how, labels_for(how, x_T.size(0)), gen, on_step);
}

torch::Tensor DdpmModel::sample_labeled(const torch::Tensor& x_T, const DiffusionSampling& how, const torch::Tensor& y,
                                        torch::Generator& gen, const StepCallback& on_step) {
  Denoiser& net = how.use_ema ? *ema_net_ : *net_;
  const int64_t n = x_T.size(0);
  torch::Tensor tbuf = torch::empty({n}, torch::kLong);
  auto at = [&](const torch::Tensor& x, int64_t t) {
    tbuf.fill_(t);
    return predict_with(net, x, tbuf, y, how.guidance);
  };
  return run_reverse_process(schedule_, x_T, how, gen, at, on_step);
}

torch::Tensor DdpmModel::sample_classes(const torch::Tensor& labels, double guidance, torch::Generator& gen) {
  if (num_classes_ == 0) throw Error("This diffusion model was trained without class labels.");
  check_guidance(guidance);
  const int64_t n = labels.defined() ? labels.numel() : 0;
  torch::Tensor y = class_indices(labels, num_classes_, n);
  DiffusionSampling how;
  how.sampler = DiffusionSampling::Sampler::DDIM;
  how.steps = sample_steps_;
  how.eta = 0.0;
  how.guidance = guidance;
  torch::Tensor x_T = torch::randn(shape_.batch_sizes(n), gen);
  torch::NoGradGuard no_grad;
  return to_image_space(sample_labeled(x_T, how, y, gen, {}));
}

torch::Tensor DdpmModel::train_step(const torch::Tensor& batch) {
  check_x(batch, "training");
  return train_on(batch, num_classes_ > 0 ? torch::full({batch.size(0)}, num_classes_, torch::kLong) : torch::Tensor());
}

torch::Tensor DdpmModel::train_step_labeled(const torch::Tensor& batch, const torch::Tensor& labels) {
  check_x(batch, "training");
  if (num_classes_ == 0) throw Error("This diffusion model was built without class conditioning.");
  torch::Tensor y = class_indices(labels, num_classes_, batch.size(0));
  if (p_uncond_ > 0) {
    y = torch::where(torch::rand({y.size(0)}) < p_uncond_, torch::full_like(y, num_classes_), y);
  }
  return train_on(batch, y);
}

torch::Tensor DdpmModel::train_on(const torch::Tensor& batch, const torch::Tensor& y) {
  torch::Tensor x0 = to_model_space(batch);
  if (draws_ > 1) x0 = x0.repeat({draws_, 1});
  const int64_t n = x0.size(0);
  if (shape_.points) data_bound_ = torch::maximum(data_bound_, x0.abs().max().reshape({1}));
  torch::Tensor t = torch::randint(0, timesteps(), {n}, torch::kLong);
  torch::Tensor noise = torch::randn_like(x0);
  const int64_t dims = x0.dim() - 1;
  torch::Tensor sab = schedule_.sqrt_alpha_bar_at(t, dims), s1 = schedule_.sqrt_one_minus_alpha_bar_at(t, dims);
  torch::Tensor x_t = x0 * sab + noise * s1;
  torch::Tensor target = v_prediction_ ? noise * sab - x0 * s1 : noise;
  torch::Tensor out = y.defined() ? net_->forward_labeled(x_t, t, y) : net_->forward(x_t, t);
  torch::Tensor per_item = (out - target).square().flatten(1).mean(1);  // [N]
  torch::Tensor loss = per_item.mean();
  optimizer_->zero_grad();
  loss.backward();
  optimizer_->step();
  update_ema();

  // Mean loss per quarter of t; a quarter without samples keeps its last value
  // (the first time: the batch's total).
  torch::NoGradGuard no_grad;
  torch::Tensor bucket = torch::div(t * kBuckets, timesteps(), "floor");
  torch::Tensor sums = torch::zeros({kBuckets}).index_add_(0, bucket, per_item.detach());
  torch::Tensor counts = torch::zeros({kBuckets}).index_add_(0, bucket, torch::ones({n}));
  torch::Tensor l = loss.detach().reshape({1});
  torch::Tensor fallback = torch::where(torch::isnan(bucket_loss_), l.expand({kBuckets}), bucket_loss_);
  bucket_loss_ = torch::where(counts > 0, sums / counts.clamp_min(1.0), fallback);
  return torch::cat({l, bucket_loss_});
}

void DdpmModel::update_ema() {
  ++ema_updates_;
  const double ramp = (1.0 + static_cast<double>(ema_updates_)) / (10.0 + static_cast<double>(ema_updates_));
  const double d = std::min(ema_decay_, ramp);
  torch::NoGradGuard no_grad;
  ema_flat_.lerp_(optimizer_->flat_parameters(), 1.0 - d);
}

torch::Tensor DdpmModel::decode(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != shape_.numel()) {
    throw Error("The diffusion model decodes noise x_T of " + std::to_string(shape_.numel()) +
                " numbers per item; got a tensor of shape " + c10::str(z.sizes()) + ".");
  }
  DiffusionSampling how;
  how.sampler = DiffusionSampling::Sampler::DDIM;
  how.steps = sample_steps_;
  how.eta = 0.0;
  auto gen = at::detail::getDefaultCPUGenerator();  // unused at η = 0
  torch::Tensor x_T = z.to(torch::kFloat32).reshape(shape_.batch_sizes(z.size(0)));
  return to_image_space(sample(x_T, how, gen));
}

torch::Tensor DdpmModel::features(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != shape_.numel()) {
    throw Error("The diffusion model's features take noise x_T of " + std::to_string(shape_.numel()) +
                " numbers per item; got a tensor of shape " + c10::str(z.sizes()) + ".");
  }
  DiffusionSampling how;
  std::vector<torch::Tensor> parts;
  for (int64_t i = 0; i < z.size(0); i += 256) {
    const int64_t n = std::min<int64_t>(256, z.size(0) - i);
    torch::Tensor x_T = z.narrow(0, i, n).to(torch::kFloat32).reshape(shape_.batch_sizes(n));
    torch::Tensor t = torch::full({n}, timesteps() - 1, torch::kInt64);
    parts.push_back(predict(x_T, t, how).x0_hat.reshape({n, -1}));
  }
  return torch::cat(parts, 0);
}

torch::Tensor DdpmModel::prior_sample(int64_t n, torch::Generator& gen) const {
  return torch::randn({n, shape_.numel()}, gen);
}

bool DdpmModel::set_live_param(const std::string& key, const std::string& value) {
  if (key == "lr") {
    optimizer_->set_lr(std::strtod(value.c_str(), nullptr));
  } else if (key == "ema_decay") {
    ema_decay_ = std::strtod(value.c_str(), nullptr);
  } else if (key == "sample_steps") {
    const long steps = std::strtol(value.c_str(), nullptr, 10);
    if (steps > timesteps()) {
      throw Error("The DDIM steps for samples (" + value + ") cannot exceed the timesteps T (" +
                  std::to_string(timesteps()) + ").");
    }
    sample_steps_ = static_cast<int>(steps);
  } else if (key == "draws") {
    if (shape_.points) draws_ = std::strtol(value.c_str(), nullptr, 10);
  } else if (key == "p_uncond") {
    p_uncond_ = std::strtod(value.c_str(), nullptr);
  } else if (key == "batch_size") {
    return true;  // the trainer reads it per run
  } else {
    return false;
  }
  return true;
}

void DdpmModel::save_state(torch::serialize::OutputArchive& archive) const {
  optimizer_->save(archive, "ddpm.adam");
  archive.write("ddpm.ema", ema_flat_);
  archive.write("ddpm.ema_updates", torch::tensor({ema_updates_}, torch::kLong));
  archive.write("ddpm.bucket_loss", bucket_loss_);
  archive.write("ddpm.data_bound", data_bound_);
}

void DdpmModel::load_state(torch::serialize::InputArchive& archive) {
  torch::Tensor ema, updates, buckets, bound;
  try {
    archive.read("ddpm.ema", ema);
    archive.read("ddpm.ema_updates", updates);
    archive.read("ddpm.bucket_loss", buckets);
    archive.read("ddpm.data_bound", bound);
  } catch (const c10::Error&) {
    throw Error("The checkpoint has no complete diffusion model state (EMA weights, loss buckets); it was not saved "
                "by this model.");
  }
  if (ema.sizes() != ema_flat_.sizes() || updates.numel() != 1 || buckets.sizes() != bucket_loss_.sizes() ||
      bound.sizes() != data_bound_.sizes()) {
    throw Error("The checkpoint's diffusion model has " + std::to_string(ema.numel()) +
                " EMA weights but this model has " + std::to_string(ema_flat_.numel()) +
                "; it was saved with other parameters.");
  }
  optimizer_->load(archive, "ddpm.adam");
  torch::NoGradGuard no_grad;
  ema_flat_.copy_(ema);
  ema_updates_ = updates.item<int64_t>();
  bucket_loss_ = buckets.clone();
  data_bound_ = bound.clone();
}

}  // namespace gs
