// fashion_classifier.h — GenStudio's own Fashion-MNIST classifier, the feature
// extractor behind the quality metrics (FID, KID, precision/recall) and the
// class histogram of generated samples. A small CNN: conv 3×3 32 → ReLU →
// max-pool 2 → conv 3×3 64 → ReLU → max-pool 2 → FC 128 (ReLU; the penultimate
// features) → FC 10. Its scores are GenStudio-classifier scores, not Inception
// scores: compare them only with each other and with the real-vs-real values.
//
// The file (".gsclf") is a LibTorch archive holding the weights and a JSON
// metadata record under "genstudio_classifier" (format version, architecture,
// test accuracy, the command that made it, the dataset, the creation time), so a
// file says what it is. Written atomically (core/common/atomic_file).
//
// Ownership: FashionClassifier owns its network. Thread affinity: one thread at
// a time (training, or evaluation without gradients). Failure modes: gs::Error
// with a sentence for a missing, damaged or foreign file, an unknown format
// version or architecture, and images that are not 1×28×28.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>

namespace gs {

struct ClassifierInfo {
  int format_version = 1;
  std::string architecture;   // "conv32-conv64-fc128-fc10"
  double test_accuracy = 0;   // 0–1 on the Fashion-MNIST test split
  std::string command;        // the command that trained it
  std::string dataset;        // "fashion-mnist (60000 training images, 10000 test images)"
  std::string created;        // UTC, ISO 8601
  int epochs = 0;
  unsigned long seed = 0;
};

struct ClassifierTraining {
  int epochs = 5;
  unsigned long seed = 1;
  int64_t batch_size = 128;
  double learning_rate = 1e-3;
  std::string command;  // recorded in the metadata
  // Called after every epoch with (epoch, train loss, test accuracy); return false to stop.
  std::function<bool(int epoch, double loss, double accuracy)> progress;
};

class FashionClassifier {
 public:
  FashionClassifier();
  ~FashionClassifier();
  FashionClassifier(FashionClassifier&&) noexcept;
  FashionClassifier& operator=(FashionClassifier&&) noexcept;

  static constexpr const char* kArchitecture = "conv32-conv64-fc128-fc10";
  static constexpr int kFeatureDim = 128;
  static constexpr int kClasses = 10;

  // Trains a fresh network on the given images ([N, 1, 28, 28] in [0, 1]) and
  // labels, measuring accuracy on the test split after each epoch.
  static FashionClassifier train(const torch::Tensor& train_images, const torch::Tensor& train_labels,
                                 const torch::Tensor& test_images, const torch::Tensor& test_labels,
                                 const ClassifierTraining& how);

  static FashionClassifier load(const std::string& path);
  void save(const std::string& path) const;

  const ClassifierInfo& info() const { return info_; }
  ClassifierInfo& info() { return info_; }

  // Penultimate features [N, 128] and logits [N, 10] of images [N, 1, 28, 28]
  // in [0, 1], in batches, without gradients.
  torch::Tensor features(const torch::Tensor& images) const;
  torch::Tensor logits(const torch::Tensor& images) const;
  // Both in one pass: features and the argmax class [N] (int64).
  void features_and_classes(const torch::Tensor& images, torch::Tensor* features, torch::Tensor* classes) const;
  // Share of correct argmax predictions.
  double accuracy(const torch::Tensor& images, const torch::Tensor& labels) const;

 private:
  struct Net;
  std::unique_ptr<Net> net_;
  ClassifierInfo info_;
};

}  // namespace gs
