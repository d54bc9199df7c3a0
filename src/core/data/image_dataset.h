// image_dataset.h — an in-memory image dataset: float images in [0, 1] with
// optional labels and class names, split into train and test parts.
//
// Ownership: value type; tensors share storage when copied. Thread affinity: read
// from any thread once built. Failure modes: loaders throw gs::Error.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

#include "core/model/generative_model.h"

namespace gs {

struct ImageDataset {
  std::string id;
  std::string description;               // one line, for status bars and `info`
  ImageShape shape;
  torch::Tensor train_images;            // [N, C, H, W] float32 in [0, 1]
  torch::Tensor train_labels;            // [N] int64, or undefined
  torch::Tensor test_images;             // [M, C, H, W], may be empty (M = 0)
  torch::Tensor test_labels;
  std::vector<std::string> class_names;  // empty when unlabelled
  std::vector<std::string> warnings;     // e.g. files skipped while loading

  // Point data only (shape.points): the mixture's mode centres and their common
  // standard deviation when the distribution has modes (ring8, grid25), for the
  // mode-coverage metric; and a way to draw fresh samples of the true
  // distribution (for density estimates), when known.
  std::vector<std::vector<float>> modes;
  double mode_std = 0;
  std::function<torch::Tensor(int64_t n, uint64_t seed)> draw;

  int64_t train_size() const { return train_images.defined() ? train_images.size(0) : 0; }
  int64_t test_size() const { return test_images.defined() ? test_images.size(0) : 0; }
};

}  // namespace gs
