#include "core/models/rbm/rbm_model.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdlib>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/rbm/rbm_ais.h"

namespace gs {

std::vector<ParamSpec> RbmModel::param_specs() {
  return {
      ParamSpec::integer("hidden", "Hidden units", 500, 1, 4096, "Binary hidden units (feature detectors)."),
      ParamSpec::integer("cd_k", "Gibbs steps (CD-k)", 1, 1, 100,
                         "Gibbs steps of the negative phase per training step.")
          .changeable_live(),
      ParamSpec::boolean("persistent", "Persistent CD", false,
                         "Keep the negative chain across steps (PCD) instead of restarting it at the data (CD).")
          .changeable_live(),
      ParamSpec::choice("binarize", "Binarisation", "threshold", {"threshold", "stochastic"},
                        "How gray pixels become binary visible units: above ½, or a Bernoulli draw per pixel.")
          .changeable_live(),
      ParamSpec::real("lr", "Learning rate", 0.01, 1e-5, 1.0, "SGD learning rate.", /*log_scale=*/true)
          .with_role(ParamSpec::Role::LearningRate),
      ParamSpec::real("momentum", "Momentum", 0.9, 0.0, 0.99, "Momentum of the SGD updates.").changeable_live(),
      ParamSpec::real("weight_decay", "Weight decay", 1e-4, 0.0, 0.01, "L2 penalty on the weights.")
          .changeable_live(),
      ParamSpec::integer("batch_size", "Batch size", 64, 1, 1024, "Images per training step.").changeable_live(),
      ParamSpec::integer("sample_steps", "Sample Gibbs steps", 200, 1, 10000,
                         "Gibbs steps from noise for the sample grid.")
          .changeable_live(),
  };
}

RbmModel::RbmModel(const ParamValues& params, ImageShape shape) : shape_(shape) {
  if (shape.points) throw Error("The RBM models binary images; choose an image dataset, not points.");
  if (shape.domains != 1) throw Error("The RBM models one image domain; choose a dataset of single images.");
  visible_ = shape.numel();
  hidden_ = param_int(params, "hidden");
  cd_k_ = static_cast<int>(param_int(params, "cd_k"));
  persistent_ = param_bool(params, "persistent");
  stochastic_binarize_ = param_text(params, "binarize") == "stochastic";
  lr_ = param_real(params, "lr");
  momentum_ = param_real(params, "momentum");
  weight_decay_ = param_real(params, "weight_decay");
  sample_steps_ = static_cast<int>(param_int(params, "sample_steps"));
  W_ = torch::randn({visible_, hidden_}) * 0.01;
  b_ = torch::zeros({visible_});
  c_ = torch::zeros({hidden_});
  vW_ = torch::zeros_like(W_);
  vb_ = torch::zeros_like(b_);
  vc_ = torch::zeros_like(c_);
}

unsigned RbmModel::capabilities() const { return kCanSample | kHasEnergy; }

torch::Tensor RbmModel::flat_visible(const torch::Tensor& v, const char* what) const {
  if (!v.defined() || v.dim() != 4 || v.size(1) != shape_.channels || v.size(2) != shape_.height ||
      v.size(3) != shape_.width) {
    throw Error(std::string("The RBM's ") + what + " needs images of " + shape_.text() + "; got a tensor of shape " +
                (v.defined() ? c10::str(v.sizes()) : std::string("(none)")) + ".");
  }
  return v.reshape({v.size(0), visible_}).to(torch::kFloat32);
}

void RbmModel::set_parameters(const torch::Tensor& W, const torch::Tensor& b, const torch::Tensor& c) {
  if (W.sizes() != W_.sizes() || b.sizes() != b_.sizes() || c.sizes() != c_.sizes()) {
    throw Error("The RBM's parameters must keep their shapes.");
  }
  W_ = W.to(torch::kFloat32).contiguous().clone();
  b_ = b.to(torch::kFloat32).clone();
  c_ = c.to(torch::kFloat32).clone();
  biases_initialised_ = true;
}

torch::Tensor RbmModel::binarize(const torch::Tensor& images, torch::Generator* gen) const {
  torch::Tensor x = images.to(torch::kFloat32);
  if (stochastic_binarize_) {
    return gen ? torch::bernoulli(x.clamp(0, 1), *gen) : torch::bernoulli(x.clamp(0, 1));
  }
  return x.gt(0.5).to(torch::kFloat32);
}

void RbmModel::ensure_buffers(int64_t n) {
  if (buffer_n_ == n) return;
  buffer_n_ = n;
  ph0_ = torch::empty({n, hidden_});
  pre_ = torch::empty({n, hidden_});
  h_ = torch::empty({n, hidden_});
  phk_ = torch::empty({n, hidden_});
  pv_ = torch::empty({n, visible_});
  v_ = torch::empty({n, visible_});
  gW_ = torch::empty({visible_, hidden_});
}

torch::Tensor RbmModel::train_step(const torch::Tensor& batch) {
  torch::NoGradGuard no_grad;
  const torch::Tensor v0 = binarize(flat_visible(batch, "training").reshape(batch.sizes())).reshape({-1, visible_});
  const int64_t n = v0.size(0);
  ensure_buffers(n);
  if (!biases_initialised_) {
    const torch::Tensor p = v0.mean(0).clamp(1e-3, 1 - 1e-3);
    b_.copy_(torch::log(p) - torch::log1p(-p));
    biases_initialised_ = true;
  }
  // Positive phase.
  torch::addmm_out(pre_, c_, v0, W_);
  torch::sigmoid_out(ph0_, pre_);
  const torch::Tensor free_energy =
      (-torch::mv(v0, b_) - torch::softplus(pre_).sum(1)).mean() / static_cast<double>(visible_);
  // Mean-field reconstruction error.
  torch::addmm_out(pv_, b_, ph0_, W_.t());
  pv_.sigmoid_();
  const torch::Tensor recon = (pv_ - v0).square().mean();
  // Negative phase: k Gibbs steps from the data (CD) or from the persistent chain (PCD).
  if (persistent_) {
    if (!chain_.defined() || chain_.size(0) != n) chain_ = v0.clone();
    torch::addmm_out(phk_, c_, chain_, W_);
    phk_.sigmoid_();
    h_.bernoulli_(phk_);
  } else {
    h_.bernoulli_(ph0_);
  }
  for (int step = 0; step < cd_k_; ++step) {
    torch::addmm_out(pv_, b_, h_, W_.t());
    pv_.sigmoid_();
    v_.bernoulli_(pv_);
    torch::addmm_out(phk_, c_, v_, W_);
    phk_.sigmoid_();
    if (step + 1 < cd_k_) h_.bernoulli_(phk_);
  }
  if (persistent_) chain_.copy_(v_);
  // Gradient of the log-likelihood (data minus model statistics), momentum, weight decay.
  const double scale = lr_ / static_cast<double>(n);
  torch::mm_out(gW_, v0.t(), ph0_);
  gW_.addmm_(v_.t(), phk_, 1.0, -1.0);
  vW_.mul_(momentum_).add_(gW_, scale).add_(W_, -lr_ * weight_decay_);
  vb_.mul_(momentum_).add_((v0 - v_).sum(0), scale);
  vc_.mul_(momentum_).add_((ph0_ - phk_).sum(0), scale);
  W_.add_(vW_);
  b_.add_(vb_);
  c_.add_(vc_);
  return torch::stack({recon, free_energy});
}

torch::Tensor RbmModel::free_energy(const torch::Tensor& v) {
  const torch::Tensor x = flat_visible(v, "free energy");
  return -torch::mv(x, b_) - torch::softplus(torch::addmm(c_, x, W_)).sum(1);
}

torch::Tensor RbmModel::gibbs(const torch::Tensor& v0, int k, const torch::Tensor& clamp, torch::Generator& gen,
                              torch::Tensor* state) {
  if (k < 1) throw Error("The Gibbs chain needs at least one step.");
  torch::NoGradGuard no_grad;
  const torch::Tensor start = flat_visible(v0, "Gibbs chain");
  torch::Tensor fixed;
  if (clamp.defined()) {
    if (clamp.sizes() != v0.sizes() || clamp.scalar_type() != torch::kBool) {
      throw Error("The mask of clamped units must be a boolean tensor of the images' shape.");
    }
    fixed = clamp.reshape({v0.size(0), visible_});
  }
  // A binary state: binary inputs as they are, probabilities drawn.
  torch::Tensor v = start.eq(0).logical_or(start.eq(1)).all().item<bool>() ? start.clone()
                                                                          : torch::bernoulli(start.clamp(0, 1), gen);
  torch::Tensor pv = torch::empty_like(v), ph = torch::empty({v.size(0), hidden_}), h = torch::empty_like(ph);
  for (int step = 0; step < k; ++step) {
    torch::addmm_out(ph, c_, v, W_);
    ph.sigmoid_();
    h.bernoulli_(ph, gen);
    torch::addmm_out(pv, b_, h, W_.t());
    pv.sigmoid_();
    v.bernoulli_(pv, gen);
    if (fixed.defined()) {
      v = torch::where(fixed, start, v);
      pv = torch::where(fixed, start, pv);
    }
  }
  if (state) *state = v.reshape(v0.sizes());
  return pv.reshape(v0.sizes());
}

torch::Tensor RbmModel::filters() const {
  return W_.t().contiguous().reshape({hidden_, shape_.channels, shape_.height, shape_.width}).clone();
}

torch::Tensor RbmModel::pseudo_log_likelihood(const torch::Tensor& v, torch::Generator& gen) {
  // F(ṽ) − F(v) for one flipped unit i: −(ṽ_i − v_i) b_i − Σ_j [softplus(x_j + (ṽ_i − v_i) W_ij) − softplus(x_j)].
  torch::NoGradGuard no_grad;
  const torch::Tensor x = flat_visible(v, "pseudo-likelihood");
  const torch::Tensor idx = torch::randint(visible_, {x.size(0)}, gen, torch::kLong);
  const torch::Tensor vi = x.gather(1, idx.unsqueeze(1)).squeeze(1);
  const torch::Tensor delta = 1 - 2 * vi;                     // +1 turns the unit on, −1 off
  const torch::Tensor pre = torch::addmm(c_, x, W_);          // [N, H]
  const torch::Tensor flipped = pre + delta.unsqueeze(1) * W_.index_select(0, idx);
  const torch::Tensor gap = -delta * b_.index_select(0, idx) -
                            (torch::softplus(flipped) - torch::softplus(pre)).sum(1);  // F(ṽ) − F(v)
  return torch::log_sigmoid(gap) * static_cast<double>(visible_);
}

EnergyModel::AisResult RbmModel::estimate_log_z(int runs, int temperatures, const torch::Tensor& data_mean,
                                                torch::Generator& gen, const Progress& progress) {
  if (!data_mean.defined() || data_mean.numel() != visible_) {
    throw Error("AIS needs the mean of the binary training images (" + std::to_string(visible_) + " values).");
  }
  torch::NoGradGuard no_grad;
  return ais_log_partition(W_, b_, c_, data_mean.reshape({visible_}).to(torch::kFloat32), runs, temperatures, gen,
                           progress);
}

torch::Tensor RbmModel::decode(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != visible_) {
    throw Error("The RBM starts its Gibbs chains from noise of " + std::to_string(visible_) +
                " numbers per image; got a tensor of shape " + c10::str(z.sizes()) + ".");
  }
  auto gen = at::make_generator<at::CPUGeneratorImpl>(20261);
  const torch::Tensor v0 = z.lt(0.5).to(torch::kFloat32).reshape({z.size(0), shape_.channels, shape_.height, shape_.width});
  return gibbs(v0, sample_steps_, {}, gen);
}

torch::Tensor RbmModel::prior_sample(int64_t n, torch::Generator& gen) const {
  return torch::rand({n, visible_}, gen);
}

bool RbmModel::set_live_param(const std::string& key, const std::string& value) {
  if (key == "lr") lr_ = std::strtod(value.c_str(), nullptr);
  else if (key == "cd_k") cd_k_ = std::atoi(value.c_str());
  else if (key == "persistent") persistent_ = value == "true", chain_ = torch::Tensor();
  else if (key == "binarize") stochastic_binarize_ = value == "stochastic";
  else if (key == "momentum") momentum_ = std::strtod(value.c_str(), nullptr);
  else if (key == "weight_decay") weight_decay_ = std::strtod(value.c_str(), nullptr);
  else if (key == "sample_steps") sample_steps_ = std::atoi(value.c_str());
  else if (key == "batch_size") return true;  // the trainer reads it per run
  else return false;
  return true;
}

void RbmModel::save_state(torch::serialize::OutputArchive& archive) const {
  archive.write("rbm.W", W_);
  archive.write("rbm.b", b_);
  archive.write("rbm.c", c_);
  archive.write("rbm.momentum_W", vW_);
  archive.write("rbm.momentum_b", vb_);
  archive.write("rbm.momentum_c", vc_);
  archive.write("rbm.biases_initialised", torch::tensor({biases_initialised_ ? 1L : 0L}, torch::kLong));
}

void RbmModel::load_state(torch::serialize::InputArchive& archive) {
  auto read = [&](const char* key, torch::Tensor& into) {
    torch::Tensor t;
    try {
      archive.read(key, t);
    } catch (const c10::Error&) {
      throw Error(std::string("The checkpoint has no RBM tensor '") + key + "'.");
    }
    if (t.sizes() != into.sizes()) {
      throw Error(std::string("The checkpoint's RBM tensor '") + key + "' has shape " + c10::str(t.sizes()) +
                  " but the model needs " + c10::str(into.sizes()) + ".");
    }
    into = t.to(torch::kFloat32).contiguous().clone();
  };
  read("rbm.W", W_);
  read("rbm.b", b_);
  read("rbm.c", c_);
  read("rbm.momentum_W", vW_);
  read("rbm.momentum_b", vb_);
  read("rbm.momentum_c", vc_);
  torch::Tensor flag = torch::zeros({1}, torch::kLong);
  read("rbm.biases_initialised", flag);
  biases_initialised_ = flag.item<int64_t>() != 0;
  chain_ = torch::Tensor();
}

}  // namespace gs
