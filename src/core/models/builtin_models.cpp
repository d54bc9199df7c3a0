// builtin_models.cpp — the one list of GenStudio's model families.
//
// To add a family: give it a folder models/<family>/ with its networks, its
// GenerativeModel and a <family>_entry.cpp defining `ModelEntry <family>_entry()`
// (id, name, description, capability flags, parameter specs, loss names and a
// factory — or an importer for models loaded from a file, with
// info.trainable = false); declare that function in builtin_models.h and add
// one line below. If the family brings an ability no side interface covers,
// add a small interface in core/model/ with an accessor on GenerativeModel
// (like styles(), translator(), critic()) and its capability flag. Nothing
// else changes: the registry, the catalog, the CLI's `models` listing and the
// studio's forms all read this list (the library globs its sources).
#include "core/models/builtin_models.h"

namespace gs {

std::vector<ModelEntry> builtin_models() {
  std::vector<ModelEntry> entries;
  entries.push_back(vae_entry(/*variational=*/true));
  entries.push_back(vae_entry(/*variational=*/false));
  entries.push_back(gan_entry(/*dcgan=*/false));
  entries.push_back(gan_entry(/*dcgan=*/true));
  entries.push_back(stylegan_entry());
  entries.push_back(cyclegan_entry());
  entries.push_back(realnvp_entry());
  entries.push_back(pixelcnn_entry());
  entries.push_back(chargpt_entry());
  entries.push_back(torchscript_entry());
  return entries;
}

}  // namespace gs
