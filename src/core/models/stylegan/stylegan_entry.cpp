// stylegan_entry.cpp — registry entry "stylegan" (style-based generator).
#include "core/models/builtin_models.h"
#include "core/models/stylegan/stylegan_model.h"

namespace gs {

ModelEntry stylegan_entry() {
  ModelEntry e = ModelEntry::named(
      "stylegan", "Style-based generator",
      "Mapping network z → w, synthesis from a learned constant through style-modulated convolutions "
      "with per-layer noise; style mixing during training and a running w̄ for truncation.",
      kCanSample | kCanDecode | kHasStyles);
  e.info.params = StyleGanModel::param_specs();
  e.info.loss_names = {"d_loss", "g_loss", "r1", "d_x", "d_g_z"};
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<StyleGanModel>(p, s); };
  return e;
}

}  // namespace gs
