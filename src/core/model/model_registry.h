// model_registry.h — the table of model families: catalog entry (id, name,
// capabilities, parameter specs, loss names) plus how to build the model.
// The registry is generic: the entries come from the families' folders and
// are listed once in models/builtin_models.cpp.
//
// A trainable entry has a `factory` (resolved parameters and the data's shape
// → a fresh model); an imported entry (ModelInfo::trainable false, e.g.
// "torchscript") has an `importer` instead (a module file and the descriptor
// that says how to call it → a ready model).
//
// Ownership: a process-wide immutable table built on first use; the created
// models belong to the caller. Thread affinity: any thread. Failure modes:
// create_model throws gs::Error for an unknown id, an imported id, invalid
// parameters (validated by resolve_model_params, with the defaults for the
// shape's kind of data, before construction) or a dataset
// of the wrong kind; create_imported_model throws gs::Error for an id without
// an importer and passes on the importer's errors (unreadable module, bad
// descriptor, failed dry run).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/model/generative_model.h"
#include "core/model/model_catalog.h"
#include "core/model/module_descriptor.h"

namespace gs {

using ModelFactory = std::function<std::unique_ptr<GenerativeModel>(const ParamValues& resolved, ImageShape shape)>;
using ModelImporter =
    std::function<std::unique_ptr<GenerativeModel>(const std::string& module_path, const ModuleDescriptor& descriptor)>;

struct ModelEntry {
  ModelInfo info;
  ModelFactory factory;    // trainable entries
  ModelImporter importer;  // imported entries (info.trainable false)

  // An entry with its catalog text and flags; the family then sets its
  // parameter specs, loss names and factory (or importer and trainable = false).
  static ModelEntry named(std::string id, std::string name, std::string description, unsigned capabilities);
};

const std::vector<ModelEntry>& model_registry();
// The entry with that id, or nullptr.
const ModelEntry* find_model_entry(const std::string& id);

// Throws gs::Error (unknown id; an imported model, with how to open one) unless
// `id` names a trainable model; create_model checks this first.
void check_trainable(const std::string& id);
// Validates `params` against the entry's specs and builds the model.
std::unique_ptr<GenerativeModel> create_model(const std::string& id, const ParamValues& params,
                                              ImageShape shape);
// Builds an imported model (entry `id`, e.g. "torchscript") from a module file.
std::unique_ptr<GenerativeModel> create_imported_model(const std::string& id, const std::string& module_path,
                                                       const ModuleDescriptor& descriptor);

}  // namespace gs
