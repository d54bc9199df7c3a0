// pixel_explorer.h — the torch-free facade for exploring an autoregressive
// pixel model (PixelSampler + LikelihoodModel, e.g. PixelCNN) through an
// Explorer: recorded pixel-by-pixel sampling for playback, completions of
// partly hidden images, and per-pixel log-likelihood maps.
//
// Ownership: borrows the Explorer (which must outlive it); results are values.
// Thread affinity: the Explorer's (the exploration thread). Failure modes:
// the constructor throws gs::Error when the model draws no pixels (likelihood()
// when it has no per-pixel likelihood); calls throw gs::Error with a sentence for images of another
// size, an empty mask, counts out of range or a temperature ≤ 0.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/image.h"

namespace gs {

class Explorer;

// One drawn pixel of a recorded sampling run.
struct PixelStep {
  int row = 0, col = 0;
  std::vector<uint8_t> values;  // the value drawn at (row, col) in each image
  std::vector<float> probs;     // the first image's 256 probabilities there (after temperature)
};

// A sampling (or completion) run, step by step: replaying steps[0..k) onto
// `start` gives the images after k pixels.
struct PixelRecording {
  int width = 0, height = 0, count = 0;
  std::vector<Image> start;     // the images before the first step (gray; hidden pixels black)
  std::vector<uint8_t> hidden;  // height × width, 1 where a pixel is drawn (all 1 for sampling)
  std::vector<PixelStep> steps;
  std::vector<Image> final;     // the finished images
  double seconds = 0;           // wall time of the drawing
};

struct PixelLikelihood {
  int width = 0, height = 0;
  std::vector<float> nll;       // height × width, nats per pixel (−log p of its 8-bit value)
  double nll_nats = 0;          // sum over the image
  double bits_per_dim = 0;
};

class PixelExplorer {
 public:
  explicit PixelExplorer(const Explorer& explorer);

  int width() const;
  int height() const;
  // `count` (1…64) images drawn from scratch at `temperature`, every step
  // recorded. Class-conditional models draw `class_label` (−1: the model's
  // choice, for PixelCNN image i of class i mod K); others ignore it.
  PixelRecording sample(int count, double temperature, unsigned long seed, int class_label = -1) const;
  // `count` (1…64) completions of `image` (the model's size, gray or RGB) where
  // `hidden` (height × width, non-zero = hidden) is set, every step recorded.
  PixelRecording complete(const Image& image, const std::vector<uint8_t>& hidden, int count, double temperature,
                          unsigned long seed, int class_label = -1) const;
  PixelLikelihood likelihood(const Image& image) const;
  // Test image `index` of the explorer's dataset as the model sees it.
  Image test_image(int index) const;
  int test_images() const;

 private:
  const Explorer& explorer_;
};

}  // namespace gs
