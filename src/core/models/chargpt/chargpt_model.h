// chargpt_model.h — "chargpt": a character-level language model as a
// GenerativeModel with the TextModel side interface. arch=gpt is a
// decoder-only transformer (chargpt_nets.h), arch=lstm a char-rnn LSTM.
//
// Data: the text datasets of core/data/text_corpus.h (ImageShape.is_text);
// each training step takes one random window of context + 1 characters from
// every chunk of the batch and minimises the next-character cross-entropy
// (losses nats/char and bits/char). AdamW (decoupled weight decay on matrices
// and embeddings only, betas 0.9/0.99), linear warm-up then cosine decay to a
// tenth of the rate over decay_steps, global gradient-norm clipping; the
// training forward's matrix products in bfloat16 where the CPU has bfloat16
// matrix instructions (precision=auto; fp32 everywhere else).
// Generation keeps a key/value cache (LSTM: its state); when the transformer's
// cache is full it is refilled from the last three quarters of the context,
// so a long continuation always sees between ¾ and all of the context.
//
// Ownership: owns its networks and optimizers. Thread affinity: one thread at
// a time. Failure modes: the constructor throws gs::Error for data that are not
// text, chunks shorter than context + 1 or a width the heads do not divide;
// TextModel calls throw gs::Error as text_model.h says; load_state throws
// gs::Error on a mismatched vocabulary or tensor.
#pragma once

#include <memory>
#include <unordered_map>

#include "core/model/generative_model.h"
#include "core/models/chargpt/chargpt_nets.h"
#include "core/train/flat_adam.h"

namespace gs {

class CharGptModel : public GenerativeModel, public TextModel {
 public:
  CharGptModel(const ParamValues& params, ImageShape shape);

  std::string id() const override { return "chargpt"; }
  unsigned capabilities() const override;
  ImageShape image_shape() const override { return shape_; }
  int64_t latent_dim() const override { return 0; }
  std::vector<std::string> loss_names() const override { return {"nats_per_char", "bits_per_char"}; }

  // batch [B, 1, 1, L] token ids (float) → one random window per chunk.
  torch::Tensor train_step(const torch::Tensor& batch) override;

  TextModel* text() override { return this; }

  // TextModel.
  const std::vector<std::string>& vocabulary() const override { return shape_.vocabulary; }
  int64_t context_length() const override { return cfg_.context; }
  std::vector<int64_t> encode(const std::string& text, std::vector<std::string>* unknown = nullptr) const override;
  std::string decode(const std::vector<int64_t>& tokens) const override;
  torch::Tensor next_token_probs(const std::vector<int64_t>& context) override;
  int attention_layers() const override { return lstm_ ? 0 : static_cast<int>(cfg_.layers); }
  int attention_heads() const override { return lstm_ ? 0 : static_cast<int>(cfg_.heads); }
  torch::Tensor attention(const std::vector<int64_t>& context, int layer, int head) override;
  std::vector<int64_t> generate(const std::vector<int64_t>& prompt, int n, const TextSampling& how,
                                torch::Generator& gen, const TokenCallback& on_token = {}) override;
  torch::Tensor window_nll(const torch::Tensor& windows) override;

  ModelGraph graph() override;  // chargpt_graph.cpp
  void set_learning_rate(double lr) override { base_lr_ = lr; }
  bool set_live_param(const std::string& key, const std::string& value) override;
  void set_training(bool training) override;

  void save_state(torch::serialize::OutputArchive& archive) const override;
  void load_state(torch::serialize::InputArchive& archive) override;

  static std::vector<ParamSpec> param_specs();

  // The rate the schedule gives at optimizer step `step` (0-based).
  double scheduled_lr(int64_t step) const;
  int64_t steps_taken() const { return decay_opt_->steps_taken(); }
  bool is_lstm() const { return static_cast<bool>(lstm_); }
  // Logits [B, T, V] of windows [B, T] (training mode as set).
  torch::Tensor logits(const torch::Tensor& tokens);

 private:
  std::vector<int64_t> cut(const std::vector<int64_t>& context, const char* what) const;
  torch::Tensor feed(const std::vector<int64_t>& tokens);  // incremental, logits [V]
  void reset_incremental();

  ImageShape shape_;
  CharNetConfig cfg_;
  GptNet gpt_{nullptr};
  CharLstm lstm_{nullptr};
  std::unordered_map<std::string, int64_t> index_;
  std::unique_ptr<FlatAdam> decay_opt_, plain_opt_;
  bool bf16_ = false;  // training forward in bfloat16 (precision)
  double base_lr_ = 1e-3, weight_decay_ = 0.1, grad_clip_ = 1.0;
  int64_t warmup_ = 100, decay_steps_ = 5000;
  torch::Tensor window_offsets_;  // arange(context + 1), reused every step
};

}  // namespace gs
