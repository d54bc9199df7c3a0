// fused_mlp.h — forward and backward of a dense stack (Linear + bias +
// activation per layer) written by hand over preallocated contiguous float
// buffers, for networks so small that LibTorch's per-operation overhead
// (dispatcher, autograd graph, TensorIterator, allocation) outweighs their
// arithmetic. The matrix products go straight to the BLAS LibTorch uses
// (the Fortran sgemm_ of libblas.so.3); bias and activation are one fused pass.
//
// The parameters are not owned: they are read from (and gradients written to)
// a flat buffer laid out as torch::nn::Sequential{Linear, act, Linear, …}
// ->parameters() lays them out — W0 [out0, in0], b0 [out0], W1, b1, … — i.e.
// FlatAdam's flat_parameters() / flat_gradient(). Activations are recovered
// from the layer outputs (LeakyReLU and ReLU keep the sign, tanh' = 1 − y²,
// σ' = y(1 − y)), so a forward pass stores only outputs.
//
// Ownership: owns its activation and scratch buffers, sized for `max_rows`
// rows (reserve() grows them; that and construction are the only allocations).
// Thread affinity: one thread at a time; backward() uses the activations of the
// latest forward(). Failure modes: gs::Error from construction for an empty
// stack or non-matching widths, and from forward() for more rows than reserved.
#pragma once

#include <cstdint>
#include <vector>

namespace gs {

enum class FusedActivation { Identity, LeakyRelu, Relu, Tanh, Sigmoid };

struct FusedLayer {
  int64_t in = 0, out = 0;
  FusedActivation activation = FusedActivation::Identity;
};

class FusedMlp {
 public:
  FusedMlp(std::vector<FusedLayer> layers, double leaky_slope = 0.2);

  void reserve(int64_t rows);  // grows the buffers (allocates) when rows exceed the reserve
  int64_t reserved_rows() const { return rows_; }
  int64_t parameter_count() const;  // Σ out·in + out
  int64_t input_width() const { return layers_.front().in; }
  int64_t output_width() const { return layers_.back().out; }
  const std::vector<FusedLayer>& layers() const { return layers_; }

  // y = f(x) for n rows of x [n, in0]; returns the output [n, out_last], valid
  // until the next forward(). x must stay valid until backward().
  const float* forward(const float* params, const float* x, int64_t n);
  // Given dL/dy of the latest forward (n rows), writes dL/dW and dL/db into
  // `grads` (overwriting; same layout as params; nullptr: not needed, e.g. a
  // frozen network) and dL/dx into `dx` [n, in0] (nullptr: not needed).
  void backward(const float* params, const float* dy, float* grads, float* dx);

 private:
  std::vector<FusedLayer> layers_;
  float slope_;
  int64_t rows_ = 0, n_ = 0;
  const float* input_ = nullptr;
  std::vector<std::vector<float>> outputs_;  // per layer, [rows, out]
  std::vector<float> scratch_a_, scratch_b_;  // [rows, max width]
};

}  // namespace gs
