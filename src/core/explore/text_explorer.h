// text_explorer.h — the torch-free facade for exploring an autoregressive text
// model (TextModel, e.g. the character-level GPT or its LSTM variant) through
// an Explorer: encoding a prompt (with the characters the vocabulary lacks),
// generating a few characters at a time with each step's top candidates
// (the model's probability and the probability after temperature, top-k and
// top-p) and the chosen one, forcing a chosen character at a position, the
// attention of one layer and head over the context, and the same prompt at
// several temperatures.
//
// Generation is chunkable: a step's random draw depends only on the seed and
// the number of characters before it (not on how the run is cut into jobs),
// so streaming a continuation a few characters per job gives the same text as
// one long job, and the same seed regenerates the same text.
//
// Ownership: borrows the Explorer (which must outlive it); results are values.
// Thread affinity: the Explorer's (the exploration thread). Failure modes: the
// constructor throws gs::Error when the model does not generate text; calls
// throw gs::Error with a sentence for an empty context, a character outside
// the vocabulary, a layer or head that does not exist, counts out of range or
// invalid sampling settings (temperature < 0, top-k < 0, top-p outside (0, 1]).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

class Explorer;

// How the next character is drawn (mirrors TextSampling in text_model.h).
struct TextSettings {
  double temperature = 1.0;  // 0: always the most likely character
  int top_k = 0;             // 0: every character
  double top_p = 1.0;        // 1: every character
};

struct TextEncoding {
  std::vector<int64_t> tokens;
  std::vector<std::string> unknown;  // characters of the text outside the vocabulary, each once
};

// One candidate for the next character.
struct TextCandidate {
  int64_t token = 0;
  std::string text;       // the character as the vocabulary spells it
  float model_prob = 0;   // the model's probability
  float sample_prob = 0;  // after temperature, top-k and top-p (what the draw used)
};

// One generated (or forced) position.
struct TextStep {
  int64_t token = 0;
  std::string text;
  float model_prob = 0, sample_prob = 0;  // of the chosen character
  bool forced = false;                    // chosen by the user, not drawn
  std::vector<TextCandidate> top;         // the most likely candidates by model probability, best first
  double entropy_bits = 0;                // of the model's distribution
};

struct TextAttention {
  int layer = 0, head = 0;
  int size = 0;                     // L, the positions of the (cut) context
  std::vector<std::string> tokens;  // the L characters
  std::vector<float> weights;       // L × L row-major, row i over positions 0 … i
};

struct TemperatureSample {
  double temperature = 0;
  std::string text;  // the continuation only
};

class TextExplorer {
 public:
  static constexpr int kMaxTokensPerCall = 1024;
  static constexpr int kMaxCandidates = 64;

  explicit TextExplorer(const Explorer& explorer);

  const std::vector<std::string>& vocabulary() const;
  int context_length() const;
  int attention_layers() const;  // 0 for models without attention
  int attention_heads() const;

  TextEncoding encode(const std::string& text) const;
  std::string decode(const std::vector<int64_t>& tokens) const;

  // n (1…1024) characters after `context` (non-empty), each with its `candidates`
  // (1…64) most likely ones. Step j's draw is seeded by (seed, context.size() + j).
  std::vector<TextStep> generate(const std::vector<int64_t>& context, int n, const TextSettings& how,
                                 uint64_t seed, int candidates = 10) const;
  // The step at the end of `context` with `token` chosen by hand.
  TextStep force(const std::vector<int64_t>& context, int64_t token, const TextSettings& how,
                 int candidates = 10) const;
  // Attention of `layer` and `head` over the context (cut to its last context_length()).
  TextAttention attention(const std::vector<int64_t>& context, int layer, int head) const;
  // n characters after `prompt` at each temperature (each ≥ 0), same seed, same top-k and top-p.
  std::vector<TemperatureSample> at_temperatures(const std::vector<int64_t>& prompt,
                                                 const std::vector<double>& temperatures, int n,
                                                 const TextSettings& how, uint64_t seed) const;

 private:
  const Explorer& explorer_;
};

}  // namespace gs
