// model_catalog.h — the torch-free view of the model registry: which models and
// datasets exist, what they can do and which parameters they take.
//
// Ownership: the catalog is a process-wide immutable table built on first use.
// Thread affinity: any thread. Failure modes: find_* return nullptr for an
// unknown id; require_* throw gs::Error listing the known ids.
#pragma once

#include <string>
#include <vector>

#include "core/model/capabilities.h"
#include "core/model/param_spec.h"

namespace gs {

struct ModelInfo {
  std::string id;            // "vae"
  std::string name;          // "Variational autoencoder (β-VAE)"
  std::string description;   // one or two sentences
  unsigned capabilities = 0; // Capability flags
  std::vector<ParamSpec> params;  // model and training parameters, in form order
  std::vector<std::string> loss_names;  // series the trainer reports, total first
};

struct DatasetInfo {
  std::string id;           // "fashion-mnist", "folder"
  std::string name;         // "Fashion-MNIST (Debian dataset-fashion-mnist)"
  std::string description;
  bool needs_path = false;  // the user supplies a folder
  bool points = false;      // low-dimensional point data (the playground), not images
  bool two_domains = false; // unpaired image domains A and B (translation models)
  bool drawable = false;    // point data the user draws (the playground's canvas supplies it)
};

const std::vector<ModelInfo>& model_catalog();
const ModelInfo* find_model(const std::string& id);
const ModelInfo& require_model(const std::string& id);
// The model a new studio session starts with (the Fashion-MNIST VAE).
const std::string& default_model_id();

const std::vector<DatasetInfo>& dataset_catalog();
const DatasetInfo* find_dataset(const std::string& id);

}  // namespace gs
