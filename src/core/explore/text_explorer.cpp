#include "core/explore/text_explorer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/common/translate_errors.h"
#include "core/explore/explorer.h"
#include "core/model/text_model.h"
#include "core/train/session_impl.h"

namespace gs {
namespace {

TextModel& text_of(const Explorer& explorer) {
  TextModel* text = explorer.internals().model->text();
  if (!text) throw Error("This model does not generate text.");
  return *text;
}

TextSampling sampling(const TextSettings& how) {
  TextSampling s;
  s.temperature = how.temperature;
  s.top_k = how.top_k;
  s.top_p = how.top_p;
  return s;
}

// A uniform number in [0, 1) that depends only on the seed and the position.
double uniform_at(uint64_t seed, uint64_t position) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ull + position + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return double(z >> 11) * (1.0 / 9007199254740992.0);
}

std::vector<float> to_vector(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kFloat32).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

void check_context(const TextModel& model, const std::vector<int64_t>& context) {
  if (context.empty()) throw Error("Type a prompt first: the model needs at least one character to continue.");
  const int64_t v = static_cast<int64_t>(model.vocabulary().size());
  for (int64_t t : context) {
    if (t < 0 || t >= v) throw Error("The text holds a character outside the model's vocabulary.");
  }
}

void check_candidates(int candidates) {
  if (candidates < 1 || candidates > TextExplorer::kMaxCandidates) {
    throw Error("Show between 1 and 64 candidates for the next character.");
  }
}

// The step that chooses `token` from the model's distribution `raw` and the drawn one `drawn`.
TextStep make_step(const TextModel& model, const std::vector<float>& raw, const std::vector<float>& drawn,
                   int64_t token, int candidates) {
  const auto& vocab = model.vocabulary();
  TextStep step;
  step.token = token;
  step.text = vocab[static_cast<size_t>(token)];
  step.model_prob = raw[static_cast<size_t>(token)];
  step.sample_prob = drawn[static_cast<size_t>(token)];
  double h = 0;
  for (float p : raw) {
    if (p > 0) h -= double(p) * std::log2(double(p));
  }
  step.entropy_bits = h;
  std::vector<int64_t> order(raw.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t k = std::min(order.size(), static_cast<size_t>(candidates));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](int64_t a, int64_t b) { return raw[size_t(a)] > raw[size_t(b)]; });
  step.top.reserve(k);
  for (size_t i = 0; i < k; ++i) {
    const size_t t = static_cast<size_t>(order[i]);
    step.top.push_back({order[i], vocab[t], raw[t], drawn[t]});
  }
  return step;
}

// Inverse CDF of `p` at u, over tokens with non-zero probability.
int64_t draw(const std::vector<float>& p, double u) {
  double total = 0;
  for (float x : p) total += x;
  const double target = u * total;
  double acc = 0;
  int64_t last = -1;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] <= 0) continue;
    acc += p[i];
    last = static_cast<int64_t>(i);
    if (acc > target) return last;
  }
  return last;  // rounding: the last possible token
}

std::vector<TextStep> run(const Explorer& explorer, TextModel& model, std::vector<int64_t> context, int n,
                          const TextSettings& how, uint64_t seed, int candidates) {
  check_context(model, context);
  check_candidates(candidates);
  if (n < 1 || n > TextExplorer::kMaxTokensPerCall) throw Error("Generate between 1 and 1024 characters at a time.");
  const TextSampling s = sampling(how);
  std::vector<TextStep> steps;
  steps.reserve(static_cast<size_t>(n));
  const int64_t keep = std::max<int64_t>(1, model.context_length());
  const uint64_t start = context.size();  // positions count from the start of the text, not of the cut
  for (int j = 0; j < n; ++j) {
    explorer.throw_if_cancelled();
    const uint64_t position = start + static_cast<uint64_t>(j);
    if (static_cast<int64_t>(context.size()) > keep) context.erase(context.begin(), context.end() - keep);
    const torch::Tensor probs = model.next_token_probs(context);
    const std::vector<float> raw = to_vector(probs), drawn = to_vector(apply_text_sampling(probs, s));
    const int64_t token = draw(drawn, uniform_at(seed, position));
    if (token < 0) throw Error("The model gave no character any probability.");
    steps.push_back(make_step(model, raw, drawn, token, candidates));
    context.push_back(token);
  }
  return steps;
}

}  // namespace

TextExplorer::TextExplorer(const Explorer& explorer) : explorer_(explorer) {
  if (!explorer.internals().model->text()) {
    throw Error("This model does not generate text; the text explorer needs a text model such as a "
                "character-level GPT.");
  }
}

const std::vector<std::string>& TextExplorer::vocabulary() const { return text_of(explorer_).vocabulary(); }
int TextExplorer::context_length() const { return static_cast<int>(text_of(explorer_).context_length()); }
int TextExplorer::attention_layers() const { return text_of(explorer_).attention_layers(); }
int TextExplorer::attention_heads() const { return text_of(explorer_).attention_heads(); }

TextEncoding TextExplorer::encode(const std::string& text) const {
  return translate_errors("Reading the prompt", [&] {
    TextEncoding out;
    out.tokens = text_of(explorer_).encode(text, &out.unknown);
    return out;
  });
}

std::string TextExplorer::decode(const std::vector<int64_t>& tokens) const {
  return translate_errors("Writing the text", [&] { return text_of(explorer_).decode(tokens); });
}

std::vector<TextStep> TextExplorer::generate(const std::vector<int64_t>& context, int n, const TextSettings& how,
                                             uint64_t seed, int candidates) const {
  return translate_errors("Generating text", [&] {
    TextModel& model = text_of(explorer_);
    c10::InferenceMode guard;
    explorer_.internals().model->set_training(false);
    return run(explorer_, model, context, n, how, seed, candidates);
  });
}

TextStep TextExplorer::force(const std::vector<int64_t>& context, int64_t token, const TextSettings& how,
                             int candidates) const {
  return translate_errors("Choosing the character", [&] {
    TextModel& model = text_of(explorer_);
    check_context(model, context);
    check_candidates(candidates);
    if (token < 0 || token >= static_cast<int64_t>(model.vocabulary().size())) {
      throw Error("That character is not in the model's vocabulary.");
    }
    c10::InferenceMode guard;
    explorer_.internals().model->set_training(false);
    std::vector<int64_t> cut = context;
    const int64_t keep = std::max<int64_t>(1, model.context_length());
    if (static_cast<int64_t>(cut.size()) > keep) cut.erase(cut.begin(), cut.end() - keep);
    const torch::Tensor probs = model.next_token_probs(cut);
    TextStep step = make_step(model, to_vector(probs), to_vector(apply_text_sampling(probs, sampling(how))), token,
                              candidates);
    step.forced = true;
    return step;
  });
}

TextAttention TextExplorer::attention(const std::vector<int64_t>& context, int layer, int head) const {
  return translate_errors("Reading the attention", [&] {
    TextModel& model = text_of(explorer_);
    if (model.attention_layers() == 0) {
      throw Error("This model has no attention (a recurrent network reads the text one character at a time).");
    }
    if (layer < 0 || layer >= model.attention_layers() || head < 0 || head >= model.attention_heads()) {
      throw Error("The model has layers 1–" + std::to_string(model.attention_layers()) + " and heads 1–" +
                  std::to_string(model.attention_heads()) + ".");
    }
    check_context(model, context);
    std::vector<int64_t> cut = context;
    const int64_t keep = std::max<int64_t>(1, model.context_length());
    if (static_cast<int64_t>(cut.size()) > keep) cut.erase(cut.begin(), cut.end() - keep);
    c10::InferenceMode guard;
    explorer_.internals().model->set_training(false);
    const torch::Tensor w = model.attention(cut, layer, head);
    const int64_t l = static_cast<int64_t>(cut.size());
    if (!w.defined() || w.dim() != 2 || w.size(0) != l || w.size(1) != l) {
      throw Error("The model returned attention of the wrong size for this context.");
    }
    TextAttention out;
    out.layer = layer;
    out.head = head;
    out.size = static_cast<int>(l);
    for (int64_t t : cut) out.tokens.push_back(model.vocabulary()[static_cast<size_t>(t)]);
    out.weights = to_vector(w);
    return out;
  });
}

std::vector<TemperatureSample> TextExplorer::at_temperatures(const std::vector<int64_t>& prompt,
                                                             const std::vector<double>& temperatures, int n,
                                                             const TextSettings& how, uint64_t seed) const {
  return translate_errors("Generating at several temperatures", [&] {
    if (temperatures.empty() || temperatures.size() > 8) throw Error("Compare between 1 and 8 temperatures.");
    TextModel& model = text_of(explorer_);
    c10::InferenceMode guard;
    explorer_.internals().model->set_training(false);
    std::vector<TemperatureSample> out;
    for (double t : temperatures) {
      TextSettings at = how;
      at.temperature = t;
      std::vector<int64_t> tokens;
      for (const TextStep& s : run(explorer_, model, prompt, n, at, seed, 1)) tokens.push_back(s.token);
      out.push_back({t, model.decode(tokens)});
    }
    return out;
  });
}

}  // namespace gs
