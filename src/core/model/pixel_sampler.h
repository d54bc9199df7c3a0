// pixel_sampler.h — the side interface of autoregressive image models
// (PixelCNN): each sub-pixel's predicted distribution over its 256 values
// given the pixels before it in raster order, and drawing pixels one at a time
// (sampling, completing a partly hidden image), with whatever the model can
// cache between pixels.
//
// Reached through GenerativeModel::pixel_sampler(), which returns nullptr for
// other models; a model returns non-null exactly when its capabilities()
// include kSamplesPixels (tests/test_model_registry.cpp).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's; call without
// gradients. Failure modes: gs::Error for images or masks of the wrong shape
// and a temperature ≤ 0.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace gs {

class PixelSampler {
 public:
  virtual ~PixelSampler() = default;

  // Called after each drawn pixel (row, col) with the distribution it was drawn
  // from, [N, C, 256] probabilities (after temperature); return false to stop.
  using PixelCallback = std::function<bool(int64_t row, int64_t col, const torch::Tensor& probs)>;

  // Probabilities of the 256 values of every sub-pixel given the images,
  // [N, C, H, W, 256]; the distribution at a pixel depends only on the pixels
  // before it in raster order (and, for C > 1, on the earlier channels).
  virtual torch::Tensor pixel_distribution(const torch::Tensor& images) = 0;
  // Draws the pixels where `todo` ([N, 1, H, W] bool) is true, in raster order,
  // each from its predicted distribution with probabilities ∝ p^(1/temperature),
  // and keeps the others; images [N, C, H, W] in [0, 1]. Returns the images.
  virtual torch::Tensor sample_pixels(const torch::Tensor& images, const torch::Tensor& todo, double temperature,
                                      torch::Generator& gen, const PixelCallback& on_pixel = {}) = 0;
};

}  // namespace gs
