#include "core/train/gradient_sync.h"

namespace gs {
namespace {
thread_local GradientSync* t_sync = nullptr;
}

GradientSync* current_gradient_sync() { return t_sync; }

GradientSyncScope::GradientSyncScope(GradientSync* sync) : previous_(t_sync) { t_sync = sync; }
GradientSyncScope::~GradientSyncScope() { t_sync = previous_; }

}  // namespace gs
