// conditional_eval.cpp — the numbers bench/conditional.sh reports for a
// class-conditional checkpoint on Fashion-MNIST:
//   ddpm: the class accuracy of its samples at guidance w = 0, 1, 3 — N samples
//     of each class (DDIM, the model's sample_steps, η = 0), labelled by a
//     classifier trained here on the training images (a one-hidden-layer MLP,
//     3 epochs; its accuracy on the real test images is printed as the ceiling);
//   pixelcnn: test bits/dim of p(x | y) with the true label (what training
//     reports) and of the marginal p(x) = Σ_y p(y) p(x | y) (what `eval` reports),
//     or for an unconditional PixelCNN its p(x).
// Usage: bench_conditional_eval CHECKPOINT [--per-class N] [--test N] [--classifier-images N] [--threads T]
//   (the classifier trains on the first N training images, 20000 by default)
// Prints "key: value" lines.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/common/error.h"
#include "core/explore/explorer.h"
#include "core/train/session_impl.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A 784-256-10 MLP trained with Adam on the training images.
torch::nn::Sequential train_classifier(const torch::Tensor& x, const torch::Tensor& y, int64_t classes) {
  torch::manual_seed(1);
  const int64_t d = x[0].numel();
  torch::nn::Sequential net(torch::nn::Flatten(), torch::nn::Linear(d, 256), torch::nn::ReLU(),
                            torch::nn::Linear(256, classes));
  torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
  for (int epoch = 0; epoch < 3; ++epoch) {
    torch::Tensor perm = torch::randperm(x.size(0));
    for (int64_t i = 0; i + 128 <= x.size(0); i += 128) {
      torch::Tensor rows = perm.narrow(0, i, 128);
      torch::Tensor loss = torch::nn::functional::cross_entropy(net->forward(x.index_select(0, rows)),
                                                                y.index_select(0, rows));
      opt.zero_grad();
      loss.backward();
      opt.step();
    }
  }
  return net;
}

double accuracy(torch::nn::Sequential& net, const torch::Tensor& x, const torch::Tensor& y) {
  torch::NoGradGuard no_grad;
  return net->forward(x).argmax(1).eq(y).to(torch::kFloat64).mean().item<double>();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CHECKPOINT [--per-class N] [--test N] [--threads T]\n", argv[0]);
    return 2;
  }
  long per_class = 100, test_n = -1, clf_images = 20000;
  int threads = 2;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--per-class") per_class = std::atol(argv[i + 1]);
    else if (k == "--test") test_n = std::atol(argv[i + 1]);
    else if (k == "--classifier-images") clf_images = std::atol(argv[i + 1]);
    else if (k == "--threads") threads = std::atoi(argv[i + 1]);
  }
  try {
    at::set_num_threads(threads);
    auto explorer = gs::Explorer::open(argv[1]);
    gs::TrainingSession::Impl& impl = explorer->internals();
    impl.ensure_data();
    const gs::ImageDataset& data = *impl.data;
    gs::GenerativeModel& model = *impl.model;
    gs::ClassConditional* cond = model.conditional();
    std::printf("model: %s, step %ld, %s\n", impl.info.id.c_str(), impl.step,
                cond ? "class-conditional" : "unconditional");
    model.set_training(false);
    if (model.diffusion()) {
      if (!cond) throw gs::Error("The diffusion checkpoint did not learn from class labels.");
      const int64_t K = cond->num_classes();
      auto t0 = std::chrono::steady_clock::now();
      const int64_t clf_n = std::min<int64_t>(clf_images, data.train_images.size(0));
      torch::nn::Sequential clf =
          train_classifier(data.train_images.narrow(0, 0, clf_n), data.train_labels.narrow(0, 0, clf_n), K);
      clf->eval();
      std::printf("classifier: MLP 784-256-%ld, 3 epochs on %ld training images (%.0f s)\n", static_cast<long>(K),
                  static_cast<long>(clf_n), seconds_since(t0));
      std::printf("classifier_test_accuracy: %.4f\n", accuracy(clf, data.test_images, data.test_labels));
      c10::InferenceMode guard;
      for (double w : {0.0, 1.0, 3.0}) {
        t0 = std::chrono::steady_clock::now();
        auto gen = at::make_generator<at::CPUGeneratorImpl>(2026);
        torch::Tensor labels = torch::arange(K, torch::kLong).repeat_interleave(per_class);
        std::vector<torch::Tensor> parts;
        for (int64_t i = 0; i < labels.size(0); i += 100) {
          parts.push_back(cond->sample_classes(labels.narrow(0, i, std::min<int64_t>(100, labels.size(0) - i)), w, gen));
        }
        const double acc = accuracy(clf, torch::cat(parts), labels);
        std::printf("class_accuracy_w%.0f: %.4f (%ld samples, %.0f s)\n", w, acc, static_cast<long>(labels.size(0)),
                    seconds_since(t0));
      }
      return 0;
    }
    if (!model.likelihood()) throw gs::Error("The checkpoint has neither a diffusion model nor a likelihood.");
    const int64_t n = test_n > 0 ? std::min<int64_t>(test_n, data.test_images.size(0)) : data.test_images.size(0);
    const torch::Tensor x = data.test_images.narrow(0, 0, n), y = data.test_labels.narrow(0, 0, n);
    const double dims = static_cast<double>(x[0].numel()) * std::log(2.0);
    c10::InferenceMode guard;
    double given = 0, marginal = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < n; i += 200) {
      const int64_t m = std::min<int64_t>(200, n - i);
      marginal += model.likelihood()->nll_nats(x.narrow(0, i, m)).sum().item<double>();
      if (cond) given += cond->nll_nats_given(x.narrow(0, i, m), y.narrow(0, i, m)).sum().item<double>();
    }
    std::printf("test_images: %ld (%.0f s)\n", static_cast<long>(n), seconds_since(t0));
    std::printf("test_bits_per_dim_p_x: %.4f\n", marginal / static_cast<double>(n) / dims);
    if (cond) std::printf("test_bits_per_dim_p_x_given_y: %.4f\n", given / static_cast<double>(n) / dims);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
