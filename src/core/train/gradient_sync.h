// gradient_sync.h — the hook data-parallel training uses to average gradients
// across processes between a backward pass and an optimizer step.
//
// While a GradientSyncScope is alive on a thread, FlatAdam::synchronize_gradients()
// (called by FlatAdam::step(), or earlier by a family that clips gradients)
// hands its flat gradient buffer to the scope's GradientSync once per step.
// Families with several optimizers (a GAN's D and G steps, train_step_part)
// therefore synchronise each part before its own update, and no family code
// needs to know about processes. Without a scope nothing happens.
//
// Ownership: the scope borrows the GradientSync. Thread affinity: the scope is
// thread-local (the training thread); exploration threads never see it.
// Failure modes: GradientSync::average throws gs::Error when a peer is gone;
// the exception leaves the optimizer step untaken.
#pragma once

#include <torch/torch.h>

namespace gs {

class GradientSync {
 public:
  virtual ~GradientSync() = default;
  // Replaces `flat` (a contiguous float buffer of gradients) by its mean over all processes.
  virtual void average(torch::Tensor& flat) = 0;
};

// The hook of this thread, or nullptr.
GradientSync* current_gradient_sync();

class GradientSyncScope {
 public:
  explicit GradientSyncScope(GradientSync* sync);
  ~GradientSyncScope();
  GradientSyncScope(const GradientSyncScope&) = delete;
  GradientSyncScope& operator=(const GradientSyncScope&) = delete;

 private:
  GradientSync* previous_;
};

}  // namespace gs
