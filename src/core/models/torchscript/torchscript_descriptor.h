// torchscript_descriptor.h — how to call an imported TorchScript module (see
// torchscript_model.h): the module descriptor (core/model/module_descriptor.h:
// kind, latent size, image size, channels, value range) and its sidecar file
// MODULE.pt.json. Torch-free so the studio can fill one in.
//
// Ownership: value type. Thread affinity: none. Failure modes:
// read_torchscript_sidecar throws gs::Error for a missing or malformed file.
#pragma once

#include <string>

#include "core/model/module_descriptor.h"

namespace gs {

using TorchScriptDescriptor = ModuleDescriptor;

// Reads PATH.json; throws gs::Error when missing or malformed.
TorchScriptDescriptor read_torchscript_sidecar(const std::string& module_path);
bool has_torchscript_sidecar(const std::string& module_path);

// The sentence telling a person how to describe a module: the exact descriptor
// path (absolute, MODULE.pt.json), the keys it must hold with an example, and
// how to import it.
std::string torchscript_descriptor_hint(const std::string& module_path);

}  // namespace gs
