// rbm_ais.h — annealed importance sampling of a Bernoulli–Bernoulli RBM's log
// partition function (Salakhutdinov and Murray 2008, "On the quantitative
// analysis of deep belief networks").
//
// The chain anneals from the base-rate RBM A (visible biases b_A = logit of
// the data's pixel means, clamped to [10⁻³, 1 − 10⁻³]; no weights; as many
// hidden units with zero biases) to the RBM B = (W, b, c) through
//   p*_β(v) = exp((1 − β) b_A·v + β b·v) Π_j (1 + exp(β (c_j + W_j·v))),
// β evenly spaced from 0 to 1 over `temperatures` values. Each run is one
// chain started from an exact draw of A; its importance weight accumulates
// log p*_{β_k}(v_k) − log p*_{β_{k−1}}(v_k), and each transition is one block
// Gibbs step that leaves p*_{β_k} invariant. log Z_A = Σ_i softplus(b_A,i) + H log 2.
//
// Ownership: a free function over borrowed tensors. Thread affinity: the
// caller's. Failure modes: gs::Error for runs < 1, temperatures < 2 or
// tensors of mismatched shapes. Cancelling (progress returns false) returns
// a result with cancelled = true and no estimate.
#pragma once

#include "core/model/energy_model.h"

namespace gs {

// W [D, H], b [D], c [H], data_mean [D] (float32).
EnergyModel::AisResult ais_log_partition(const torch::Tensor& W, const torch::Tensor& b, const torch::Tensor& c,
                                         const torch::Tensor& data_mean, int runs, int temperatures,
                                         torch::Generator& gen, const EnergyModel::Progress& progress = {});

}  // namespace gs
