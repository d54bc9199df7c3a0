#include "core/model/param_spec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/common/error.h"

namespace gs {
namespace {

bool parse_double(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool parse_bool(const std::string& text, bool* out) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return *out = true, true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return *out = false, true;
  return false;
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s;
}

std::string validate(const ParamSpec& spec, const std::string& text) {
  switch (spec.type) {
    case ParamSpec::Type::Int: {
      double v = 0;
      if (!parse_double(text, &v) || std::floor(v) != v) {
        throw Error("Parameter '" + spec.key + "' must be a whole number, not '" + text + "'.");
      }
      if (v < spec.min || v > spec.max) {
        throw Error("Parameter '" + spec.key + "' must be between " + format_number(spec.min) +
                    " and " + format_number(spec.max) + "; got " + text + ".");
      }
      return format_number(v);
    }
    case ParamSpec::Type::Float: {
      double v = 0;
      if (!parse_double(text, &v)) {
        throw Error("Parameter '" + spec.key + "' must be a number, not '" + text + "'.");
      }
      if (v < spec.min || v > spec.max) {
        throw Error("Parameter '" + spec.key + "' must be between " + format_number(spec.min) +
                    " and " + format_number(spec.max) + "; got " + text + ".");
      }
      return format_number(v);
    }
    case ParamSpec::Type::Choice:
      for (const auto& c : spec.choices) {
        if (c == text) return text;
      }
      throw Error("Parameter '" + spec.key + "' must be one of " + join(spec.choices) + "; got '" +
                  text + "'.");
    case ParamSpec::Type::Bool: {
      bool b = false;
      if (!parse_bool(text, &b)) {
        throw Error("Parameter '" + spec.key + "' must be true or false, not '" + text + "'.");
      }
      return b ? "true" : "false";
    }
  }
  return text;
}

const std::string& lookup(const ParamValues& values, const std::string& key) {
  auto it = values.find(key);
  if (it == values.end()) throw Error("Missing parameter '" + key + "'.");
  return it->second;
}

}  // namespace

ParamSpec ParamSpec::integer(std::string key, std::string label, long def, long min, long max,
                             std::string help) {
  ParamSpec s;
  s.key = std::move(key);
  s.label = std::move(label);
  s.help = std::move(help);
  s.type = Type::Int;
  s.min = static_cast<double>(min);
  s.max = static_cast<double>(max);
  s.default_value = std::to_string(def);
  return s;
}

ParamSpec ParamSpec::real(std::string key, std::string label, double def, double min, double max,
                          std::string help, bool log_scale) {
  ParamSpec s;
  s.key = std::move(key);
  s.label = std::move(label);
  s.help = std::move(help);
  s.type = Type::Float;
  s.min = min;
  s.max = max;
  s.default_value = format_number(def);
  s.log_scale = log_scale;
  return s;
}

ParamSpec ParamSpec::choice(std::string key, std::string label, std::string def,
                            std::vector<std::string> choices, std::string help) {
  ParamSpec s;
  s.key = std::move(key);
  s.label = std::move(label);
  s.help = std::move(help);
  s.type = Type::Choice;
  s.default_value = std::move(def);
  s.choices = std::move(choices);
  return s;
}

ParamSpec ParamSpec::boolean(std::string key, std::string label, bool def, std::string help) {
  ParamSpec s;
  s.key = std::move(key);
  s.label = std::move(label);
  s.help = std::move(help);
  s.type = Type::Bool;
  s.default_value = def ? "true" : "false";
  return s;
}

ParamSpec ParamSpec::with_role(Role r) const {
  ParamSpec copy = *this;
  copy.role = r;
  if (r == Role::LearningRate) copy.live = true;
  return copy;
}

ParamSpec ParamSpec::changeable_live() const {
  ParamSpec copy = *this;
  copy.live = true;
  return copy;
}

const ParamSpec* find_role(const std::vector<ParamSpec>& specs, ParamSpec::Role role) {
  for (const auto& spec : specs) {
    if (spec.role == role) return &spec;
  }
  return nullptr;
}

ParamValues resolve_params(const std::vector<ParamSpec>& specs, const ParamValues& given) {
  for (const auto& [key, value] : given) {
    bool known = false;
    for (const auto& s : specs) known = known || s.key == key;
    if (!known) {
      std::vector<std::string> keys;
      for (const auto& s : specs) keys.push_back(s.key);
      throw Error("Unknown parameter '" + key + "'. Known parameters: " + join(keys) + ".");
    }
  }
  ParamValues out;
  for (const auto& s : specs) {
    auto it = given.find(s.key);
    out[s.key] = validate(s, it == given.end() ? s.default_value : it->second);
  }
  return out;
}

long param_int(const ParamValues& values, const std::string& key) {
  return std::lround(std::strtod(lookup(values, key).c_str(), nullptr));
}

double param_real(const ParamValues& values, const std::string& key) {
  return std::strtod(lookup(values, key).c_str(), nullptr);
}

bool param_bool(const ParamValues& values, const std::string& key) {
  bool b = false;
  parse_bool(lookup(values, key), &b);
  return b;
}

const std::string& param_text(const ParamValues& values, const std::string& key) {
  return lookup(values, key);
}

std::pair<std::string, std::string> parse_assignment(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw Error("Expected key=value, got '" + text + "'.");
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::string format_number(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", value);
  return buf;
}

}  // namespace gs
