// error.h — the one exception type the core throws for problems a person can fix.
//
// Ownership: value type. Thread affinity: none.
// Failure modes: gs::Error carries a complete, human-readable sentence (what went
// wrong and, where known, what to do); front ends show what() as it is. Programming
// errors inside LibTorch surface as c10::Error and are translated at the session
// boundary (training_session.cpp) into gs::Error.
#pragma once

#include <stdexcept>
#include <string>

namespace gs {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace gs
