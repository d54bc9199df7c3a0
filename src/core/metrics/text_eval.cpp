#include "core/metrics/text_eval.h"

#include <cmath>

#include "core/common/error.h"

namespace gs {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

TextModel& require_text(GenerativeModel& model) {
  TextModel* t = model.text();
  if (!t) throw Error("The model '" + model.id() + "' is not a text model.");
  return *t;
}

// Chunks [M, 1, 1, L] → windows [W, n + 1] with stride n.
torch::Tensor windows_of(const torch::Tensor& chunks, int64_t n) {
  if (!chunks.defined() || chunks.dim() != 4 || chunks.size(0) == 0) throw Error("There is no validation text.");
  const int64_t m = chunks.size(0), len = chunks.size(3);
  if (len < 2) throw Error("The validation text is too short to evaluate.");
  n = std::min(n, len - 1);
  const torch::Tensor ids = chunks.reshape({m, len}).to(torch::kLong);
  std::vector<torch::Tensor> parts;
  for (int64_t s = 0; s + n + 1 <= len; s += n) parts.push_back(ids.narrow(1, s, n + 1));
  return torch::stack(parts, 1).reshape({-1, n + 1});  // chunk-major: a time limit keeps whole early chunks
}

}  // namespace

TextEvalResult evaluate_text(GenerativeModel& model, const torch::Tensor& chunks, double max_seconds,
                             int64_t batch_size) {
  TextModel& t = require_text(model);
  const auto start = Clock::now();
  const torch::Tensor w = windows_of(chunks, t.context_length());
  TextEvalResult r;
  double sum = 0;
  c10::InferenceMode guard;
  model.set_training(false);
  for (int64_t i = 0; i < w.size(0); i += batch_size) {
    const torch::Tensor nll = t.window_nll(w.narrow(0, i, std::min(batch_size, w.size(0) - i)));
    sum += nll.to(torch::kFloat64).sum().item<double>();
    r.characters += nll.numel();
    if (max_seconds > 0 && seconds_since(start) > max_seconds) break;
  }
  r.nats = sum / static_cast<double>(r.characters);
  r.bits = r.nats / std::log(2.0);
  r.seconds = seconds_since(start);
  return r;
}

TextValidationProbe::TextValidationProbe(torch::Tensor chunks, double share, double first_seconds)
    : chunks_(std::move(chunks)), share_(share), first_seconds_(first_seconds) {}

void TextValidationProbe::maybe_run(GenerativeModel& model, std::vector<std::string>* names,
                                    std::vector<double>* values) {
  if (!first_ && seconds_since(last_end_) * share_ < cost_ * (1 - share_)) return;
  TextEvalResult r;
  if (first_) {
    // Find how many chunks fit in first_seconds, then keep that subset for every later call.
    const auto start = Clock::now();
    const int64_t per = 8;
    int64_t used = 0;
    double sum = 0;
    int64_t chars = 0;
    while (used < chunks_.size(0) && seconds_since(start) <= first_seconds_) {
      const int64_t n = std::min(per, chunks_.size(0) - used);
      const TextEvalResult part = evaluate_text(model, chunks_.narrow(0, used, n));
      sum += part.nats * static_cast<double>(part.characters);
      chars += part.characters;
      used += n;
    }
    chunks_ = chunks_.narrow(0, 0, used);
    r.characters = chars;
    r.nats = sum / static_cast<double>(chars);
    r.bits = r.nats / std::log(2.0);
    r.seconds = seconds_since(start);
  } else {
    r = evaluate_text(model, chunks_);
  }
  first_ = false;
  cost_ = r.seconds;
  last_end_ = Clock::now();
  names->push_back("val_nats_per_char");
  values->push_back(r.nats);
  names->push_back("val_bits_per_char");
  values->push_back(r.bits);
}

}  // namespace gs
