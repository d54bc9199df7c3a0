// text_model.h — the side interface of autoregressive text models (the
// character-level GPT and its LSTM variant): a vocabulary of characters, the
// next-character distribution given a context, attention maps where the
// model has attention, and token-by-token generation with temperature, top-k
// and top-p. The text explorer, the trainer's text samples and
// `genstudio-cli generate` read it.
//
// Tokens are indices into vocabulary(); each vocabulary entry is one Unicode
// character as UTF-8 (or one byte shown as \xNN for byte-level models).
// Contexts longer than context_length() are cut to their last
// context_length() tokens.
//
// Reached through GenerativeModel::text(), which returns nullptr for other
// models; a model returns non-null exactly when its capabilities() include
// kGeneratesText (tests/test_model_registry.cpp checks every entry).
//
// Ownership: implemented by the model itself; the pointer lives as long as the
// model and must not be deleted. Thread affinity: the model's; call without
// gradients and with set_training(false). Failure modes: gs::Error with a
// sentence for an empty context where one is needed, a token outside the
// vocabulary, a layer or head that does not exist, temperature < 0,
// top-k < 0, top-p outside (0, 1].
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gs {

struct TextSampling {
  double temperature = 1.0;  // 0: always the most likely token (argmax)
  int top_k = 0;             // keep the k most likely tokens (0: all)
  double top_p = 1.0;        // nucleus: the smallest set whose probability reaches p (1: all)
};

class TextModel {
 public:
  virtual ~TextModel() = default;

  virtual const std::vector<std::string>& vocabulary() const = 0;
  virtual int64_t context_length() const = 0;

  // Text → tokens. Characters outside the vocabulary are skipped and, when
  // `unknown` is given, appended to it (each once) so a front end can say which.
  virtual std::vector<int64_t> encode(const std::string& text, std::vector<std::string>* unknown = nullptr) const = 0;
  virtual std::string decode(const std::vector<int64_t>& tokens) const = 0;

  // Probabilities of the next token after `context` (non-empty), [V] float32,
  // before any sampling transform.
  virtual torch::Tensor next_token_probs(const std::vector<int64_t>& context) = 0;

  // Attention: layers × heads (0 × 0 for models without attention, e.g. LSTM).
  virtual int attention_layers() const = 0;
  virtual int attention_heads() const = 0;
  // Weights of one layer and head over the (cut) context, [L, L] float32, row i
  // the distribution over positions 0 … i.
  virtual torch::Tensor attention(const std::vector<int64_t>& context, int layer, int head) = 0;

  // Called after each generated token with it and the distribution it was
  // drawn from (after temperature, top-k and top-p), [V]; return false to stop.
  using TokenCallback = std::function<bool(int64_t token, const torch::Tensor& probs)>;
  // Appends up to n tokens to `prompt` (non-empty), drawing from `gen`; returns
  // only the generated tokens.
  virtual std::vector<int64_t> generate(const std::vector<int64_t>& prompt, int n, const TextSampling& how,
                                        torch::Generator& gen, const TokenCallback& on_token = {}) = 0;

  // Added for validation loss (the trainer's probe, `genstudio-cli eval`):
  // windows [B, T + 1] int64 with T ≤ context_length() → the negative log
  // probability in nats [B, T] of each token 1 … T given the ones before it in
  // its window. The default throws gs::Error (a model without it has no
  // validation loss).
  virtual torch::Tensor window_nll(const torch::Tensor& windows);
};

// The sampling transform every text model shares: probs [V] (summing to 1)
// → the distribution actually drawn from (temperature, then top-k, then top-p,
// renormalised); temperature 0 puts all mass on the argmax. Throws gs::Error for
// invalid settings. Defined in core/model/text_sampling.cpp.
torch::Tensor apply_text_sampling(const torch::Tensor& probs, const TextSampling& how);

}  // namespace gs
