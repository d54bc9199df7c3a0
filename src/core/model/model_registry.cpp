#include "core/model/model_registry.h"

#include "core/common/error.h"
#include "core/model/model_defaults.h"
#include "core/models/builtin_models.h"

namespace gs {
namespace {

std::string trainable_ids() {
  std::string s;
  for (const auto& m : model_catalog()) s += (s.empty() ? "" : ", ") + m.id;
  return s;
}

[[noreturn]] void throw_unknown(const std::string& id) {
  throw Error("Unknown model '" + id + "'. Known models: " + trainable_ids() + ".");
}

}  // namespace

ModelEntry ModelEntry::named(std::string id, std::string name, std::string description, unsigned capabilities) {
  ModelEntry e;
  e.info.id = std::move(id);
  e.info.name = std::move(name);
  e.info.description = std::move(description);
  e.info.capabilities = capabilities;
  return e;
}

const std::vector<ModelEntry>& model_registry() {
  static const std::vector<ModelEntry> registry = builtin_models();
  return registry;
}

const ModelEntry* find_model_entry(const std::string& id) {
  for (const auto& e : model_registry()) {
    if (e.info.id == id) return &e;
  }
  return nullptr;
}

void check_trainable(const std::string& id) {
  const ModelEntry* e = find_model_entry(id);
  if (!e) throw_unknown(id);
  if (!e->info.trainable || !e->factory) {
    throw Error("The model '" + id + "' (" + e->info.name + ") is imported from a file, not built and trained "
                "here; open the module with its descriptor to explore it. Trainable models: " + trainable_ids() + ".");
  }
}

std::unique_ptr<GenerativeModel> create_model(const std::string& id, const ParamValues& params,
                                              ImageShape shape) {
  check_trainable(id);
  const ModelEntry* e = find_model_entry(id);
  const bool translates = e->info.capabilities & kCanTranslate;
  if (translates && shape.domains != 2) {
    throw Error("The model '" + id + "' translates between two image domains; pick a two-domain dataset "
                "(edges2fashion, photo2painting or folders).");
  }
  if (!translates && shape.domains != 1) {
    throw Error("The dataset holds two image domains, which only translation models (cyclegan) use.");
  }
  return e->factory(resolve_model_params(e->info, data_kind_of(shape), params), shape);
}

std::unique_ptr<GenerativeModel> create_imported_model(const std::string& id, const std::string& module_path,
                                                       const ModuleDescriptor& descriptor) {
  const ModelEntry* e = find_model_entry(id);
  if (!e) throw_unknown(id);
  if (!e->importer) throw Error("The model '" + id + "' is not imported from a file; create it with its parameters.");
  return e->importer(module_path, descriptor);
}

const std::vector<ModelInfo>& registered_models() {
  static const std::vector<ModelInfo> all = [] {
    std::vector<ModelInfo> out;
    for (const auto& e : model_registry()) out.push_back(e.info);
    return out;
  }();
  return all;
}

const std::vector<ModelInfo>& model_catalog() {
  static const std::vector<ModelInfo> catalog = [] {
    std::vector<ModelInfo> out;
    for (const auto& m : registered_models()) {
      if (m.trainable) out.push_back(m);
    }
    return out;
  }();
  return catalog;
}

const ModelInfo* find_model(const std::string& id) {
  for (const auto& m : registered_models()) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const ModelInfo& require_model(const std::string& id) {
  if (const ModelInfo* m = find_model(id)) return *m;
  throw_unknown(id);
}

const std::string& default_model_id() {
  static const std::string id = "vae";
  return id;
}

}  // namespace gs
