// fuzz_image — the engine's picture reader (core/data/image_file.h) that the
// image-folder datasets and the CLI (`translate --in`, `anomaly --folder`) use:
// the header check, then read_image_file on a file holding the input, in the
// mode the input's size picks (gray, colour or as stored).
#include <vector>

#include "core/data/image_file.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_image(const uint8_t* data, size_t size) {
  Sentences out;
  const std::vector<uint8_t> bytes(data, data + size);
  sentence_or_success(out, [&] { check_image_header(read_image_header(bytes), "picture"); });
  const ImageRead mode = size % 3 == 0 ? ImageRead::Gray : size % 3 == 1 ? ImageRead::Color : ImageRead::AsStored;
  const std::string path = fuzz_temp_file("picture", data, size);
  sentence_or_success(out, [&] { read_image_file(path, mode); });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_image)
