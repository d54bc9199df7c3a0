#include "core/models/realnvp/realnvp_model.h"

#include <cmath>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/realnvp/dequantization.h"

namespace gs {

std::vector<ParamSpec> RealNvpModel::param_specs() {
  return {
      ParamSpec::integer("coupling_layers", "Coupling layers (points)", 8, 2, 32,
                         "Point data only: affine coupling layers, alternating which coordinates they move."),
      ParamSpec::integer("hidden", "Coupling net width (points)", 128, 8, 1024,
                         "Point data only: units per hidden layer of each coupling's MLP."),
      ParamSpec::integer("mlp_layers", "Coupling net depth (points)", 2, 1, 6,
                         "Point data only: hidden layers of each coupling's MLP."),
      ParamSpec::integer("scales", "Scales (images)", 2, 1, 4,
                         "Images only: squeeze-and-factor-out stages; each halves the side, which must stay divisible."),
      ParamSpec::integer("steps_per_stage", "Couplings per stage (images)", 2, 1, 8,
                         "Images only: coupling layers in each checkerboard and channel stage."),
      ParamSpec::integer("channels", "Conditioner channels (images)", 16, 4, 256,
                         "Images only: channels of the coupling ResNets at full resolution, doubled at each squeeze."),
      ParamSpec::integer("res_blocks", "Residual blocks (images)", 0, 0, 8,
                         "Images only: residual blocks in each coupling's conditioner (0: conv, ReLU, conv — the fastest to learn on 2 cores)."),
      ParamSpec::boolean("rotate", "Rotations (points)", true,
                         "Point data only: a fixed rotation after each coupling, so the next one sees mixed "
                         "coordinates (without it grid-like data stays a Gaussian)."),
      ParamSpec::boolean("actnorm", "ActNorm", true,
                         "An ActNorm layer (per-channel scale and shift, initialised from the first batch) before each coupling."),
      ParamSpec::real("scale_bound", "Log-scale bound", 1.5, 0.1, 10.0,
                      "Soft clamp of each coupling's log-scale, bound·tanh(s/bound): no layer scales by more than e^bound."),
      ParamSpec::real("logit_alpha", "Logit α (images)", 0.05, 1e-6, 0.25,
                      "Images only: the logit transform's margin, x' = logit(α + (1 − 2α)·y), keeps pixels off 0 and 1."),
      ParamSpec::real("grad_clip", "Gradient clipping", 10.0, 0.0, 1e6,
                      "Largest gradient norm of a step (0: no clipping); keeps sharp densities from blowing up.")
          .changeable_live(),
      ParamSpec::integer("batch_size", "Batch size", 64, 2, 4096, "Items per training step."),
      ParamSpec::real("lr", "Learning rate", 1e-3, 1e-6, 1.0, "Adam learning rate.", /*log_scale=*/true)
          .with_role(ParamSpec::Role::LearningRate),
  };
}

RealNvpModel::RealNvpModel(const ParamValues& p, ImageShape shape) : shape_(shape) {
  if (shape.domains != 1) throw Error("RealNVP models one image domain; pick a dataset that is not a pair of domains.");
  const bool actnorm = param_bool(p, "actnorm");
  const double bound = param_real(p, "scale_bound");
  if (shape.points) {
    PointFlowConfig c;
    c.dims = shape.channels;
    c.couplings = param_int(p, "coupling_layers");
    c.hidden = param_int(p, "hidden");
    c.mlp_layers = param_int(p, "mlp_layers");
    c.rotate = param_bool(p, "rotate");
    c.actnorm = actnorm;
    c.bound = bound;
    stack_ = std::make_shared<PointFlow>(c);
  } else {
    ImageFlowConfig c;
    c.channels = shape.channels;
    c.height = shape.height;
    c.width = shape.width;
    c.scales = param_int(p, "scales");
    c.steps_per_stage = param_int(p, "steps_per_stage");
    c.net_width = param_int(p, "channels");
    c.blocks = param_int(p, "res_blocks");
    c.actnorm = actnorm;
    c.bound = bound;
    stack_ = std::make_shared<ImageFlow>(c);
    alpha_ = param_real(p, "logit_alpha");
  }
  grad_clip_ = param_real(p, "grad_clip");
  parameters_ = stack_->parameters();
  AdamOptions opt;
  opt.lr = param_real(p, "lr");
  optimizer_ = std::make_unique<FlatAdam>(stack_->parameters(), opt);
}

unsigned RealNvpModel::capabilities() const {
  return kCanSample | kCanEncode | kCanDecode | kCanReconstruct | kCanLogProb | kInvertible | kCanScore;
}

std::vector<std::string> RealNvpModel::loss_names() const {
  if (shape_.points) return {"nll"};
  return {"bits_per_dim", "nll_nats"};
}

void RealNvpModel::check_shape(const torch::Tensor& x, const char* what) const {
  const std::vector<int64_t> want = shape_.batch_sizes(x.dim() > 0 ? x.size(0) : 0);
  const bool flat_ok = x.dim() == 2 && x.size(1) == shape_.numel();
  if (x.sizes().vec() != want && !flat_ok) {
    throw Error(std::string("RealNVP got ") + what + " of the wrong shape: it models " + shape_.text() +
                (shape_.points ? " data." : " images."));
  }
}

void RealNvpModel::check_step(int64_t k) const {
  if (k < 0 || k > stack_->num_steps()) {
    throw Error("The flow has " + std::to_string(stack_->num_steps()) + " steps; step " + std::to_string(k) +
                " does not exist.");
  }
}

torch::Tensor RealNvpModel::to_flow_space(const torch::Tensor& x, const torch::Tensor& u, torch::Tensor& logdet) const {
  const torch::Tensor noise = u.defined() ? u : torch::full_like(x, 0.5);
  return logit_transform(dequantize(x, noise), alpha_, logdet).flatten(1);
}

torch::Tensor RealNvpModel::nll_with_grad(const torch::Tensor& x) {
  torch::Tensor logdet = torch::zeros({x.size(0)});
  if (shape_.points) {
    const torch::Tensor z = stack_->forward(x, stack_->num_steps(), logdet);
    return -(standard_normal_log_prob(z) + logdet);
  }
  const torch::Tensor xp = to_flow_space(x, torch::rand_like(x), logdet);
  const torch::Tensor z = stack_->forward(xp, stack_->num_steps(), logdet);
  return discrete_nll_nats(standard_normal_log_prob(z) + logdet, shape_.numel());
}

torch::Tensor RealNvpModel::train_step(const torch::Tensor& batch) {
  const torch::Tensor nll = nll_with_grad(batch).mean();
  const double to_bits = 1.0 / (static_cast<double>(shape_.numel()) * std::log(2.0));
  // Images are optimised in bits/dim (the same gradient direction, a scale Adam ignores).
  const torch::Tensor loss = shape_.points ? nll : nll * to_bits;
  optimizer_->zero_grad();
  loss.backward();
  optimizer_->synchronize_gradients();  // data-parallel runs: clip the averaged gradients
  if (grad_clip_ > 0) torch::nn::utils::clip_grad_norm_(parameters_, grad_clip_);
  optimizer_->step();
  if (shape_.points) return nll.detach().reshape({1});
  return torch::stack({loss.detach(), nll.detach()});
}

torch::Tensor RealNvpModel::nll_nats(const torch::Tensor& x) {
  check_shape(x, "data");
  return nll_with_grad(shape_.points ? x : x.reshape(shape_.batch_sizes(x.size(0)))).detach();
}

torch::Tensor RealNvpModel::encode(const torch::Tensor& x) {
  check_shape(x, "data to encode");
  torch::Tensor logdet = torch::zeros({x.size(0)});
  if (shape_.points) return stack_->forward(x, stack_->num_steps(), logdet);
  const torch::Tensor xp = to_flow_space(x.reshape(shape_.batch_sizes(x.size(0))), {}, logdet);
  return stack_->forward(xp, stack_->num_steps(), logdet);
}

torch::Tensor RealNvpModel::decode(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != latent_dim()) {
    throw Error("RealNVP decodes latents of " + std::to_string(latent_dim()) + " values each.");
  }
  const torch::Tensor h = stack_->inverse(z, stack_->num_steps());
  if (shape_.points) return h;
  return quantized_image(inverse_logit_transform(h, alpha_)).reshape(shape_.batch_sizes(z.size(0)));
}

std::string RealNvpModel::flow_step_name(int64_t k) const {
  check_step(k);
  if (k == 0) return shape_.points ? "data" : "data (after the logit transform)";
  return stack_->step_name(k);
}

torch::Tensor RealNvpModel::forward_steps(const torch::Tensor& x, int64_t k, torch::Tensor* logdet) {
  check_step(k);
  check_shape(x, "data");
  torch::Tensor ld = torch::zeros({x.size(0)});
  torch::Tensor out = stack_->forward(x.flatten(1), k, ld);
  if (logdet) *logdet = logdet->defined() ? *logdet + ld : ld;
  return out;
}

torch::Tensor RealNvpModel::inverse_steps(const torch::Tensor& z, int64_t k) {
  check_step(k);
  check_shape(z, "latents");
  return stack_->inverse(z.flatten(1), k);
}

bool RealNvpModel::set_live_param(const std::string& key, const std::string& value) {
  if (key == "lr") optimizer_->set_lr(std::strtod(value.c_str(), nullptr));
  else if (key == "grad_clip") grad_clip_ = std::strtod(value.c_str(), nullptr);
  else if (key == "batch_size") return true;  // the trainer reads it per run
  else return false;
  return true;
}

void RealNvpModel::save_state(torch::serialize::OutputArchive& archive) const {
  optimizer_->save(archive, "adam");
  for (const auto& b : stack_->named_buffers()) archive.write("buffers.flow." + b.key(), b.value(), true);
}

void RealNvpModel::load_state(torch::serialize::InputArchive& archive) {
  std::vector<std::pair<torch::Tensor, torch::Tensor>> buffers;  // destination, loaded
  for (const auto& b : stack_->named_buffers()) {
    torch::Tensor t;
    if (!archive.try_read("buffers.flow." + b.key(), t, true) || t.sizes() != b.value().sizes() ||
        t.scalar_type() != b.value().scalar_type()) {
      throw Error("The checkpoint's flow state '" + b.key() + "' is missing or has the wrong shape; it was saved "
                  "by a RealNVP with other settings.");
    }
    buffers.emplace_back(b.value(), t);
  }
  optimizer_->load(archive, "adam");
  torch::NoGradGuard ng;
  for (auto& [dst, src] : buffers) dst.copy_(src);
}

}  // namespace gs
