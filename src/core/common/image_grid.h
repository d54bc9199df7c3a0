// image_grid.h — tiles a batch of image tensors into one gs::Image.
//
// Ownership: returns by value. Thread affinity: none (QImage-free on purpose; a
// GUI converts the result on its worker thread). Failure modes: throws gs::Error
// for tensors that are not [N, 1|3, H, W].
#pragma once

#include <torch/torch.h>

#include "core/common/image.h"

namespace gs {

// images: [N, C, H, W] in [0, 1] (values are clamped). The grid has `columns`
// tiles per row separated by `padding` pixels of mid-gray background.
Image make_image_grid(const torch::Tensor& images, int columns, int padding = 2);

}  // namespace gs
