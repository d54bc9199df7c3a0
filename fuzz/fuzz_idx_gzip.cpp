// fuzz_idx_gzip — the IDX reader as the Fashion-MNIST loader calls it: a file
// (gzip-compressed or plain, zlib tells) through read_idx_file, as images and
// as labels. Seeds are small gzip IDX files, so the mutations reach inflate.
#include "core/data/idx_reader.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_idx_gzip(const uint8_t* data, size_t size) {
  Sentences out;
  const std::string path = fuzz_temp_file("train-images-idx3-ubyte.gz", data, size);
  sentence_or_success(out, [&] { read_idx_file(path, 3); });
  sentence_or_success(out, [&] { read_idx_file(path, 1); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_idx_gzip)
