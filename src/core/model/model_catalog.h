// model_catalog.h — the torch-free view of the model registry: which models
// exist, what they can do and which parameters they take; and, through
// dataset_catalog.h, which datasets exist.
//
// Two lists: model_catalog() holds the models a person can train (what the
// training forms and `genstudio-cli train --model` offer); registered_models()
// holds every registry entry, imported ones too (ModelInfo::trainable false,
// e.g. "torchscript": a module loaded from a file, explored but not trained).
//
// Ownership: the catalog is a process-wide immutable table built on first use.
// Thread affinity: any thread. Failure modes: find_* return nullptr for an
// unknown id; require_* throw gs::Error listing the known ids.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/data/dataset_catalog.h"
#include "core/model/capabilities.h"
#include "core/model/data_kind.h"
#include "core/model/param_spec.h"

namespace gs {

struct ModelInfo {
  std::string id;            // "vae"
  std::string name;          // "Variational autoencoder (β-VAE)"
  std::string description;   // one or two sentences
  unsigned capabilities = 0; // Capability flags (an imported entry: what its modules may offer)
  std::vector<ParamSpec> params;  // model and training parameters, in form order
  // Defaults that differ by the kind of data (model_defaults.h): key → value
  // overriding ParamSpec::default_value for that kind; kinds not listed use
  // the specs' defaults.
  std::map<DataKind, ParamValues> kind_defaults;
  std::vector<std::string> loss_names;  // series the trainer reports, total first
  // False for imported models (built from a file by the entry's importer, see
  // model_registry.h): lists that offer training skip them and create_model
  // refuses them with a sentence saying how to open one instead.
  bool trainable = true;
};

// The trainable models, in registry order.
const std::vector<ModelInfo>& model_catalog();
// Every registered model, trainable or imported, in registry order.
const std::vector<ModelInfo>& registered_models();
// Any registered model (imported ones too), or nullptr.
const ModelInfo* find_model(const std::string& id);
const ModelInfo& require_model(const std::string& id);
// The model a new studio session starts with (the Fashion-MNIST VAE).
const std::string& default_model_id();

}  // namespace gs
