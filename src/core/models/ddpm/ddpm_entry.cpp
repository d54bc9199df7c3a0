// ddpm_entry.cpp — registry entry "ddpm" (denoising diffusion, DDPM / DDIM sampling).
#include "core/model/capabilities.h"
#include "core/models/builtin_models.h"
#include "core/models/ddpm/ddpm_model.h"

namespace gs {

ModelEntry ddpm_entry() {
  ModelEntry e = ModelEntry::named(
      "ddpm", "Diffusion (DDPM / DDIM)",
      "Denoising diffusion: noise is added to the data over T steps and a network (a small U-Net for images, "
      "an MLP for 2-D points) learns to predict it; samples are refined from pure noise step by step, by DDPM "
      "(all T steps) or DDIM (a few steps, deterministic at η = 0).",
      kCanSample | kCanDecode | kIterative);
  e.info.params = DdpmModel::param_specs();
  e.info.loss_names = DdpmModel::static_loss_names();
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<DdpmModel>(p, s); };
  return e;
}

}  // namespace gs
