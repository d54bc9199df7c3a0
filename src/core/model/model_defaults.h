// model_defaults.h — a model's parameter defaults for a kind of data. A
// family's registry entry lists, per DataKind, the values that differ from its
// ParamSpec defaults (ModelInfo::kind_defaults); these functions merge them,
// so every front end (CLI, training panel, playground) and the training
// session resolve the same defaults for the same data:
//   given values  >  the kind's overrides  >  ParamSpec::default_value.
//
// Ownership: value results. Thread affinity: any thread. Failure modes:
// resolve_model_params throws gs::Error like resolve_params (the message names
// the key and its range); params_for throws gs::Error when an override names a
// key the model does not have (a registry mistake, caught by
// test_model_registry).
#pragma once

#include <vector>

#include "core/model/data_kind.h"
#include "core/model/model_catalog.h"
#include "core/model/param_spec.h"

namespace gs {

// The model's specs with default_value replaced by the kind's overrides.
std::vector<ParamSpec> params_for(const ModelInfo& model, DataKind kind);
// The overrides alone (empty when the kind keeps the specs' defaults).
const ParamValues& kind_overrides(const ModelInfo& model, DataKind kind);
// Validates `given` and fills the rest with the kind's defaults.
ParamValues resolve_model_params(const ModelInfo& model, DataKind kind, const ParamValues& given);
// The given values that differ from the kind's defaults (what a person
// changed), for front ends that keep edits while the kind changes.
ParamValues changed_from_defaults(const ModelInfo& model, DataKind kind, const ParamValues& values);

}  // namespace gs
