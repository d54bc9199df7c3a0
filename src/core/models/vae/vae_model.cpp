#include "core/models/vae/vae_model.h"

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/vae/discrete_pixel_likelihood.h"
#include "core/train/mixed_precision.h"

#include <cmath>

namespace gs {

std::vector<ParamSpec> VaeModel::param_specs(bool variational) {
  std::vector<ParamSpec> specs = {
      ParamSpec::choice("arch", "Architecture", "mlp", {"mlp", "conv"},
                        "mlp: dense layers (hidden1, hidden2); conv: two strided convolutions."),
      ParamSpec::integer("latent_dim", "Latent size", 16, 1, 512,
                         "Number of latent dimensions; 2 gives a map you can see whole."),
      ParamSpec::integer("hidden1", "Hidden layer 1", 512, 8, 8192,
                         "Width of the first dense layer of the mlp encoder (last of the decoder)."),
      ParamSpec::integer("hidden2", "Hidden layer 2", 256, 0, 8192,
                         "Width of the second dense layer of the mlp; 0 leaves it out."),
      ParamSpec::integer("conv_channels", "Conv channels", 32, 4, 256,
                         "Channels of the first convolution (the second has twice as many)."),
  };
  if (variational) {
    specs.push_back(ParamSpec::real("beta", "β (KL weight)", 1.0, 0.0, 100.0,
                                    "Weight of the KL term: 1 is the VAE, above 1 a β-VAE "
                                    "(smoother, more disentangled, blurrier)."));
  }
  specs.push_back(ParamSpec::choice("recon_loss", "Reconstruction loss", "bce", {"bce", "mse"},
                                    "bce: Bernoulli cross-entropy on pixel intensities; mse: "
                                    "squared error."));
  specs.push_back(ParamSpec::choice(
      "precision", "Precision", "auto", {"auto", "fp32", "bf16"},
      "bf16 runs the forward matrix products in bfloat16 (weights, gradients and losses stay "
      "float32): 3–5× faster on CPUs with AMX, emulated (slower) elsewhere; auto uses it when this CPU has AMX-BF16."));
  specs.push_back(ParamSpec::integer("batch_size", "Batch size", 128, 1, 4096,
                                     "Images per training step."));
  specs.push_back(ParamSpec::real("lr", "Learning rate", 1e-3, 1e-6, 1.0,
                                  "Adam learning rate.", /*log_scale=*/true).with_role(ParamSpec::Role::LearningRate));
  return specs;
}

VaeModel::VaeModel(bool variational, const ParamValues& params, ImageShape shape)
    : variational_(variational) {
  config_.arch = param_text(params, "arch");
  config_.shape = shape;
  config_.latent_dim = param_int(params, "latent_dim");
  config_.head_dim = variational ? 2 * config_.latent_dim : config_.latent_dim;
  config_.hidden1 = param_int(params, "hidden1");
  config_.hidden2 = param_int(params, "hidden2");
  config_.conv_channels = param_int(params, "conv_channels");
  beta_ = variational ? param_real(params, "beta") : 0.0;
  bce_ = param_text(params, "recon_loss") == "bce";
  bf16_ = use_bf16(param_text(params, "precision"));
  nets_ = make_vae_nets(config_);
  std::vector<torch::Tensor> parameters = nets_.encoder->parameters();
  for (const auto& p : nets_.decoder->parameters()) parameters.push_back(p);
  AdamOptions opt;
  opt.lr = param_real(params, "lr");
  optimizer_ = std::make_unique<FlatAdam>(parameters, opt);
}

unsigned VaeModel::capabilities() const {
  unsigned caps = kCanEncode | kCanDecode | kCanReconstruct;
  if (variational_) caps |= kCanSample | kCanLogProb;
  return caps;
}

std::vector<std::string> VaeModel::loss_names() const {
  if (variational_) return {"loss", "recon", "kl"};
  return {"loss"};
}

torch::Tensor VaeModel::reconstruction_loss(const torch::Tensor& logits,
                                            const torch::Tensor& target) const {
  const double batch = static_cast<double>(target.size(0));
  if (config_.shape.points) {
    // Point data: Gaussian likelihood with σ = 0.1 around the decoded point.
    constexpr double kSigma = 0.1;
    return torch::mse_loss(logits, target, at::Reduction::Sum) / (2 * kSigma * kSigma * batch);
  }
  if (bce_) {
    return torch::binary_cross_entropy_with_logits(logits, target, {}, {},
                                                   at::Reduction::Sum) / batch;
  }
  return torch::mse_loss(torch::sigmoid(logits), target, at::Reduction::Sum) / batch;
}

torch::Tensor VaeModel::train_step(const torch::Tensor& batch) {
  const int64_t L = config_.latent_dim;
  torch::Tensor loss, recon, kl;
  {
    // Matrix products in bfloat16 when enabled; everything elementwise in float32.
    AutocastBf16Guard autocast(bf16_);
    torch::Tensor head = nets_.encoder->forward(batch).to(torch::kFloat32);
    if (variational_) {
      torch::Tensor mu = head.narrow(1, 0, L);
      torch::Tensor logvar = head.narrow(1, L, L);
      torch::Tensor std = torch::exp(0.5 * logvar);
      torch::Tensor z = mu + std * torch::randn_like(std);
      recon = reconstruction_loss(nets_.decoder->forward(z).to(torch::kFloat32), batch);
      kl = -0.5 * torch::sum(1 + logvar - mu.pow(2) - std.pow(2)) / static_cast<double>(batch.size(0));
      loss = recon + beta_ * kl;
    } else {
      recon = reconstruction_loss(nets_.decoder->forward(head).to(torch::kFloat32), batch);
      loss = recon;
    }
  }
  optimizer_->zero_grad();
  loss.backward();
  optimizer_->step();
  if (variational_) return torch::stack({loss.detach(), recon.detach(), kl.detach()});
  return loss.detach().reshape({1});
}

torch::Tensor VaeModel::elbo_terms(const torch::Tensor& x) {
  if (!variational_) throw Error("The autoencoder has no likelihood (it has no prior).");
  const ImageShape& s = config_.shape;
  if (x.dim() != 4 || x.size(1) != s.channels || x.size(2) != s.height || x.size(3) != s.width) {
    throw Error("The VAE was built for " + s.text() + " data and cannot score other shapes.");
  }
  torch::NoGradGuard no_grad;
  const int64_t L = config_.latent_dim;
  torch::Tensor head = nets_.encoder->forward(x).to(torch::kFloat32);
  torch::Tensor mu = head.narrow(1, 0, L), logvar = head.narrow(1, L, L);
  torch::Tensor std = torch::exp(0.5 * logvar);
  torch::Tensor z = mu + std * torch::randn_like(std);
  torch::Tensor out = nets_.decoder->forward(z).to(torch::kFloat64).flatten(1);
  const torch::Tensor flat = x.to(torch::kFloat64).flatten(1);
  torch::Tensor recon;
  if (s.points) {
    constexpr double kSigma = 0.1;
    const double log_norm = std::log(kSigma * std::sqrt(2 * M_PI));
    recon = ((flat - out).pow(2) / (2 * kSigma * kSigma) + log_norm).sum(1);
  } else {
    const torch::Tensor v = flat.mul(255.0).round().clamp(0, 255).to(torch::kInt64);
    recon = (bce_ ? continuous_bernoulli_bin_nll(out, v) : gaussian_bin_nll(torch::sigmoid(out), std::sqrt(0.5), v)).sum(1);
  }
  const torch::Tensor lv = logvar.to(torch::kFloat64), m = mu.to(torch::kFloat64);
  torch::Tensor kl = -0.5 * (1 + lv - m.pow(2) - lv.exp()).sum(1);
  return torch::stack({recon, kl}, 1);
}

torch::Tensor VaeModel::nll_nats(const torch::Tensor& x) { return elbo_terms(x).sum(1); }

torch::Tensor VaeModel::nll_parts(const torch::Tensor& x, std::vector<std::string>* names) {
  if (names) *names = {"reconstruction", "kl"};
  return elbo_terms(x);
}

torch::Tensor VaeModel::decode(const torch::Tensor& z) {
  torch::Tensor out = nets_.decoder->forward(z);
  return config_.shape.points ? out : torch::sigmoid(out);
}

torch::Tensor VaeModel::encode(const torch::Tensor& images) {
  return nets_.encoder->forward(images).narrow(1, 0, config_.latent_dim);
}

torch::Tensor VaeModel::reconstruct(const torch::Tensor& images) { return decode(encode(images)); }

bool VaeModel::set_live_param(const std::string& key, const std::string& value) {
  const double v = std::strtod(value.c_str(), nullptr);
  if (key == "lr") optimizer_->set_lr(v);
  else if (key == "beta" && variational_) beta_ = v;
  else if (key == "batch_size") return true;  // the trainer reads it per run
  else return false;
  return true;
}

void VaeModel::set_training(bool training) {
  nets_.encoder->train(training);
  nets_.decoder->train(training);
}

void VaeModel::save_state(torch::serialize::OutputArchive& archive) const {
  optimizer_->save(archive, "adam");
}

void VaeModel::load_state(torch::serialize::InputArchive& archive) {
  optimizer_->load(archive, "adam");
}

}  // namespace gs
