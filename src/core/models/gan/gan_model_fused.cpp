// gan_model_fused.cpp — GanModel's hooks for the fused MLP step (gan_fused_path.h).
#include <cstring>

#include "core/models/gan/gan_fused_path.h"
#include "core/models/gan/gan_model.h"

namespace gs {

GanModel::~GanModel() = default;

void GanModel::init_fused_step(const ParamValues& p) {
  if (config_.arch != "mlp") return;
  fused_ = std::make_unique<GanFusedPath>(config_, *opt_g_, *opt_d_);
  const auto it = p.find("step");
  fused_enabled_ = it == p.end() || it->second != "autograd";
}

bool GanModel::uses_fused_step(const torch::Tensor& batch) const {
  return fused_ && fused_enabled_ && batch.dim() >= 1 && batch.scalar_type() == torch::kFloat &&
         batch.is_contiguous() && batch.device().is_cpu() && batch.numel() == batch.size(0) * fused_->sample_width() &&
         GanFusedPath::covers(config_, loss_, gp_weight_, r1_gamma_, batch.size(0));
}

torch::Tensor GanModel::fused_train_step_part(const torch::Tensor& batch, TrainPart part) {
  const int64_t b = batch.size(0);
  // The same draws as the autograd path: torch::randn is empty() + normal_().
  if (!fused_z_.defined() || fused_z_.size(0) != b) fused_z_ = torch::empty({b, config_.latent_dim});
  const float scale = config_.shape.points ? 1.0f : 2.0f, shift = config_.shape.points ? 0.0f : -1.0f;
  auto d_step = [&] {
    fused_z_.normal_();
    const FusedDStats s = fused_->discriminator_step(batch.data_ptr<float>(), scale, shift,
                                                     fused_z_.data_ptr<float>(), b, loss_, label_smoothing_);
    ++d_updates_;
    fused_stats_[0] = s.total;
    fused_stats_[2] = s.real;
    fused_stats_[3] = s.fake;
    fused_stats_[4] = s.d_x;
    fused_stats_[5] = s.d_gz;
    fused_stats_[6] = 0;  // no penalty on this path
  };
  auto g_step = [&] {
    fused_z_.normal_();
    fused_stats_[1] = fused_->generator_step(fused_z_.data_ptr<float>(), b, loss_);
    ++g_updates_;
    if (g_ema_ > 0) update_ema();
  };
  if (!fused_stats_pending_) {
    // Carry the autograd path's latest values (g_loss when n_critic > 1) into this one's.
    const torch::Tensor last = losses();
    std::memcpy(fused_stats_.data(), last.data_ptr<float>(), sizeof(float) * fused_stats_.size());
    fused_stats_pending_ = true;
  }
  switch (part) {
    case TrainPart::Both:
      d_step();
      if (++steps_ % n_critic_ == 0) g_step();
      break;
    case TrainPart::DiscriminatorOnly: d_step(); break;
    case TrainPart::GeneratorOnly: g_step(); break;
  }
  torch::Tensor out = torch::empty({static_cast<int64_t>(fused_stats_.size())});
  std::memcpy(out.data_ptr<float>(), fused_stats_.data(), sizeof(float) * fused_stats_.size());
  return out;
}

void GanModel::adopt_fused_stats() {
  if (!fused_stats_pending_) return;
  torch::Tensor* slots[] = {&d_loss_, &g_loss_, &d_real_, &d_fake_, &d_x_, &d_gz_, &gp_};
  for (size_t i = 0; i < fused_stats_.size(); ++i) *slots[i] = torch::scalar_tensor(fused_stats_[i]);
  fused_stats_pending_ = false;
}

}  // namespace gs
