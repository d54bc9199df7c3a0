#include "core/nn/fused_mlp.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/error.h"

// The Fortran BLAS entry point (libblas.so.3: OpenBLAS, as LibTorch's own matrix products use).
extern "C" void sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);

namespace gs {
namespace {

// Row-major C[m, n] = op(A) · op(B) (+ beta·C) on the column-major BLAS: Cᵀ = op(B)ᵀ · op(A)ᵀ.
void gemm_rm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
             int64_t ldb, float beta, float* c, int64_t ldc) {
  const char tra = tb ? 'T' : 'N', trb = ta ? 'T' : 'N';
  const int M = static_cast<int>(n), N = static_cast<int>(m), K = static_cast<int>(k);
  const int LDA = static_cast<int>(ldb), LDB = static_cast<int>(lda), LDC = static_cast<int>(ldc);
  const float alpha = 1.0f;
  sgemm_(&tra, &trb, &M, &N, &K, &alpha, b, &LDA, a, &LDB, &beta, c, &LDC);
}

// The element-wise passes are branch-free (a LeakyReLU's sign is a coin flip per
// unit: a branch would mispredict half the time) and restrict-qualified, so the
// compiler vectorises them.
void bias_activation(float* __restrict y, const float* __restrict bias, int64_t n, int64_t width, FusedActivation act,
                     float slope) {
  for (int64_t r = 0; r < n; ++r) {
    float* __restrict row = y + r * width;
    switch (act) {
      case FusedActivation::Identity:
        for (int64_t j = 0; j < width; ++j) row[j] += bias[j];
        break;
      case FusedActivation::LeakyRelu:
        for (int64_t j = 0; j < width; ++j) {
          const float v = row[j] + bias[j];
          row[j] = std::max(v, 0.0f) + slope * std::min(v, 0.0f);
        }
        break;
      case FusedActivation::Relu:
        for (int64_t j = 0; j < width; ++j) row[j] = std::max(row[j] + bias[j], 0.0f);
        break;
      case FusedActivation::Tanh:
        for (int64_t j = 0; j < width; ++j) row[j] = std::tanh(row[j] + bias[j]);
        break;
      case FusedActivation::Sigmoid:
        for (int64_t j = 0; j < width; ++j) row[j] = 1.0f / (1.0f + std::exp(-(row[j] + bias[j])));
        break;
    }
  }
}

void activation_gradient(float* __restrict g, const float* __restrict y, int64_t count, FusedActivation act,
                         float slope) {
  switch (act) {
    case FusedActivation::Identity: break;
    case FusedActivation::LeakyRelu:
      for (int64_t j = 0; j < count; ++j) {
        const float f = y[j] > 0.0f ? 1.0f : slope;  // a select between constants: one blend, no branch
        g[j] = g[j] * f;
      }
      break;
    case FusedActivation::Relu:
      for (int64_t j = 0; j < count; ++j) {
        const float f = y[j] > 0.0f ? 1.0f : 0.0f;
        g[j] = g[j] * f;
      }
      break;
    case FusedActivation::Tanh:
      for (int64_t j = 0; j < count; ++j) g[j] *= 1.0f - y[j] * y[j];
      break;
    case FusedActivation::Sigmoid:
      for (int64_t j = 0; j < count; ++j) g[j] *= y[j] * (1.0f - y[j]);
      break;
  }
}

void column_sums(const float* __restrict x, int64_t n, int64_t width, float* __restrict out) {
  std::fill(out, out + width, 0.0f);
  for (int64_t r = 0; r < n; ++r) {
    const float* __restrict row = x + r * width;
    for (int64_t j = 0; j < width; ++j) out[j] += row[j];
  }
}

}  // namespace

FusedMlp::FusedMlp(std::vector<FusedLayer> layers, double leaky_slope)
    : layers_(std::move(layers)), slope_(static_cast<float>(leaky_slope)) {
  if (layers_.empty()) throw Error("A fused network needs at least one layer.");
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i].in < 1 || layers_[i].out < 1 || (i > 0 && layers_[i].in != layers_[i - 1].out)) {
      throw Error("The fused network's layer " + std::to_string(i + 1) + " does not fit the one before it.");
    }
  }
  outputs_.resize(layers_.size());
}

int64_t FusedMlp::parameter_count() const {
  int64_t n = 0;
  for (const auto& l : layers_) n += l.out * l.in + l.out;
  return n;
}

void FusedMlp::reserve(int64_t rows) {
  if (rows <= rows_) return;
  int64_t widest = layers_.front().in;
  for (size_t i = 0; i < layers_.size(); ++i) {
    outputs_[i].assign(static_cast<size_t>(rows * layers_[i].out), 0.0f);
    widest = std::max(widest, layers_[i].out);
  }
  scratch_a_.assign(static_cast<size_t>(rows * widest), 0.0f);
  scratch_b_.assign(static_cast<size_t>(rows * widest), 0.0f);
  rows_ = rows;
}

const float* FusedMlp::forward(const float* params, const float* x, int64_t n) {
  if (n > rows_) throw Error("The fused network got " + std::to_string(n) + " rows but has room for " + std::to_string(rows_) + ".");
  input_ = x;
  n_ = n;
  const float* in = x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    const FusedLayer& l = layers_[i];
    const float* w = params;
    const float* bias = params + l.out * l.in;
    params = bias + l.out;
    float* y = outputs_[i].data();
    gemm_rm(false, true, n, l.out, l.in, in, l.in, w, l.in, 0.0f, y, l.out);  // x · Wᵀ
    bias_activation(y, bias, n, l.out, l.activation, slope_);
    in = y;
  }
  return in;
}

void FusedMlp::backward(const float* params, const float* dy, float* grads, float* dx) {
  const int64_t n = n_;
  // Offsets of each layer's W in the flat layout.
  int64_t offset = parameter_count();
  float* cur = scratch_a_.data();
  float* next = scratch_b_.data();
  const int64_t last_out = layers_.back().out;
  std::copy(dy, dy + n * last_out, cur);
  for (size_t ii = layers_.size(); ii-- > 0;) {
    const FusedLayer& l = layers_[ii];
    offset -= l.out * l.in + l.out;
    const float* w = params + offset;
    const float* y = outputs_[ii].data();
    activation_gradient(cur, y, n * l.out, l.activation, slope_);  // dz = dy ⊙ f'(z), f' from y
    const float* in = ii == 0 ? input_ : outputs_[ii - 1].data();
    if (grads) {
      float* gw = grads + offset;
      float* gb = gw + l.out * l.in;
      gemm_rm(true, false, l.out, l.in, n, cur, l.out, in, l.in, 0.0f, gw, l.in);  // dzᵀ · x
      column_sums(cur, n, l.out, gb);
    }
    if (ii > 0) {
      gemm_rm(false, false, n, l.in, l.out, cur, l.out, w, l.in, 0.0f, next, l.in);  // dz · W
      std::swap(cur, next);
    } else if (dx) {
      gemm_rm(false, false, n, l.in, l.out, cur, l.out, w, l.in, 0.0f, dx, l.in);
    }
  }
}

}  // namespace gs
