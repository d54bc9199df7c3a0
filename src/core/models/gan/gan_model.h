// gan_model.h — GANs: the textbook MLP GAN (id "gan", also on 2-D points) and
// DCGAN (id "dcgan"), with selectable losses (gan_losses.h), D steps per G
// step, separate learning rates and Adam betas for G and D, one-sided label
// smoothing, the WGAN-GP gradient penalty and the R1 penalty on real data
// (r1_gamma, any loss; Mescheder et al. 2018), and an exponential moving
// average of the generator's weights (g_ema) that decode() and sampling use.
//
// One train_step is one discriminator update on the batch; every n_critic-th
// step also updates the generator. Images are scaled to [−1, 1] inside.
// DCGAN generates one fake batch per step when G is updated in it, as the PyTorch
// DCGAN example does: D judges it detached, then G's update backpropagates through
// the same batch judged by the updated D (one generator pass instead of two; the
// MLP GAN and the manual D-only / G-only steps draw a fresh batch for G).
// PacGAN packing (Lin et al. 2018): with pack = m the discriminator judges m
// samples concatenated, which penalises a generator that repeats itself (less
// mode collapse); score fields then judge each point packed with copies of itself.
// Reported: d_loss (= d_loss_real + d_loss_fake [+ λ·gp] [+ γ/2·R1]), g_loss
// (from the latest generator update), d_x and d_g_z (mean D(x), D(G(z)):
// probabilities for the cross-entropy losses, raw scores otherwise) and gp
// (the WGAN-GP penalty, or E‖∇D(x)‖² at the real data when R1 is on).
// score() and generator_push() are its DataCritic side (critic(), kCanScore).
//
// The "mlp" architecture trains through GanFusedPath (gan_fused_path.h: forward
// and backward by hand, no autograd) whenever it covers the configuration
// (param "step" = fused, the default); everything else uses autograd.
//
// Ownership: owns both networks and both optimizers. Thread affinity: one
// thread at a time. Failure modes: gs::Error from construction for unusable
// parameters; load_state validates everything before changing anything.
#pragma once

#include <array>
#include <memory>

#include "core/model/generative_model.h"
#include "core/models/gan/gan_losses.h"
#include "core/models/gan/gan_nets.h"
#include "core/train/flat_adam.h"

namespace gs {

class GanFusedPath;

class GanModel : public GenerativeModel, public DataCritic {
 public:
  GanModel(const std::string& arch, const ParamValues& params, ImageShape shape);
  ~GanModel() override;  // gan_model_fused.cpp

  std::string id() const override { return config_.arch == "dcgan" ? "dcgan" : "gan"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return config_.shape; }
  int64_t latent_dim() const override { return config_.latent_dim; }
  std::vector<std::string> loss_names() const override;

  torch::Tensor train_step(const torch::Tensor& batch) override;
  torch::Tensor train_step_part(const torch::Tensor& batch, TrainPart part) override;
  torch::Tensor decode(const torch::Tensor& z) override;
  DataCritic* critic() override { return this; }
  torch::Tensor score(const torch::Tensor& x) override;
  torch::Tensor features(const torch::Tensor& z) override;
  torch::Tensor generator_push(const torch::Tensor& x) override;
  bool set_live_param(const std::string& key, const std::string& value) override;

  ModelGraph graph() override;  // gan_graph.cpp

  void set_learning_rate(double lr) override;
  void set_training(bool training) override;
  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs(bool dcgan);

  // Current settings and update counts (for tests and diagnostics; read-only).
  double generator_lr() const { return opt_g_->lr(); }
  double discriminator_lr() const { return opt_d_->lr(); }
  GanLoss loss_kind() const { return loss_; }
  int64_t n_critic() const { return n_critic_; }
  int64_t discriminator_updates() const { return d_updates_; }
  int64_t generator_updates() const { return g_updates_; }
  bool discriminator_has_batch_norm() const { return config_.batch_norm_in_d; }
  const FlatAdam& generator_optimizer() const { return *opt_g_; }      // flat weights and gradients
  const FlatAdam& discriminator_optimizer() const { return *opt_d_; }
  // Whether a batch of this size trains on the fused path (gan_model_fused.cpp).
  bool uses_fused_step(const torch::Tensor& batch) const;

 private:
  torch::Tensor to_model_space(const torch::Tensor& batch) const;
  torch::Tensor pack(const torch::Tensor& x) const;        // [B, …] → [B / pack, pack·…]
  torch::Tensor pack_copies(const torch::Tensor& x) const;  // each sample judged with itself
  torch::Tensor judge(const torch::Tensor& x);       // D on a packed batch, [B / pack]
  // keep_fake: generate with autograd and keep the batch for the generator step that follows.
  void discriminator_step(const torch::Tensor& real, bool keep_fake);
  void generator_step(int64_t batch_size);
  void set_discriminator_trainable(bool trainable);
  void reset_ema();               // the average := the generator
  void update_ema();              // after each generator update, when g_ema > 0
  void copy_generator_buffers();  // batch-norm statistics into the averaged copy
  torch::nn::Sequential& sampling_generator();  // the average when g_ema > 0
  torch::Tensor losses() const;
  // The fused MLP step (gan_model_fused.cpp): hooks kept out of this file's autograd path.
  void init_fused_step(const ParamValues& params);
  torch::Tensor fused_train_step_part(const torch::Tensor& batch, TrainPart part);
  void adopt_fused_stats();  // the fused path's latest losses into the tensors losses() reads

  GanNetConfig config_;
  bool d_norm_requested_ = true;  // dcgan's d_norm = batchnorm (wgan-gp still has none)
  GanLoss loss_ = GanLoss::NonSaturating;
  int64_t n_critic_ = 1;
  double gp_weight_ = 10;
  double label_smoothing_ = 0;
  double r1_gamma_ = 0;  // R1 penalty on real data (0: off)
  double g_ema_ = 0;     // decay of the generator's weight average (0: sample G itself)
  int64_t ema_updates_ = 0;
  torch::nn::Sequential ema_generator_{nullptr};  // parameters are views of ema_flat_
  torch::Tensor ema_flat_;
  int64_t steps_ = 0;
  bool reuse_fake_ = false;   // DCGAN: G's update reuses the D step's fake batch
  torch::Tensor kept_fake_;   // that batch, with G's graph, until the generator step
  int64_t d_updates_ = 0, g_updates_ = 0;  // optimizer steps taken by D and by G
  GanNets nets_;
  std::unique_ptr<FlatAdam> opt_g_, opt_d_;
  // Latest values, kept as tensors so the hot loop never synchronises.
  torch::Tensor d_loss_, d_real_, d_fake_, g_loss_, d_x_, d_gz_, gp_;
  // Fused path (gan_fused_path.h): null for DCGAN.
  std::unique_ptr<GanFusedPath> fused_;
  bool fused_enabled_ = false;
  bool fused_stats_pending_ = false;
  std::array<float, 7> fused_stats_{};  // in losses() order
  torch::Tensor fused_z_;               // the noise buffer, reused across steps
};

}  // namespace gs
