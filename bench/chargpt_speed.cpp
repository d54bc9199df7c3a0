// chargpt_speed.cpp — the like-for-like numbers bench/chargpt_train.sh reports
// for the character GPT: training steps/s and tokens/s of the model's own
// train_step on fortunes batches (the BatchSampler the trainer uses, no
// validation probe or samples, so it is the same work as
// bench/chargpt_torch_peer.py), and generation speed (characters/s with the
// KV cache) at a given context.
//
// Usage: bench_chargpt_speed train  [--steps N] [--warmup W] [--threads T] [--set key=value …]
//        bench_chargpt_speed generate [--context C] [--chars N] [--threads T] [--set key=value …]
// Prints one JSON line.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/common/error.h"
#include "core/data/text_corpus.h"
#include "core/models/chargpt/chargpt_model.h"
#include "core/train/batch_sampler.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s train|generate [options]\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  long steps = 100, warmup = 10, chars = 500;
  int threads = 2;
  gs::ParamValues given;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--steps") steps = std::atol(v.c_str());
    else if (k == "--warmup") warmup = std::atol(v.c_str());
    else if (k == "--threads") threads = std::atoi(v.c_str());
    else if (k == "--chars") chars = std::atol(v.c_str());
    else if (k == "--context") given["context"] = v;
    else if (k == "--set") given.insert(gs::parse_assignment(v));
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  try {
    at::set_num_threads(threads);
    const gs::ImageDataset data = gs::load_fortunes("", 0);
    const gs::ParamValues p = gs::resolve_params(gs::CharGptModel::param_specs(), given);
    torch::manual_seed(1);
    gs::CharGptModel model(p, data.shape);
    if (mode == "train") {
      const long batch = gs::param_int(p, "batch_size");
      gs::BatchSampler sampler(data.train_images, batch, 1);
      model.set_training(true);
      for (long s = 0; s < warmup; ++s) model.train_step(sampler.batch(s));
      const auto t0 = std::chrono::steady_clock::now();
      torch::Tensor last;
      for (long s = 0; s < steps; ++s) last = model.train_step(sampler.batch(warmup + s));
      const double loss = last[0].item<double>();
      const double secs = seconds_since(t0);
      std::printf("{\"steps_per_second\": %.3f, \"tokens_per_second\": %.0f, \"loss\": %.4f, \"threads\": %d}\n",
                  steps / secs, steps * batch * gs::param_int(p, "context") / secs, loss, threads);
    } else {
      model.set_training(false);
      c10::InferenceMode guard;
      auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
      const std::vector<int64_t> prompt(static_cast<size_t>(model.context_length()), 0);
      model.generate(prompt, 20, {}, gen);  // warm-up
      const auto t0 = std::chrono::steady_clock::now();
      const auto out = model.generate(prompt, static_cast<int>(chars), {}, gen);
      const double secs = seconds_since(t0);
      std::printf("{\"chars_per_second\": %.1f, \"context\": %ld, \"chars\": %zu, \"threads\": %d}\n",
                  out.size() / secs, static_cast<long>(model.context_length()), out.size(), threads);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_chargpt_speed: %s\n", e.what());
    return 1;
  }
  return 0;
}
