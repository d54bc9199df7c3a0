// translate_errors.h — runs a piece of core work and turns whatever LibTorch,
// OpenCV or the standard library throws into gs::Error with one readable line,
// so front ends only ever see gs::Error.
//
// Ownership: header-only helpers. Thread affinity: none. Failure modes: rethrows
// gs::Error unchanged; c10::Error, cv::Exception, std::bad_alloc and other
// std::exception become gs::Error("<doing> failed: <first line of the cause>").
#pragma once

#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <string>

#include "core/common/error.h"

namespace gs {

inline std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

template <typename Fn>
auto translate_errors(const std::string& doing, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Error(doing + " failed: " + first_line(e.what_without_backtrace()));
  } catch (const cv::Exception& e) {
    throw Error(doing + " failed: the image could not be processed (" + first_line(e.what()) + ").");
  } catch (const std::bad_alloc&) {
    throw Error(doing + " failed: out of memory. Try a smaller batch size or model.");
  } catch (const std::exception& e) {
    throw Error(doing + " failed: " + first_line(e.what()));
  }
}

}  // namespace gs
