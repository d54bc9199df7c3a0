// builtin_models.h — the registry entries of the model families that ship with
// GenStudio, one function per entry, each defined in its family's folder
// (models/<family>/<family>_entry.cpp), and the list of them all
// (builtin_models.cpp), which model_registry() serves.
//
// Ownership: entries are returned by value; the registry keeps the one copy.
// Thread affinity: any thread. Failure modes: none (building an entry only
// fills in tables; its factory or importer throws gs::Error when called).
#pragma once

#include <vector>

#include "core/model/model_registry.h"

namespace gs {

ModelEntry vae_entry(bool variational);  // "vae", or the plain autoencoder "ae"
ModelEntry gan_entry(bool dcgan);        // "gan" (MLP), or "dcgan"
ModelEntry stylegan_entry();             // "stylegan"
ModelEntry cyclegan_entry();             // "cyclegan"
ModelEntry realnvp_entry();              // "realnvp" (normalising flow)
ModelEntry pixelcnn_entry();             // "pixelcnn"
ModelEntry chargpt_entry();              // "chargpt" (character-level GPT, arch=lstm)
ModelEntry torchscript_entry();          // "torchscript" (imported, not trainable)

// Every built-in entry, in the order front ends list them.
std::vector<ModelEntry> builtin_models();

}  // namespace gs
