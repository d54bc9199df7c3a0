// pixelcnn_sampler.h — drawing PixelCNN images pixel by pixel, by inverse CDF
// with given uniform noise u ∈ [0, 1) per sub-pixel: value = #{v : CDF(v) < u}.
//
// sample_cached computes what each pixel needs and nothing else: once a row is
// complete, one row of every vertical layer (a (k/2+1)-row strip of the cached
// rows above); then, per pixel, one column of every horizontal layer as matrix
// products over the cached columns to its left, and the head at that column.
// A row with nothing to draw only updates the vertical caches. The whole batch
// is drawn at once. sample_naive runs the full network for every pixel (the
// reference the tests and the bench compare against). With the same noise both
// draw the same images (up to float rounding at a CDF boundary).
//
// Class-conditional nets draw image i of class labels[i] (labels [N] int64, or
// undefined for an unconditional net).
//
// Ownership: functions over a network the caller owns. Thread affinity: the
// caller's; call without gradients (InferenceMode). Failure modes: none of
// their own (shapes are checked by PixelCnnModel before).
#pragma once

#include <torch/torch.h>

#include "core/model/pixel_sampler.h"
#include "core/models/pixelcnn/pixelcnn_nets.h"

namespace gs {

// Images [N, 1, H, W] in [0, 1] with the pixels where `todo` ([N, 1, H, W]
// bool) is true drawn from softmax(logits / temperature) using `noise` (same
// shape as images, uniform in [0, 1)); the others kept. on_pixel gets each
// drawn pixel's probabilities [N, 1, 256]; returning false stops early.
torch::Tensor sample_cached(PixelCnnNetImpl& net, const torch::Tensor& images, const torch::Tensor& todo,
                            double temperature, const torch::Tensor& noise,
                            const PixelSampler::PixelCallback& on_pixel = {}, const torch::Tensor& labels = {});
torch::Tensor sample_naive(PixelCnnNetImpl& net, const torch::Tensor& images, const torch::Tensor& todo,
                           double temperature, const torch::Tensor& noise,
                           const PixelSampler::PixelCallback& on_pixel = {}, const torch::Tensor& labels = {});

// The value ∈ {0…255} drawn by inverse CDF: probs [N, 256], u [N] → [N] int64.
torch::Tensor inverse_cdf(const torch::Tensor& probs, const torch::Tensor& u);

}  // namespace gs
