// image_file.h — reading one picture file (PNG, JPEG, BMP, GIF, TIFF, WebP, PNM)
// for the datasets and the CLI, with sizes checked before anything is decoded.
//
// Ownership: returns a cv::Mat owning its pixels. Thread affinity: none (no
// global state; safe from any thread). Failure modes: gs::Error with a sentence
// naming the file for a missing or unreadable file, a file larger than
// kMaxImageFileBytes, a header claiming more than kMaxImageSide pixels a side or
// kMaxImagePixels pixels (refused from the header, before any pixel buffer is
// allocated), and a damaged or truncated picture. PNG files are decoded with
// libpng's simplified API, whose errors and warnings become the sentence instead
// of going to the terminal ("libpng error: Read Error"); JPEG files with libjpeg
// through jpeg_decode.h, whose warnings ("Corrupt JPEG data: …") become a
// warning sentence for the caller instead of terminal noise; other formats go
// through cv::imdecode, whose exceptions are translated.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace gs {

constexpr int kMaxImageSide = 16384;
constexpr int64_t kMaxImagePixels = int64_t(8192) * 8192;
constexpr int64_t kMaxImageFileBytes = int64_t(512) << 20;

enum class ImageRead {
  Gray,      // 8-bit, 1 channel
  Color,     // 8-bit, 3 channels, BGR (OpenCV's order)
  AsStored,  // 8-bit; gray pictures stay 1 channel, colour ones become BGR
};

struct ImageHeader {
  std::string format;  // "PNG", "JPEG", "GIF", "BMP", or "" when not recognised
  int64_t width = 0;   // 0: not known from the header
  int64_t height = 0;
};

// The format and pixel size a file's first bytes declare (no decoding).
ImageHeader read_image_header(const std::vector<uint8_t>& bytes);

// Throws the "… is W × H pixels, larger than GenStudio reads …" sentence when the
// header's size is beyond the limits; `name` is the file's name in the sentence.
void check_image_header(const ImageHeader& header, const std::string& name);

// Reads and decodes a picture file; throws gs::Error (see above). `*warning`
// (when given) gets a sentence for a damaged picture that still decoded (a
// JPEG with corrupt data), else it is cleared.
cv::Mat read_image_file(const std::string& path, ImageRead mode, std::string* warning = nullptr);

// The same for bytes already in memory; `name` names them in messages.
cv::Mat decode_image(const std::vector<uint8_t>& bytes, ImageRead mode, const std::string& name,
                     std::string* warning = nullptr);

}  // namespace gs
