// torchscript_descriptor.h — how to call an imported TorchScript module (see
// torchscript_model.h): what it is, its latent size, image size, channels and
// value range. Torch-free so the studio can fill one in.
//
// Ownership: value type. Thread affinity: none. Failure modes:
// read_torchscript_sidecar throws gs::Error for a missing or malformed file.
#pragma once

#include <cstdint>
#include <string>

namespace gs {

struct TorchScriptDescriptor {
  std::string kind = "generator";  // or "translator"
  int64_t latent_dim = 0;          // generator
  int64_t height = 0, width = 0;   // output (generator) or training (translator) size
  int64_t channels = 1;
  double range_min = -1, range_max = 1;  // the module's pixel value range
};

// Reads PATH.json; throws gs::Error when missing or malformed.
TorchScriptDescriptor read_torchscript_sidecar(const std::string& module_path);
bool has_torchscript_sidecar(const std::string& module_path);

}  // namespace gs
