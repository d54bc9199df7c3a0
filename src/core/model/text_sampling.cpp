// text_sampling.cpp — apply_text_sampling (text_model.h): temperature, then
// top-k, then top-p (nucleus), renormalised.
#include <cmath>
#include <sstream>

#include "core/common/error.h"
#include "core/model/text_model.h"

namespace gs {

torch::Tensor TextModel::window_nll(const torch::Tensor&) {
  throw Error("This text model cannot evaluate the likelihood of a text.");
}

torch::Tensor apply_text_sampling(const torch::Tensor& probs, const TextSampling& how) {
  if (!probs.defined() || probs.dim() != 1 || probs.size(0) < 1) {
    throw Error("The next-token distribution must be a non-empty list of probabilities.");
  }
  if (!(how.temperature >= 0) || !std::isfinite(how.temperature)) {
    throw Error("The temperature must be 0 or more (0 always picks the most likely character).");
  }
  if (how.top_k < 0) throw Error("Top-k must be 0 (keep every character) or a positive number of characters.");
  if (!(how.top_p > 0 && how.top_p <= 1)) {
    throw Error("Top-p must be more than 0 and at most 1 (1 keeps every character).");
  }
  torch::Tensor p = probs.to(torch::kFloat32).clamp_min(0);
  const int64_t v = p.size(0);
  if (how.temperature == 0) {
    torch::Tensor out = torch::zeros_like(p);
    out[p.argmax().item<int64_t>()] = 1.0f;
    return out;
  }
  if (how.temperature != 1.0) {
    // p^(1/T), computed in log space so small probabilities do not underflow early.
    torch::Tensor logp = torch::log(p.clamp_min(1e-30f)) / how.temperature;
    logp = torch::where(p > 0, logp, torch::full_like(logp, -INFINITY));
    p = torch::softmax(logp, 0);
  } else {
    p = p / p.sum().clamp_min(1e-30f);
  }
  if (how.top_k > 0 && how.top_k < v) {
    // Ties at the k-th value: keep exactly k by rank, not every tied token.
    torch::Tensor order = std::get<1>(p.sort(/*dim=*/0, /*descending=*/true));
    torch::Tensor keep = torch::zeros({v}, torch::kBool);
    keep.index_put_({order.slice(0, 0, how.top_k)}, true);
    p = torch::where(keep, p, torch::zeros_like(p));
    p = p / p.sum().clamp_min(1e-30f);
  }
  if (how.top_p < 1.0) {
    auto sorted = p.sort(/*dim=*/0, /*descending=*/true);
    const torch::Tensor values = std::get<0>(sorted);
    const torch::Tensor order = std::get<1>(sorted);
    const torch::Tensor before = values.cumsum(0) - values;  // mass of the tokens ranked above each one
    const torch::Tensor keep_sorted = before < how.top_p;    // the first token is always kept
    torch::Tensor keep = torch::zeros({v}, torch::kBool);
    keep.index_put_({order}, keep_sorted);
    p = torch::where(keep, p, torch::zeros_like(p));
    p = p / p.sum().clamp_min(1e-30f);
  }
  return p;
}

}  // namespace gs
