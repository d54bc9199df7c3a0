#include "core/models/chargpt/chargpt_nets.h"

#include <cmath>

#include "core/common/error.h"

namespace gs {
namespace {

namespace F = torch::nn::functional;

void init_linear(torch::nn::Linear& l, double std) {
  torch::NoGradGuard g;
  l->weight.normal_(0.0, std);
  if (l->bias.defined()) l->bias.zero_();
}

}  // namespace

GptNetImpl::GptNetImpl(const CharNetConfig& c) : c_(c) {
  if (c.heads < 1 || c.width % c.heads != 0) {
    throw Error("The width (" + std::to_string(c.width) + ") must be a multiple of the number of heads (" +
                std::to_string(c.heads) + ").");
  }
  tok_ = register_module("tok", torch::nn::Embedding(c.vocab, c.width));
  {
    torch::NoGradGuard g;
    tok_->weight.normal_(0.0, 0.02);
  }
  pos_ = register_parameter("pos", torch::randn({c.context, c.width}) * 0.02);
  const double proj_std = 0.02 / std::sqrt(2.0 * static_cast<double>(c.layers));
  for (int64_t i = 0; i < c.layers; ++i) {
    Block b;
    const std::string n = "block" + std::to_string(i) + "_";
    b.ln1 = register_module(n + "ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.width})));
    b.qkv = register_module(n + "qkv", torch::nn::Linear(c.width, 3 * c.width));
    b.proj = register_module(n + "proj", torch::nn::Linear(c.width, c.width));
    b.ln2 = register_module(n + "ln2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.width})));
    b.fc = register_module(n + "fc", torch::nn::Linear(c.width, 4 * c.width));
    b.out = register_module(n + "out", torch::nn::Linear(4 * c.width, c.width));
    init_linear(b.qkv, 0.02);
    init_linear(b.fc, 0.02);
    init_linear(b.proj, proj_std);
    init_linear(b.out, proj_std);
    blocks_.push_back(b);
  }
  ln_f_ = register_module("ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.width})));
  if (!c.tied) {
    head_ = register_module("head", torch::nn::Linear(torch::nn::LinearOptions(c.width, c.vocab).bias(false)));
    init_linear(head_, 0.02);
  }
  mask_ = register_buffer("mask", torch::full({c.context, c.context}, -INFINITY).triu(1));
}

torch::Tensor GptNetImpl::logits(const torch::Tensor& h) {
  torch::Tensor x = ln_f_(h);
  return c_.tied ? torch::matmul(x, tok_->weight.t()) : head_(x);
}

torch::Tensor GptNetImpl::forward(const torch::Tensor& tokens, std::vector<torch::Tensor>* attention) {
  const int64_t b = tokens.size(0), t = tokens.size(1), h = c_.heads, d = c_.width / c_.heads;
  if (t > c_.context) {
    throw Error("The transformer sees at most " + std::to_string(c_.context) + " characters at once.");
  }
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  const bool drop = is_training() && c_.dropout > 0;
  torch::Tensor x = tok_(tokens) + pos_.narrow(0, 0, t);
  if (drop) x = F::dropout(x, F::DropoutFuncOptions().p(c_.dropout).training(true));
  const torch::Tensor mask = mask_.narrow(0, 0, t).narrow(1, 0, t);
  for (auto& blk : blocks_) {
    // [B, T, 3W] → q, k, v as [B·H, T, D]
    torch::Tensor qkv = blk.qkv(blk.ln1(x)).view({b, t, 3, h, d}).permute({2, 0, 3, 1, 4});
    torch::Tensor q = qkv[0].reshape({b * h, t, d}), k = qkv[1].reshape({b * h, t, d});
    torch::Tensor v = qkv[2].reshape({b * h, t, d});
    torch::Tensor att = torch::baddbmm(mask, q, k.transpose(1, 2), /*beta=*/1.0, /*alpha=*/scale).softmax(-1);
    if (attention) attention->push_back(att.view({b, h, t, t}).detach());
    if (drop) att = F::dropout(att, F::DropoutFuncOptions().p(c_.dropout).training(true));
    torch::Tensor y = torch::bmm(att, v).view({b, h, t, d}).transpose(1, 2).reshape({b, t, c_.width});
    y = blk.proj(y);
    if (drop) y = F::dropout(y, F::DropoutFuncOptions().p(c_.dropout).training(true));
    x = x + y;
    torch::Tensor m = blk.out(torch::gelu(blk.fc(blk.ln2(x))));
    if (drop) m = F::dropout(m, F::DropoutFuncOptions().p(c_.dropout).training(true));
    x = x + m;
  }
  return logits(x);
}

void GptNetImpl::clear_cache() {
  const int64_t h = c_.heads, d = c_.width / c_.heads;
  if (k_cache_.empty()) {
    for (int64_t i = 0; i < c_.layers; ++i) {
      k_cache_.push_back(torch::zeros({1, h, c_.context, d}));
      v_cache_.push_back(torch::zeros({1, h, c_.context, d}));
    }
  }
  cached_ = 0;
}

torch::Tensor GptNetImpl::feed(const torch::Tensor& tokens) {
  if (k_cache_.empty()) clear_cache();
  const int64_t t = tokens.size(0), h = c_.heads, d = c_.width / c_.heads, p = cached_;
  if (t < 1 || p + t > c_.context) {
    throw Error("The transformer's cache holds at most " + std::to_string(c_.context) + " characters.");
  }
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  torch::Tensor x = tok_(tokens.unsqueeze(0)) + pos_.narrow(0, p, t);  // [1, t, W]
  const torch::Tensor mask = mask_.narrow(0, p, t).narrow(1, 0, p + t);
  for (size_t i = 0; i < blocks_.size(); ++i) {
    auto& blk = blocks_[i];
    torch::Tensor qkv = blk.qkv(blk.ln1(x)).view({1, t, 3, h, d}).permute({2, 0, 3, 1, 4});  // [3, 1, H, t, D]
    k_cache_[i].narrow(2, p, t).copy_(qkv[1]);
    v_cache_[i].narrow(2, p, t).copy_(qkv[2]);
    torch::Tensor k = k_cache_[i].narrow(2, 0, p + t)[0], v = v_cache_[i].narrow(2, 0, p + t)[0];  // [H, p+t, D]
    torch::Tensor att = torch::baddbmm(mask, qkv[0][0], k.transpose(1, 2), 1.0, scale).softmax(-1);
    torch::Tensor y = torch::bmm(att, v).transpose(0, 1).reshape({1, t, c_.width});
    x = x + blk.proj(y);
    x = x + blk.out(torch::gelu(blk.fc(blk.ln2(x))));
  }
  cached_ = p + t;
  return logits(x.select(1, t - 1)).squeeze(0);
}

CharLstmImpl::CharLstmImpl(const CharNetConfig& c) : c_(c) {
  tok_ = register_module("tok", torch::nn::Embedding(c.vocab, c.width));
  lstm_ = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(c.width, c.width)
                                                      .num_layers(c.layers)
                                                      .batch_first(true)
                                                      .dropout(c.layers > 1 ? c.dropout : 0.0)));
  if (!c.tied) head_ = register_module("head", torch::nn::Linear(c.width, c.vocab));
}

torch::Tensor CharLstmImpl::head(const torch::Tensor& h) {
  return c_.tied ? torch::matmul(h, tok_->weight.t()) : head_(h);
}

torch::Tensor CharLstmImpl::forward(const torch::Tensor& tokens) {
  torch::Tensor x = tok_(tokens);
  if (is_training() && c_.dropout > 0) x = F::dropout(x, F::DropoutFuncOptions().p(c_.dropout).training(true));
  torch::Tensor y = std::get<0>(lstm_(x));
  if (is_training() && c_.dropout > 0) y = F::dropout(y, F::DropoutFuncOptions().p(c_.dropout).training(true));
  return head(y);
}

void CharLstmImpl::clear_state() { has_state_ = false; }

torch::Tensor CharLstmImpl::feed(const torch::Tensor& tokens) {
  torch::Tensor x = tok_(tokens.unsqueeze(0));
  auto out = has_state_ ? lstm_(x, state_) : lstm_(x);
  state_ = std::get<1>(out);
  has_state_ = true;
  return head(std::get<0>(out).select(1, tokens.size(0) - 1)).squeeze(0);
}

}  // namespace gs
