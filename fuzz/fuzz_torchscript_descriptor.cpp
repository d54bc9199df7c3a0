// fuzz_torchscript_descriptor — the descriptor MODEL.pt.json of an imported
// TorchScript module: the input is the descriptor, next to a real module
// (tests/fixtures/generator.pt), opened as the studio and the CLI open a .pt:
// TrainingSession::open.
#include <fstream>
#include <iterator>
#include <vector>

#include "core/models/torchscript/torchscript_descriptor.h"
#include "core/train/training_session.h"
#include "fuzz_entry.h"

#ifndef GS_FUZZ_FIXTURES
#error "GS_FUZZ_FIXTURES must name tests/fixtures"
#endif

namespace gs::fuzz {

Sentences fuzz_torchscript_descriptor(const uint8_t* data, size_t size) {
  static const std::vector<char> module = [] {
    std::ifstream in(std::string(GS_FUZZ_FIXTURES) + "/generator.pt", std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
  }();
  Sentences out;
  const std::string path =
      fuzz_temp_file("described.pt", reinterpret_cast<const uint8_t*>(module.data()), module.size());
  fuzz_temp_file("described.pt.json", data, size);
  sentence_or_success(out, [&] { read_torchscript_sidecar(path); });
  sentence_or_success(out, [&] { TrainingSession::open(path); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_torchscript_descriptor)
