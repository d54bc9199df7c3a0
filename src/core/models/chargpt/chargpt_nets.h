// chargpt_nets.h — the networks of "chargpt": a decoder-only transformer over
// characters (token and learned position embeddings, pre-norm blocks of causal
// multi-head self-attention and a 4× MLP, a final LayerNorm, a tied or untied
// head) and a char-rnn LSTM for comparison.
//
// The transformer has an incremental path with a key/value cache (one
// preallocated [1, H, context, D] buffer per layer and for keys and values),
// so generating a character costs one position, not the whole context.
//
// Ownership: torch modules (shared handles). Thread affinity: one thread at a
// time. Failure modes: the constructors throw gs::Error for a width the heads
// do not divide; forward on more than `context` positions throws gs::Error.
#pragma once

#include <torch/torch.h>

#include <vector>

namespace gs {

struct CharNetConfig {
  int64_t vocab = 1;
  int64_t layers = 4;
  int64_t heads = 4;
  int64_t width = 128;
  int64_t context = 64;
  double dropout = 0.0;
  bool tied = false;  // the head reuses the token embedding
};

class GptNetImpl : public torch::nn::Module {
 public:
  explicit GptNetImpl(const CharNetConfig& c);

  // tokens [B, T] (T ≤ context) → logits [B, T, V]. With `attention` given,
  // appends each layer's weights [B, H, T, T].
  torch::Tensor forward(const torch::Tensor& tokens, std::vector<torch::Tensor>* attention = nullptr);

  // The cache: clear it, then feed positions (batch 1); returns the logits
  // of the last fed position [V]. cached() positions are at most context.
  void clear_cache();
  int64_t cached() const { return cached_; }
  torch::Tensor feed(const torch::Tensor& tokens);  // [t] int64

  const CharNetConfig& config() const { return c_; }

 private:
  struct Block {
    torch::nn::LayerNorm ln1{nullptr}, ln2{nullptr};
    torch::nn::Linear qkv{nullptr}, proj{nullptr}, fc{nullptr}, out{nullptr};
  };
  torch::Tensor logits(const torch::Tensor& h);  // after the final norm

  CharNetConfig c_;
  torch::nn::Embedding tok_{nullptr};
  torch::Tensor pos_;   // [context, W]
  std::vector<Block> blocks_;
  torch::nn::LayerNorm ln_f_{nullptr};
  torch::nn::Linear head_{nullptr};  // untied only
  torch::Tensor mask_;  // [context, context] additive: 0 on and below the diagonal, −inf above
  std::vector<torch::Tensor> k_cache_, v_cache_;  // [1, H, context, D]
  int64_t cached_ = 0;
};
TORCH_MODULE(GptNet);

class CharLstmImpl : public torch::nn::Module {
 public:
  explicit CharLstmImpl(const CharNetConfig& c);

  // tokens [B, T] → logits [B, T, V] from a zero state.
  torch::Tensor forward(const torch::Tensor& tokens);

  // Incremental generation (batch 1): the state carries over between calls.
  void clear_state();
  torch::Tensor feed(const torch::Tensor& tokens);  // [t] int64 → logits of the last [V]

  const CharNetConfig& config() const { return c_; }

 private:
  torch::Tensor head(const torch::Tensor& h);

  CharNetConfig c_;
  torch::nn::Embedding tok_{nullptr};
  torch::nn::LSTM lstm_{nullptr};
  torch::nn::Linear head_{nullptr};
  std::tuple<torch::Tensor, torch::Tensor> state_;
  bool has_state_ = false;
};
TORCH_MODULE(CharLstm);

}  // namespace gs
