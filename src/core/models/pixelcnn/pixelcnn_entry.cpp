// pixelcnn_entry.cpp — registry entry "pixelcnn" (Gated PixelCNN).
#include "core/model/capabilities.h"
#include "core/models/builtin_models.h"
#include "core/models/pixelcnn/pixelcnn_model.h"

namespace gs {

ModelEntry pixelcnn_entry() {
  ModelEntry e = ModelEntry::named(
      "pixelcnn", "Gated PixelCNN",
      "Autoregressive model of gray images: each pixel's 256 values predicted from the pixels above and "
      "to its left (vertical and horizontal gated stacks, no blind spot); exact likelihood in bits/dim, "
      "sampling pixel by pixel.",
      kCanSample | kCanLogProb | kSamplesPixels);
  e.info.params = PixelCnnModel::param_specs();
  e.info.loss_names = {"bits_per_dim", "nll_nats"};
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<PixelCnnModel>(p, s); };
  return e;
}

}  // namespace gs
