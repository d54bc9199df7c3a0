// image_translator.h — the side interface of image-to-image models (CycleGAN,
// imported TorchScript translators): images of domain A into domain B, and
// back when the model has kTranslatesBack.
//
// Reached through GenerativeModel::translator(), which returns nullptr for
// models that do not translate; a model returns non-null exactly when its
// capabilities() include kCanTranslate (tests/test_model_registry.cpp).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's. Failure modes:
// gs::Error for a direction the model does not have (a_to_b = false without
// kTranslatesBack) or an input it cannot take.
#pragma once

#include <torch/torch.h>

namespace gs {

class ImageTranslator {
 public:
  virtual ~ImageTranslator() = default;

  // Images [N, C, H, W] in [0, 1] of domain A into domain B (a_to_b) or back,
  // [N, C, H, W] in [0, 1]; any size the model accepts (CycleGAN: every size).
  virtual torch::Tensor translate(const torch::Tensor& images, bool a_to_b) = 0;
};

}  // namespace gs
