// realnvp_entry.cpp — registry entry "realnvp" (normalising flow; 2-D points or images).
#include "core/model/capabilities.h"
#include "core/models/builtin_models.h"
#include "core/models/realnvp/realnvp_model.h"

namespace gs {

ModelEntry realnvp_entry() {
  ModelEntry e = ModelEntry::named(
      "realnvp", "RealNVP (normalising flow)",
      "An invertible network trained by exact likelihood: affine couplings with alternating masks on 2-D points; "
      "on images a multi-scale flow (checkerboard and channel couplings, squeeze, factor-out) over dequantised "
      "8-bit pixels, reporting bits per dimension.",
      kCanSample | kCanEncode | kCanDecode | kCanReconstruct | kCanLogProb | kInvertible | kCanScore);
  e.info.params = RealNvpModel::param_specs();
  e.info.loss_names = {"bits_per_dim", "nll_nats"};
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<RealNvpModel>(p, s); };
  return e;
}

}  // namespace gs
