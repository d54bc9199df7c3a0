// class_guidance.h — class labels and classifier-free guidance (Ho & Salimans
// 2022) for the diffusion model's denoiser. Labels 0 … K−1 are classes; the
// extra embedding row K is the "null" class ∅ the network learns when a
// training label is dropped. With guidance scale w the prediction is
//     out = (1 + w)·out(x, c) − w·out(x, ∅)
// (w = 0: the conditional network alone; w > 0 extrapolates away from the
// unconditional prediction). `out` is the raw network output (ε, or v: v is
// affine in ε at a fixed x_t, so combining v equals combining ε).
//
// Ownership: free functions. Thread affinity: the caller's. Failure modes:
// gs::Error with a sentence for labels outside −1 … K−1, a label count other
// than the batch's, a guidance scale negative or not finite.
#pragma once

#include "core/models/ddpm/denoiser.h"

namespace gs {

// Labels [n] (any integer type) checked against K classes, −1 mapped to the
// null class K; returns [n] int64. `what` names them in messages ("labels").
torch::Tensor class_indices(const torch::Tensor& labels, int64_t num_classes, int64_t n);

// Throws unless w is finite and ≥ 0.
void check_guidance(double w);

// (1 + w)·cond − w·uncond.
torch::Tensor combine_guidance(const torch::Tensor& cond, const torch::Tensor& uncond, double w);

// The guided output for class indices `y` ([N] int64, K = null): one network
// pass when w = 0 or every item is unconditional (their two predictions are the
// same), otherwise one pass over the batch doubled (conditional rows, then the
// same rows with ∅) — fewer, larger ops than two passes.
torch::Tensor guided_output(Denoiser& net, const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y,
                            int64_t null_class, double w);

}  // namespace gs
