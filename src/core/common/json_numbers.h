// json_numbers.h — numbers read from JSON that GenStudio did not necessarily write
// (session files, checkpoint metadata, TorchScript descriptors, run folders).
//
// nlohmann's get<int>() converts a float such as 5e41 with a plain cast, which is
// undefined behaviour when the value does not fit (found by fuzz_session). These
// accessors take an integer, or a float holding a whole number, within the target
// type's range, and finite floats within float's range; anything else throws
// gs::Error naming the field (`what`, e.g. "The checkpoint's step").
//
// Ownership: free functions over a caller's json. Thread affinity: any thread.
// Failure modes: gs::Error with a sentence; never a silent wrap-around or clamp.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "core/common/error.h"

namespace gs {

template <typename T>
T json_whole(const nlohmann::json& v, const std::string& what) {
  static_assert(std::is_integral_v<T> && sizeof(T) <= 8, "json_whole reads integers");
  using L = std::numeric_limits<T>;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(L::max())) return static_cast<T>(u);
  } else if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    const bool fits = L::is_signed ? i >= static_cast<std::int64_t>(L::min()) && i <= static_cast<std::int64_t>(L::max())
                                   : i >= 0 && static_cast<std::uint64_t>(i) <= static_cast<std::uint64_t>(L::max());
    if (fits) return static_cast<T>(i);
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    // [min, 2^digits) is exactly the range of T, and both ends are exact doubles.
    if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(L::min()) && d < std::ldexp(1.0, L::digits)) {
      return static_cast<T>(d);
    }
  }
  throw Error(what + " is not a whole number from " + std::to_string(L::min()) + " to " + std::to_string(L::max()) +
              ".");
}

// obj[key] as a whole number, or `fallback` when obj has no such key.
template <typename T>
T json_whole_or(const nlohmann::json& obj, const char* key, T fallback, const std::string& what) {
  if (!obj.is_object()) throw Error(what + " is not in an object.");
  const auto it = obj.find(key);
  return it == obj.end() ? fallback : json_whole<T>(*it, what);
}

// A number as a float (finite and within float's range).
inline float json_float(const nlohmann::json& v, const std::string& what) {
  if (v.is_number()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && std::fabs(d) <= static_cast<double>(std::numeric_limits<float>::max())) {
      return static_cast<float>(d);
    }
  }
  throw Error(what + " holds a value that is not a finite number.");
}

// An array of numbers as floats (see json_float).
inline std::vector<float> json_floats(const nlohmann::json& v, const std::string& what) {
  if (!v.is_array()) throw Error(what + " is not a list of numbers.");
  std::vector<float> out;
  out.reserve(v.size());
  for (const nlohmann::json& x : v) out.push_back(json_float(x, what));
  return out;
}

// obj[key] as floats, or `fallback` when obj has no such key.
inline std::vector<float> json_floats_or(const nlohmann::json& obj, const char* key, std::vector<float> fallback,
                                         const std::string& what) {
  if (!obj.is_object()) throw Error(what + " is not in an object.");
  const auto it = obj.find(key);
  return it == obj.end() ? fallback : json_floats(*it, what);
}

}  // namespace gs
