// checkpoint_limits.h — sizes a checkpoint file may claim, checked after the
// archive's records are indexed and before any tensor's data is used.
//
// A LibTorch archive stores each tensor's storage as an uncompressed record, so
// no tensor of a genuine file holds more bytes than the file itself. A tensor (or
// its storage) that claims more — a crafted or damaged header asking for 10¹²
// elements — is refused here with a sentence, before the model copies from it or
// anything allocates that much.
//
// Ownership: free function over a loaded module (not kept). Thread affinity: none.
// Failure modes: throws gs::Error naming the file, the record and the sizes.
#pragma once

#include <cstdint>
#include <string>
#include <torch/script.h>

namespace gs {

// Walks every attribute of `module` and its submodules (tensors, and tensors in
// lists, tuples and dictionaries) and throws when one claims more than
// `file_bytes` bytes of data.
void check_checkpoint_tensor_sizes(const torch::jit::Module& module, uint64_t file_bytes, const std::string& name);

}  // namespace gs
