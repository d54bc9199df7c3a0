// image.h — a plain 8-bit image (gray or RGB), the only pixel type front ends see.
//
// Ownership: value type owning its bytes. Thread affinity: none; safe to move
// between threads. Failure modes: write_png throws gs::Error when the file cannot
// be written (the destination is untouched: the write is atomic).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;            // 1 (gray) or 3 (RGB, interleaved)
  std::vector<uint8_t> pixels; // row-major, width * height * channels bytes

  bool empty() const { return pixels.empty(); }
};

// Encodes to PNG in memory; throws gs::Error on an empty image.
std::vector<uint8_t> encode_png(const Image& image);

// Writes a PNG atomically (temporary file + rename).
void write_png(const Image& image, const std::string& path);

}  // namespace gs
