#include "core/models/chargpt/chargpt_model.h"

#include <cmath>

#include "core/common/error.h"
#include "core/common/runtime_info.h"
#include "core/model/capabilities.h"
#include "core/train/mixed_precision.h"

namespace gs {
namespace {

constexpr double kPi = 3.14159265358979323846;

size_t utf8_length(unsigned char b) {
  if (b >= 0xF0 && b <= 0xF4) return 4;
  if (b >= 0xE0 && b < 0xF0) return 3;
  if (b >= 0xC2 && b < 0xE0) return 2;
  return 1;
}

torch::Tensor to_tensor(const std::vector<int64_t>& tokens) {
  return torch::tensor(tokens, torch::kLong);
}

}  // namespace

std::vector<ParamSpec> CharGptModel::param_specs() {
  return {
      ParamSpec::choice("arch", "Architecture", "gpt", {"gpt", "lstm"},
                        "gpt: a decoder-only transformer; lstm: a char-rnn LSTM for comparison."),
      ParamSpec::integer("layers", "Layers", 4, 1, 16, "Transformer blocks (or LSTM layers)."),
      ParamSpec::integer("heads", "Heads", 4, 1, 16, "Attention heads per block; they must divide the width."),
      ParamSpec::integer("width", "Width", 128, 16, 1024, "Embedding width (LSTM: hidden size)."),
      ParamSpec::integer("context", "Context", 64, 8, 512,
                         "Characters the model sees at once (the window of each training example)."),
      ParamSpec::real("dropout", "Dropout", 0.0, 0.0, 0.9, "Dropout on embeddings, attention and residuals."),
      ParamSpec::boolean("tied", "Tied head", false, "The output head reuses the token embedding."),
      ParamSpec::integer("batch_size", "Batch size", 12, 1, 1024, "Windows per training step."),
      ParamSpec::real("lr", "Learning rate", 1e-3, 1e-6, 1.0,
                      "Peak AdamW learning rate (after the warm-up, before the cosine decay).", /*log_scale=*/true)
          .with_role(ParamSpec::Role::LearningRate),
      ParamSpec::integer("warmup", "Warm-up steps", 100, 0, 100000,
                         "Steps over which the learning rate rises linearly from zero."),
      ParamSpec::integer("decay_steps", "Decay steps", 5000, 0, 10000000,
                         "Step at which the cosine decay reaches a tenth of the rate (0: no decay)."),
      ParamSpec::real("weight_decay", "Weight decay", 0.1, 0.0, 1.0,
                      "AdamW's decoupled weight decay on matrices and embeddings.")
          .changeable_live(),
      ParamSpec::real("grad_clip", "Gradient clip", 1.0, 0.0, 100.0,
                      "Largest global gradient norm (0: no clipping).")
          .changeable_live(),
      ParamSpec::choice("precision", "Precision", "auto", {"auto", "fp32", "bf16"},
                        "bf16 runs the training forward's matrix products in bfloat16 (weights, gradients, "
                        "optimizer and loss stay float32); auto uses it where the CPU has bfloat16 matrix "
                        "instructions (AVX512-BF16 or AMX). Generation and evaluation stay float32."),
  };
}

CharGptModel::CharGptModel(const ParamValues& params, ImageShape shape) : shape_(std::move(shape)) {
  if (!shape_.is_text || shape_.vocabulary.empty()) {
    throw Error("The character GPT learns text; choose a text dataset (fortunes or a text file).");
  }
  cfg_.vocab = static_cast<int64_t>(shape_.vocabulary.size());
  cfg_.layers = param_int(params, "layers");
  cfg_.heads = param_int(params, "heads");
  cfg_.width = param_int(params, "width");
  cfg_.context = param_int(params, "context");
  cfg_.dropout = param_real(params, "dropout");
  cfg_.tied = param_bool(params, "tied");
  if (shape_.width < cfg_.context + 1) {
    throw Error("The text gives pieces of only " + std::to_string(shape_.width) + " characters, too short for a " +
                "context of " + std::to_string(cfg_.context) + "; choose a context of at most " +
                std::to_string(shape_.width - 1) + " or a longer text.");
  }
  for (size_t i = 0; i < shape_.vocabulary.size(); ++i) index_[shape_.vocabulary[i]] = static_cast<int64_t>(i);
  std::vector<torch::Tensor> decay, plain;
  if (param_text(params, "arch") == "lstm") {
    lstm_ = CharLstm(cfg_);
    for (auto& p : lstm_->parameters()) (p.dim() >= 2 ? decay : plain).push_back(p);
  } else {
    gpt_ = GptNet(cfg_);
    for (auto& p : gpt_->parameters()) (p.dim() >= 2 ? decay : plain).push_back(p);
  }
  const std::string precision = param_text(params, "precision");
  if (precision == "auto") {
    const CpuFeatures f = detect_cpu_features();
    bf16_ = f.avx512_bf16 || f.amx_bf16;
  } else {
    bf16_ = use_bf16(precision);
  }
  base_lr_ = param_real(params, "lr");
  weight_decay_ = param_real(params, "weight_decay");
  grad_clip_ = param_real(params, "grad_clip");
  warmup_ = param_int(params, "warmup");
  decay_steps_ = param_int(params, "decay_steps");
  AdamOptions o;
  o.lr = base_lr_;
  o.beta2 = 0.99;
  o.weight_decay = weight_decay_;
  o.decoupled_weight_decay = true;
  decay_opt_ = std::make_unique<FlatAdam>(decay, o);
  o.weight_decay = 0;
  plain_opt_ = std::make_unique<FlatAdam>(plain, o);
  window_offsets_ = torch::arange(cfg_.context + 1, torch::kLong).unsqueeze(0);
}

unsigned CharGptModel::capabilities() const { return kGeneratesText; }

double CharGptModel::scheduled_lr(int64_t step) const {
  if (step < warmup_) return base_lr_ * static_cast<double>(step + 1) / static_cast<double>(warmup_);
  if (decay_steps_ <= warmup_) return base_lr_;
  const double progress =
      std::min(1.0, static_cast<double>(step - warmup_) / static_cast<double>(decay_steps_ - warmup_));
  const double floor = base_lr_ / 10.0;
  return floor + 0.5 * (1.0 + std::cos(kPi * progress)) * (base_lr_ - floor);
}

torch::Tensor CharGptModel::logits(const torch::Tensor& tokens) {
  return lstm_ ? lstm_->forward(tokens) : gpt_->forward(tokens);
}

torch::Tensor CharGptModel::train_step(const torch::Tensor& batch) {
  if (batch.dim() != 4 || batch.size(3) != shape_.width) {
    throw Error("The character GPT trains on text chunks of " + std::to_string(shape_.width) + " characters.");
  }
  const int64_t b = batch.size(0), len = batch.size(3), ctx = cfg_.context;
  const torch::Tensor ids = batch.reshape({b, len}).to(torch::kLong);
  const torch::Tensor start = torch::randint(len - ctx, {b, 1}, torch::kLong);
  const torch::Tensor w = ids.gather(1, start + window_offsets_);  // [B, ctx + 1]
  const torch::Tensor x = w.narrow(1, 0, ctx), y = w.narrow(1, 1, ctx);
  decay_opt_->zero_grad();
  plain_opt_->zero_grad();
  torch::Tensor out;
  {
    AutocastBf16Guard autocast(bf16_);
    out = logits(x);
  }
  torch::Tensor loss = torch::nn::functional::cross_entropy(out.to(torch::kFloat32).reshape({-1, cfg_.vocab}), y.reshape({-1}));
  loss.backward();
  decay_opt_->synchronize_gradients();  // data-parallel runs: clip the averaged gradients
  plain_opt_->synchronize_gradients();
  if (grad_clip_ > 0) {
    const torch::Tensor& g1 = decay_opt_->flat_gradient();
    const torch::Tensor& g2 = plain_opt_->flat_gradient();
    torch::NoGradGuard no_grad;
    torch::Tensor norm = (g1.square().sum() + g2.square().sum()).sqrt();
    torch::Tensor coef = (grad_clip_ / (norm + 1e-6)).clamp_max(1.0);
    g1.mul_(coef);
    g2.mul_(coef);
  }
  const double lr = scheduled_lr(decay_opt_->steps_taken());
  decay_opt_->set_lr(lr);
  plain_opt_->set_lr(lr);
  decay_opt_->step();
  plain_opt_->step();
  torch::Tensor l = loss.detach();
  return torch::stack({l, l / std::log(2.0)});
}

std::vector<int64_t> CharGptModel::encode(const std::string& text, std::vector<std::string>* unknown) const {
  std::vector<int64_t> out;
  for (size_t i = 0; i < text.size();) {
    const size_t len = std::min(utf8_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string ch = text.substr(i, len);
    i += len;
    if (ch == "\r") continue;
    auto it = index_.find(ch);
    if (it != index_.end()) {
      out.push_back(it->second);
    } else if (unknown && std::find(unknown->begin(), unknown->end(), ch) == unknown->end()) {
      unknown->push_back(ch);
    }
  }
  return out;
}

std::string CharGptModel::decode(const std::vector<int64_t>& tokens) const {
  std::string out;
  for (int64_t t : tokens) {
    if (t < 0 || t >= cfg_.vocab) {
      throw Error("Token " + std::to_string(t) + " is not in the vocabulary of " + std::to_string(cfg_.vocab) +
                  " characters.");
    }
    out += shape_.vocabulary[static_cast<size_t>(t)];
  }
  return out;
}

std::vector<int64_t> CharGptModel::cut(const std::vector<int64_t>& context, const char* what) const {
  if (context.empty()) throw Error(std::string("The ") + what + " needs at least one known character.");
  for (int64_t t : context) {
    if (t < 0 || t >= cfg_.vocab) {
      throw Error("Token " + std::to_string(t) + " is not in the vocabulary of " + std::to_string(cfg_.vocab) +
                  " characters.");
    }
  }
  const size_t n = std::min<size_t>(context.size(), static_cast<size_t>(cfg_.context));
  return std::vector<int64_t>(context.end() - static_cast<std::ptrdiff_t>(n), context.end());
}

torch::Tensor CharGptModel::next_token_probs(const std::vector<int64_t>& context) {
  const std::vector<int64_t> c = cut(context, "next-character distribution");
  torch::NoGradGuard no_grad;
  return logits(to_tensor(c).unsqueeze(0)).select(1, static_cast<int64_t>(c.size()) - 1)[0].softmax(0);
}

torch::Tensor CharGptModel::attention(const std::vector<int64_t>& context, int layer, int head) {
  if (lstm_) throw Error("The LSTM variant has no attention to show.");
  if (layer < 0 || layer >= cfg_.layers || head < 0 || head >= cfg_.heads) {
    throw Error("There is no layer " + std::to_string(layer + 1) + ", head " + std::to_string(head + 1) +
                "; the model has " + std::to_string(cfg_.layers) + " layers of " + std::to_string(cfg_.heads) +
                " heads.");
  }
  const std::vector<int64_t> c = cut(context, "attention map");
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> maps;
  gpt_->forward(to_tensor(c).unsqueeze(0), &maps);
  return maps[static_cast<size_t>(layer)][0][head].contiguous();
}

void CharGptModel::reset_incremental() {
  if (lstm_) lstm_->clear_state();
  else gpt_->clear_cache();
}

torch::Tensor CharGptModel::feed(const std::vector<int64_t>& tokens) {
  return lstm_ ? lstm_->feed(to_tensor(tokens)) : gpt_->feed(to_tensor(tokens));
}

std::vector<int64_t> CharGptModel::generate(const std::vector<int64_t>& prompt, int n, const TextSampling& how,
                                            torch::Generator& gen, const TokenCallback& on_token) {
  std::vector<int64_t> seq = cut(prompt, "prompt");
  if (n < 0) throw Error("The number of characters to generate cannot be negative.");
  apply_text_sampling(torch::ones({1}), how);  // refuses invalid settings before any work
  torch::NoGradGuard no_grad;
  reset_incremental();
  std::vector<int64_t> out;
  if (n == 0) return out;
  torch::Tensor logits = feed(seq);
  const size_t keep = static_cast<size_t>(std::max<int64_t>(1, cfg_.context * 3 / 4));
  for (int i = 0; i < n; ++i) {
    const torch::Tensor p = apply_text_sampling(logits.softmax(0), how);
    const int64_t tok = torch::multinomial(p, 1, false, gen).item<int64_t>();
    out.push_back(tok);
    seq.push_back(tok);
    if (on_token && !on_token(tok, p)) break;
    if (i + 1 == n) break;
    if (gpt_ && gpt_->cached() == cfg_.context) {
      gpt_->clear_cache();
      logits = feed(std::vector<int64_t>(seq.end() - static_cast<std::ptrdiff_t>(keep), seq.end()));
    } else {
      logits = feed({tok});
    }
  }
  return out;
}

torch::Tensor CharGptModel::window_nll(const torch::Tensor& windows) {
  if (windows.dim() != 2 || windows.size(1) < 2 || windows.size(1) > cfg_.context + 1) {
    throw Error("Windows for the validation loss must be 2 to " + std::to_string(cfg_.context + 1) +
                " characters long.");
  }
  const int64_t b = windows.size(0), t = windows.size(1) - 1;
  const torch::Tensor w = windows.to(torch::kLong);
  torch::NoGradGuard no_grad;
  return torch::nn::functional::cross_entropy(
             logits(w.narrow(1, 0, t)).reshape({-1, cfg_.vocab}), w.narrow(1, 1, t).reshape({-1}),
             torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone))
      .view({b, t});
}

bool CharGptModel::set_live_param(const std::string& key, const std::string& value) {
  if (key == "weight_decay") {
    weight_decay_ = std::stod(value);
    decay_opt_->set_weight_decay(weight_decay_);
    return true;
  }
  if (key == "grad_clip") {
    grad_clip_ = std::stod(value);
    return true;
  }
  return false;
}

void CharGptModel::set_training(bool training) {
  if (lstm_) lstm_->train(training);
  else gpt_->train(training);
}

void CharGptModel::save_state(torch::serialize::OutputArchive& archive) const {
  std::string joined;
  for (const auto& ch : shape_.vocabulary) joined += ch + '\0';
  archive.write("vocabulary", torch::from_blob(joined.data(), {static_cast<int64_t>(joined.size())}, torch::kUInt8).clone());
  decay_opt_->save(archive, "opt.decay");
  plain_opt_->save(archive, "opt.plain");
}

void CharGptModel::load_state(torch::serialize::InputArchive& archive) {
  torch::Tensor v;
  try {
    archive.read("vocabulary", v);
  } catch (const c10::Error&) {
    throw Error("The checkpoint has no vocabulary for the character GPT.");
  }
  std::vector<std::string> vocab;
  std::string cur;
  const auto* p = v.contiguous().data_ptr<uint8_t>();
  for (int64_t i = 0; i < v.numel(); ++i) {
    if (p[i] == 0) {
      vocab.push_back(cur);
      cur.clear();
    } else {
      cur += static_cast<char>(p[i]);
    }
  }
  if (vocab != shape_.vocabulary) {
    throw Error("The checkpoint's vocabulary (" + std::to_string(vocab.size()) +
                " characters) differs from the one the model was built with (" +
                std::to_string(shape_.vocabulary.size()) + ").");
  }
  decay_opt_->load(archive, "opt.decay");
  plain_opt_->load(archive, "opt.plain");
}

}  // namespace gs
