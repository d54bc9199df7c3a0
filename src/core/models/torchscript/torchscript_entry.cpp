// torchscript_entry.cpp — registry entry "torchscript": a pretrained module
// saved with torch.jit.save, imported (not trainable) through its descriptor.
#include "core/models/builtin_models.h"
#include "core/models/torchscript/torchscript_model.h"

namespace gs {

ModelEntry torchscript_entry() {
  // A generator module samples and decodes; a translator module translates.
  ModelEntry e = ModelEntry::named(
      "torchscript", "Imported TorchScript module",
      "A pretrained generator (latent → image) or translator (image → image) saved from PyTorch with "
      "torch.jit.save, described by MODULE.pt.json; explored as it is, never trained here.",
      kCanSample | kCanDecode | kCanTranslate);
  e.info.trainable = false;
  e.importer = [](const std::string& path, const TorchScriptDescriptor& d) {
    return std::make_unique<TorchScriptModel>(path, d);
  };
  return e;
}

}  // namespace gs
