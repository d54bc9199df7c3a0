// model_image.h — a picture as the tensor a family explorer feeds its model:
// [1, C, H, W] float32 in [0, 1] at the model's size, gray or RGB converted to
// the model's channel count (the mean of the channels, rounded to 8-bit levels).
//
// Ownership: returns a fresh tensor (the image is copied). Thread affinity:
// none. Failure modes: gs::Error with a sentence naming `who` ("The pixel
// explorer", "The diffusion explorer") for an empty or malformed image or one
// whose size is not the model's.
#pragma once

#include <torch/torch.h>

#include <string>

#include "core/common/image.h"
#include "core/model/generative_model.h"

namespace gs {

torch::Tensor model_image_tensor(const Image& image, const ImageShape& shape, const std::string& who);

}  // namespace gs
