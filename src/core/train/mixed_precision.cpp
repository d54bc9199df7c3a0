#include "core/train/mixed_precision.h"

#include <ATen/autocast_mode.h>

#include "core/common/error.h"
#include "core/common/runtime_info.h"

namespace gs {

bool use_bf16(const std::string& precision) {
  if (precision == "fp32") return false;
  const CpuFeatures f = detect_cpu_features();
  if (precision == "auto") return f.amx_bf16;
  if (precision == "bf16") return true;  // emulated by LibTorch where the CPU has no bfloat16 kernels
  throw Error("Unknown precision '" + precision + "' (use auto, fp32 or bf16).");
}

AutocastBf16Guard::AutocastBf16Guard(bool enabled) : enabled_(enabled) {
  if (!enabled_) return;
  previous_ = at::autocast::is_cpu_enabled();
  at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
  at::autocast::set_cpu_enabled(true);
  at::autocast::increment_nesting();
}

AutocastBf16Guard::~AutocastBf16Guard() {
  if (!enabled_) return;
  // Cached bfloat16 copies of the weights are stale after the optimizer step.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  at::autocast::set_cpu_enabled(previous_);
}

}  // namespace gs
