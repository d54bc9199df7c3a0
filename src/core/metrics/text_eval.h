// text_eval.h — validation loss of text models (TextModel::window_nll) in nats
// and bits per character, and the probe the training session runs at its log
// interval.
//
// The validation chunks ([M, 1, 1, L] token ids, core/data/text_corpus.h) are
// cut into non-overlapping windows of context + 1 characters (stride
// context), and every character after the first of each window is predicted
// from the ones before it in its window (as nanoGPT's estimate does).
//
// Ownership: values and a small class owning its tensors. Thread affinity: the
// model's thread. Failure modes: gs::Error for a model without text(), chunks
// shorter than two characters or no chunks at all.
#pragma once

#include <torch/torch.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/model/generative_model.h"

namespace gs {

struct TextEvalResult {
  int64_t characters = 0;  // predictions evaluated
  double nats = 0;         // mean negative log-likelihood per character, nats
  double bits = 0;         // the same in bits per character
  double seconds = 0;
};

// Stops after the batch during which `max_seconds` (> 0) ran out.
TextEvalResult evaluate_text(GenerativeModel& model, const torch::Tensor& chunks, double max_seconds = 0,
                             int64_t batch_size = 64);

// At most `share` of the wall time: evaluates when the time since the last
// evaluation is at least (1 − share)/share times what it cost; the first call
// always evaluates, bounded by `first_seconds`, which fixes the subset.
// Appends val_nats_per_char and val_bits_per_char when it evaluated.
class TextValidationProbe {
 public:
  explicit TextValidationProbe(torch::Tensor chunks, double share = 0.08, double first_seconds = 2.0);
  void maybe_run(GenerativeModel& model, std::vector<std::string>* names, std::vector<double>* values);

 private:
  torch::Tensor windows_;  // [W, context + 1], built on the first call
  torch::Tensor chunks_;
  double share_, first_seconds_;
  bool first_ = true;
  double cost_ = 0;
  std::chrono::steady_clock::time_point last_end_;
};

}  // namespace gs
