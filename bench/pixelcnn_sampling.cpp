// pixelcnn_sampling.cpp — the numbers bench/pixelcnn_bpd.sh reports for a
// trained PixelCNN checkpoint: test bits/dim on the Fashion-MNIST test set
// (the model's exact NLL, batched), the per-pixel independent baseline (a
// 256-way histogram per pixel fitted on the training set, add-one smoothed,
// scored on the same test images), and the time to draw 64 samples with the
// cached sampler and with the naive one that reruns the whole network for
// every pixel (same noise, so the same images; the bench checks that too).
//
// Usage: bench_pixelcnn_sampling CHECKPOINT [--test N] [--naive-rows R] [--threads T]
//   --test N        score the first N test images (default: all)
//   --naive-rows R  time the naive sampler on the first R rows only and scale
//                   by H/R (0: skip it; default: all rows)
// Prints "key: value" lines.
#include <ATen/Parallel.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/common/error.h"
#include "core/explore/explorer.h"
#include "core/models/pixelcnn/pixelcnn_model.h"
#include "core/train/session_impl.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

torch::Tensor values_of(const torch::Tensor& x) { return (x * 255.0).round().clamp(0, 255).to(torch::kLong); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CHECKPOINT [--test N] [--naive-rows R] [--threads T]\n", argv[0]);
    return 2;
  }
  long test_n = -1, naive_rows = -1;
  int threads = 2;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--test") test_n = std::atol(argv[i + 1]);
    else if (k == "--naive-rows") naive_rows = std::atol(argv[i + 1]);
    else if (k == "--threads") threads = std::atoi(argv[i + 1]);
  }
  try {
    at::set_num_threads(threads);
    auto explorer = gs::Explorer::open(argv[1]);
    gs::TrainingSession::Impl& impl = explorer->internals();
    auto* model = dynamic_cast<gs::PixelCnnModel*>(impl.model.get());  // the bench is PixelCNN's own
    if (!model) throw gs::Error("The checkpoint is not a PixelCNN.");
    impl.ensure_data();
    c10::InferenceMode guard;
    model->set_training(false);
    const gs::ImageShape s = impl.shape;

    // Test bits/dim, batched.
    torch::Tensor test = impl.data->test_images;
    if (test_n > 0 && test_n < test.size(0)) test = test.narrow(0, 0, test_n);
    double nats = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < test.size(0); i += 100) {
      nats += model->nll_nats(test.narrow(0, i, std::min<int64_t>(100, test.size(0) - i))).sum().item<double>();
    }
    std::printf("test_images: %ld\n", long(test.size(0)));
    std::printf("test_bits_per_dim: %.4f\n", gs::nats_to_bits_per_dim(nats / double(test.size(0)), s.numel()));
    std::printf("test_nll_nats: %.2f\n", nats / double(test.size(0)));
    std::printf("eval_seconds: %.1f\n", seconds_since(t0));

    // Per-pixel histogram baseline (add-one smoothing), fitted on the training images.
    torch::Tensor train = values_of(impl.data->train_images.reshape({impl.data->train_images.size(0), -1}));
    const int64_t D = s.numel();
    torch::Tensor counts = torch::ones({D, 256}, torch::kDouble);
    counts.scatter_add_(1, train.t().contiguous(), torch::ones({D, train.size(0)}, torch::kDouble));
    torch::Tensor logp = (counts / counts.sum(1, true)).log();
    torch::Tensor tv = values_of(test.reshape({test.size(0), -1}));
    const double base_nats = -logp.gather(1, tv.t().contiguous()).sum().item<double>() / double(test.size(0));
    std::printf("baseline_bits_per_dim: %.4f\n", gs::nats_to_bits_per_dim(base_nats, D));

    // 64 samples: cached, then naive with the same noise.
    const int64_t n = 64;
    torch::manual_seed(5);
    torch::Tensor noise = torch::rand({n, s.channels, s.height, s.width});
    torch::Tensor blank = torch::zeros_like(noise);
    torch::Tensor all = torch::ones({n, 1, s.height, s.width}, torch::kBool);
    t0 = std::chrono::steady_clock::now();
    torch::Tensor cached = model->sample_with_noise(blank, all, 1.0, noise, true);
    std::printf("sample64_cached_seconds: %.3f\n", seconds_since(t0));
    const long rows = naive_rows < 0 ? long(s.height) : std::min<long>(naive_rows, s.height);
    if (rows > 0) {
      torch::Tensor part = torch::zeros_like(all);
      part.narrow(2, 0, rows).fill_(true);
      t0 = std::chrono::steady_clock::now();
      torch::Tensor naive = model->sample_with_noise(blank, part, 1.0, noise, false);
      const double t = seconds_since(t0) * double(s.height) / double(rows);
      std::printf("sample64_naive_seconds: %.1f%s\n", t, rows < s.height ? " (scaled from the first rows)" : "");
      const bool same = torch::equal(naive.narrow(2, 0, rows), cached.narrow(2, 0, rows));
      std::printf("naive_equals_cached: %s\n", same ? "yes" : "no");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
