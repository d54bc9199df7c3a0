// fuzz_checkpoint — opening a .gsckpt the way `genstudio-cli info/sample` and
// the studio do: TrainingSession::open(path) reads the metadata, builds the
// family it names (every registered family can be reached from a seed's
// metadata) and loads its weights; the in-memory snapshot path
// (open_snapshot) gets the same bytes.
#include <vector>

#include "core/train/training_session.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_checkpoint(const uint8_t* data, size_t size) {
  Sentences out;
  const std::string path = fuzz_temp_file("model.gsckpt", data, size);
  sentence_or_success(out, [&] { TrainingSession::open(path); });
  const std::vector<uint8_t> bytes(data, data + size);
  sentence_or_success(out, [&] { TrainingSession::open_snapshot(bytes); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_checkpoint)
