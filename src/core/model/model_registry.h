// model_registry.h — the table of model families: catalog entry (id, name,
// capabilities, parameter specs, loss names) plus a factory.
//
// Ownership: a process-wide immutable table built on first use. Thread affinity:
// any thread. Failure modes: create_model throws gs::Error for an unknown id or
// invalid parameters (validated by resolve_params before construction).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/model/generative_model.h"
#include "core/model/model_catalog.h"

namespace gs {

struct ModelEntry {
  ModelInfo info;
  std::function<std::unique_ptr<GenerativeModel>(const ParamValues& resolved, ImageShape shape)>
      factory;
};

const std::vector<ModelEntry>& model_registry();

// Validates `params` against the entry's specs and builds the model.
std::unique_ptr<GenerativeModel> create_model(const std::string& id, const ParamValues& params,
                                              ImageShape shape);

}  // namespace gs
