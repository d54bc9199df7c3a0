// error.h — the one exception type the core throws for problems a person can fix.
//
// Ownership: value type. Thread affinity: none.
// Failure modes: gs::Error carries a complete, human-readable sentence (what went
// wrong and, where known, what to do); front ends show what() as it is. Programming
// errors inside LibTorch surface as c10::Error and are translated at the session
// boundary (training_session.cpp) into gs::Error. gs::Cancelled is the one
// subclass: work stopped on request (Explorer::set_cancel_flag), which callers
// drop instead of showing.
#pragma once

#include <stdexcept>
#include <string>

namespace gs {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown by long explorer work (a denoising run, pixel-by-pixel sampling, text
// generation, AIS) when its cancel flag was raised: nobody waits for the result.
class Cancelled : public Error {
 public:
  Cancelled() : Error("The work was cancelled because it is no longer wanted.") {}
};

}  // namespace gs
