// fuzz_idx — the IDX reader (core/data/idx_reader.h) on raw, already
// decompressed bytes: parse_idx as images (3 dimensions) and as labels (1).
#include <vector>

#include "core/data/idx_reader.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_idx(const uint8_t* data, size_t size) {
  Sentences out;
  const std::vector<uint8_t> bytes(data, data + size);
  sentence_or_success(out, [&] { parse_idx(bytes, 3, "images-idx3-ubyte"); });
  sentence_or_success(out, [&] { parse_idx(bytes, 1, "labels-idx1-ubyte"); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_idx)
