#include "core/model/model_defaults.h"

#include "core/common/error.h"

namespace gs {

const ParamValues& kind_overrides(const ModelInfo& model, DataKind kind) {
  static const ParamValues none;
  const auto it = model.kind_defaults.find(kind);
  return it == model.kind_defaults.end() ? none : it->second;
}

std::vector<ParamSpec> params_for(const ModelInfo& model, DataKind kind) {
  std::vector<ParamSpec> specs = model.params;
  for (const auto& [key, value] : kind_overrides(model, kind)) {
    bool found = false;
    for (ParamSpec& s : specs) {
      if (s.key != key) continue;
      // Normalised as resolve_params would ("1e-4" → "0.0001"), and checked against the range.
      s.default_value = resolve_params({s}, {{key, value}}).at(key);
      found = true;
    }
    if (!found) {
      throw Error("The model '" + model.id + "' gives a default for " + data_kind_label(kind) +
                  " to a parameter it does not have ('" + key + "').");
    }
  }
  return specs;
}

ParamValues resolve_model_params(const ModelInfo& model, DataKind kind, const ParamValues& given) {
  return resolve_params(params_for(model, kind), given);
}

ParamValues changed_from_defaults(const ModelInfo& model, DataKind kind, const ParamValues& values) {
  ParamValues changed;
  for (const ParamSpec& s : params_for(model, kind)) {
    const auto it = values.find(s.key);
    if (it == values.end()) continue;
    std::string normalised;
    try {
      normalised = resolve_params({s}, {{s.key, it->second}}).at(s.key);
    } catch (const Error&) {
      normalised = it->second;  // an invalid value is a change; resolving reports it later
    }
    if (normalised != s.default_value) changed[s.key] = it->second;
  }
  return changed;
}

}  // namespace gs
