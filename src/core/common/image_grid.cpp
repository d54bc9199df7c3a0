#include "core/common/image_grid.h"

#include "core/common/error.h"

namespace gs {

Image make_image_grid(const torch::Tensor& images_in, int columns, int padding) {
  if (images_in.dim() != 4 || (images_in.size(1) != 1 && images_in.size(1) != 3)) {
    throw Error("Expected a batch of gray or RGB images.");
  }
  torch::Tensor images = images_in.detach().to(torch::kCPU, torch::kFloat32);
  const int64_t n = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
  columns = std::max<int>(1, std::min<int64_t>(columns, std::max<int64_t>(n, 1)));
  const int64_t rows = (n + columns - 1) / columns;
  Image out;
  out.channels = static_cast<int>(c);
  out.width = static_cast<int>(columns * w + (columns + 1) * padding);
  out.height = static_cast<int>(rows * h + (rows + 1) * padding);
  out.pixels.assign(static_cast<size_t>(out.width) * out.height * c, 96);
  // [N, H, W, C] bytes, then copied tile by tile.
  torch::Tensor bytes = images.clamp(0, 1).mul(255).round().to(torch::kUInt8).permute({0, 2, 3, 1}).contiguous();
  const uint8_t* src = bytes.data_ptr<uint8_t>();
  for (int64_t i = 0; i < n; ++i) {
    const int64_t x0 = padding + (i % columns) * (w + padding);
    const int64_t y0 = padding + (i / columns) * (h + padding);
    for (int64_t y = 0; y < h; ++y) {
      const uint8_t* row = src + ((i * h + y) * w) * c;
      uint8_t* dst = out.pixels.data() + ((y0 + y) * out.width + x0) * c;
      std::copy(row, row + w * c, dst);
    }
  }
  return out;
}

}  // namespace gs
