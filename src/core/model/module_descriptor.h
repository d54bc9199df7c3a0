// module_descriptor.h — how to call a pretrained module imported from a file
// (a registry entry with an importer, see model_registry.h): what it is, its
// latent size, image size, channels and value range. Torch-free so the studio
// can fill one in; the TorchScript family reads it from a sidecar file
// (torchscript_descriptor.h, where it is called TorchScriptDescriptor).
//
// Ownership: value type. Thread affinity: none. Failure modes: none here; an
// importer refuses a descriptor it cannot use with gs::Error.
#pragma once

#include <cstdint>
#include <string>

namespace gs {

struct ModuleDescriptor {
  std::string kind = "generator";  // or "translator"
  int64_t latent_dim = 0;          // generator
  int64_t height = 0, width = 0;   // output (generator) or training (translator) size
  int64_t channels = 1;
  double range_min = -1, range_max = 1;  // the module's pixel value range
};

}  // namespace gs
