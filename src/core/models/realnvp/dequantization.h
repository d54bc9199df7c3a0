// dequantization.h — the data side of the image flow: 8-bit values to the
// flow's coordinates and back, and the bookkeeping that turns a continuous
// density into the negative log-likelihood of discrete 8-bit data.
//
// An image x in [0, 1] is read as 8-bit values v = round(255 x). Uniform
// dequantisation adds u ∈ [0, 1) and rescales, y = (v + u) / 256 ∈ [0, 1); the
// logit transform maps y to the real line, x' = logit(α + (1 − 2α) y), whose
// log-Jacobian per dimension is log(1 − 2α) − log p − log(1 − p) with
// p = α + (1 − 2α) y. With the flow's density of x', log p(y) = log p(x') +
// logit log-det, and the discrete data's NLL is bounded by
//     −log P(v) ≤ E_u[−log p(y)] + D · log 256          (nats per image)
// since the density of v + u on [0, 256)^D is p(y) / 256^D. u = ½ (the centre
// of each bin) gives the deterministic encoding the explorer uses.
//
// Ownership: free functions. Thread affinity: any. Failure modes: none (shapes
// are the caller's; values outside [0, 1] are clamped to 8-bit first).
#pragma once

#include <torch/torch.h>

namespace gs {

// y = (round(255 x) + u) / 256 for x in [0, 1] and u in [0, 1) (same shape or broadcastable).
torch::Tensor dequantize(const torch::Tensor& x01, const torch::Tensor& u);
// x' = logit(α + (1 − 2α) y); adds the log-Jacobian summed per item to logdet [N].
torch::Tensor logit_transform(const torch::Tensor& y, double alpha, torch::Tensor& logdet);
// The inverse of logit_transform: y in (0, 1).
torch::Tensor inverse_logit_transform(const torch::Tensor& xp, double alpha);
// y back to an image in [0, 1]: (256 y − ½) / 255, clamped (exact for the bin centres).
torch::Tensor quantized_image(const torch::Tensor& y);
// −log P(v) in nats per item from log p(y) [N] of D-dimensional items: −log p(y) + D log 256.
torch::Tensor discrete_nll_nats(const torch::Tensor& log_density_y, int64_t dims);

}  // namespace gs
