// mixed_precision.h — bfloat16 matrix products for training on CPUs that run
// them natively (AMX-BF16: 3–5× the float32 rate through LibTorch's oneDNN).
//
// Weights, gradients, optimizer state and losses stay float32; only the
// matrix products and convolutions of the forward pass run in bfloat16 (CPU
// autocast), the standard mixed-precision recipe.
//
// Ownership: RAII guard on the stack. Thread affinity: autocast state is
// thread-local; use the guard on the training thread around the forward pass.
// Failure modes: use_bf16 throws gs::Error for an unknown precision name.
// precision=bf16 runs on any CPU: without AVX-512 oneDNN has no bfloat16
// kernels and LibTorch emulates them (same numerics, slower than float32), so
// "auto" picks bfloat16 only on CPUs with AMX-BF16.
#pragma once

#include <string>

namespace gs {

// "fp32" → false; "bf16" → true (on any CPU); "auto" → true when the CPU has AMX-BF16.
bool use_bf16(const std::string& precision);

class AutocastBf16Guard {
 public:
  explicit AutocastBf16Guard(bool enabled);
  ~AutocastBf16Guard();
  AutocastBf16Guard(const AutocastBf16Guard&) = delete;
  AutocastBf16Guard& operator=(const AutocastBf16Guard&) = delete;

 private:
  bool enabled_;
  bool previous_ = false;
};

}  // namespace gs
