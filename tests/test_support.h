// test_support.h — small helpers shared by the core tests.
#pragma once

#include <QString>
#include <functional>

#include "core/common/error.h"

// The message of the gs::Error that fn throws, or an empty string when it does not throw.
inline QString errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const gs::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
