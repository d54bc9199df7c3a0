// fuzz_torchscript_module — the TorchScript module loader: the input is the
// module file MODEL.pt, next to a valid descriptor (an 8×8 gray generator of 4 latents, that of
// tests/fixtures/generator.pt), opened as the studio and the CLI open a .pt: TrainingSession::open
// (torch::jit::load, then the dry run the descriptor asks for).
#include "core/train/training_session.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_torchscript_module(const uint8_t* data, size_t size) {
  static const std::string descriptor =
      R"({"kind": "generator", "latent_dim": 4, "image_size": [8, 8], "channels": 1, "range": [-1, 1]})";
  Sentences out;
  fuzz_temp_file("module.pt.json", reinterpret_cast<const uint8_t*>(descriptor.data()), descriptor.size());
  const std::string path = fuzz_temp_file("module.pt", data, size);
  sentence_or_success(out, [&] { TrainingSession::open(path); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_torchscript_module)
