// chargpt_graph.cpp — the character model's overview graph: a window of
// context characters → the transformer (or LSTM) → the next-character
// distribution at every position, scored against the window shifted by one.
#include "core/model/graph_builder.h"
#include "core/models/chargpt/chargpt_model.h"

namespace gs {

ModelGraph CharGptModel::graph() {
  GraphBuilder b(*this);
  const int64_t ctx = cfg_.context;
  const torch::Tensor x = torch::zeros({2, ctx}, torch::kLong);
  const torch::Tensor out = logits(x);
  const std::string V = std::to_string(cfg_.vocab);
  const std::string arch = lstm_ ? "LSTM, " + std::to_string(cfg_.layers) + " layers"
                                 : std::to_string(cfg_.layers) + " blocks × " + std::to_string(cfg_.heads) +
                                       " heads, causal attention";
  torch::nn::Module& net = lstm_ ? static_cast<torch::nn::Module&>(*lstm_) : static_cast<torch::nn::Module&>(*gpt_);
  const torch::Tensor chunk = torch::zeros({2, 1, 1, shape_.width});
  b.data("chunk", "text chunk", chunk, 0, 0, std::to_string(shape_.width) + " character ids")
      .value("x", "window x₁ … x_T", x, 1, 0, "a random window of the chunk; " + V + " characters")
      .edge("chunk", "x", {}, "random window")
      .network("net", lstm_ ? "Character LSTM" : "Character GPT", net, x, out, 2, 0, arch)
      .value("logits", "p(x_{t+1} | x≤t)", out, 3, 0, V + " logits per position")
      .value("y", "targets x₂ … x_{T+1}", x, 3, 1, "the same window shifted by one")
      .edge("x", "net", x, "token ids")
      .edge("net", "logits", out)
      .loss("logits", "y", "nats_per_char", "−(1/T) Σₜ ln p(x_{t+1} | x≤t)  (bits_per_char: the same ÷ ln 2)");
  return b.take();
}

}  // namespace gs
