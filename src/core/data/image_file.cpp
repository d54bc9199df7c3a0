#include "core/data/image_file.h"

#include <png.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/error.h"
#include "core/data/jpeg_decode.h"

namespace gs {
namespace {

uint32_t be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
uint32_t le16(const uint8_t* p) { return uint32_t(p[0]) | (uint32_t(p[1]) << 8); }
int64_t le32s(const uint8_t* p) {
  return static_cast<int32_t>(uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) |
                              (uint32_t(p[3]) << 24));
}

// JPEG: the first start-of-frame marker (SOF0 … SOF15 but DHT, JPG, DAC) holds the size.
void jpeg_size(const std::vector<uint8_t>& b, ImageHeader* h) {
  size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) return;
    const uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { i += 2; continue; }
    const size_t len = (size_t(b[i + 2]) << 8) | b[i + 3];
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      h->height = (int64_t(b[i + 5]) << 8) | b[i + 6];
      h->width = (int64_t(b[i + 7]) << 8) | b[i + 8];
      return;
    }
    if (len < 2) return;
    i += 2 + len;
  }
}

std::string with_commas(int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

// libpng's message ("PLTE: CRC error", "Read Error", …) as a clause for a person.
std::string png_detail(const std::string& m) {
  if (m.empty()) return {};
  if (m.find("CRC") != std::string::npos) return " (a checksum inside it does not match)";
  if (m.find("Read Error") != std::string::npos || m.find("Not enough") != std::string::npos ||
      m.find("EOF") != std::string::npos || m.find("truncat") != std::string::npos) {
    return " (the file ends too early)";
  }
  if (m.find("signature") != std::string::npos) return " (it does not start like a PNG file)";
  return " (a part of it holds values no PNG picture can have)";
}

// True when every chunk's claimed length fits in the bytes after it. libpng
// allocates a chunk's claimed size before reading it, so a 937-byte file whose
// text chunk claimed 1.95 GB made it allocate that much (found by fuzz_image).
bool png_chunks_fit(const std::vector<uint8_t>& b) {
  size_t pos = 8;  // after the signature
  while (pos + 8 <= b.size()) {
    const uint64_t length = be32(&b[pos]);
    if (pos + 12 + length > b.size()) return false;
    if (std::equal(b.begin() + static_cast<std::ptrdiff_t>(pos) + 4, b.begin() + static_cast<std::ptrdiff_t>(pos) + 8,
                   "IEND")) {
      return true;
    }
    pos += 12 + length;
  }
  return true;  // ends between chunks: libpng reports it
}

cv::Mat decode_png(const std::vector<uint8_t>& bytes, ImageRead mode, const std::string& name) {
  if (!png_chunks_fit(bytes)) {
    throw Error("'" + name + "' is not a readable PNG picture: it is damaged or truncated (it ends inside a part " +
                "that claims more bytes than the file holds).");
  }
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  // The simplified API keeps its errors and warnings in image.message: nothing
  // reaches stderr.
  auto damaged = [&](const char* what) {
    const std::string detail = png_detail(image.message);
    png_image_free(&image);
    return Error("'" + name + "' is not a readable PNG picture: " + what + detail + ".");
  };
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    throw damaged("its header is damaged");
  }
  ImageHeader h{"PNG", image.width, image.height};
  try {
    check_image_header(h, name);
  } catch (...) {
    png_image_free(&image);
    throw;
  }
  const bool color = mode == ImageRead::Color || (mode == ImageRead::AsStored && (image.format & PNG_FORMAT_FLAG_COLOR));
  image.format = color ? PNG_FORMAT_BGR : PNG_FORMAT_GRAY;
  // Pictures with alpha are composited onto this buffer: transparent pixels come out black.
  cv::Mat out = cv::Mat::zeros(static_cast<int>(image.height), static_cast<int>(image.width), color ? CV_8UC3 : CV_8UC1);
  if (!png_image_finish_read(&image, nullptr, out.data, static_cast<png_int_32>(out.step[0]), nullptr)) {
    throw damaged("it is damaged or truncated");
  }
  png_image_free(&image);
  return out;
}

}  // namespace

ImageHeader read_image_header(const std::vector<uint8_t>& b) {
  ImageHeader h;
  static const uint8_t kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() >= 24 && std::equal(kPng, kPng + 8, b.begin())) {
    h.format = "PNG";
    if (b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
      h.width = be32(&b[16]);
      h.height = be32(&b[20]);
    }
  } else if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
    h.format = "JPEG";
    jpeg_size(b, &h);
  } else if (b.size() >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
    h.format = "GIF";
    h.width = le16(&b[6]);
    h.height = le16(&b[8]);
  } else if (b.size() >= 26 && b[0] == 'B' && b[1] == 'M') {
    h.format = "BMP";
    h.width = std::abs(le32s(&b[18]));
    h.height = std::abs(le32s(&b[22]));
  }
  return h;
}

void check_image_header(const ImageHeader& h, const std::string& name) {
  if (h.width > kMaxImageSide || h.height > kMaxImageSide || h.width * h.height > kMaxImagePixels) {
    throw Error("'" + name + "' is " + with_commas(h.width) + " × " + with_commas(h.height) +
                " pixels, larger than GenStudio reads (at most " + std::to_string(kMaxImageSide) +
                " pixels a side and " + with_commas(kMaxImagePixels) + " pixels in all).");
  }
}

cv::Mat decode_image(const std::vector<uint8_t>& bytes, ImageRead mode, const std::string& name,
                     std::string* warning) {
  if (warning) warning->clear();
  const ImageHeader h = read_image_header(bytes);
  check_image_header(h, name);
  if (h.format == "PNG") return decode_png(bytes, mode, name);
  if (h.format == "JPEG") {
    bool unsupported = false;  // CMYK: OpenCV converts it below
    cv::Mat m = decode_jpeg(bytes, mode == ImageRead::Gray, mode == ImageRead::AsStored, name, warning,
                            &unsupported);
    if (!unsupported) return m;
  }
  const int flags = mode == ImageRead::Gray ? cv::IMREAD_GRAYSCALE
                    : mode == ImageRead::Color ? cv::IMREAD_COLOR
                                               : cv::IMREAD_ANYCOLOR;
  cv::Mat m;
  try {
    m = cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<uint8_t*>(bytes.data())), flags);
  } catch (const cv::Exception&) {
    m.release();  // OpenCV's own text is for developers; the sentence below says what a person needs
  }
  if (m.empty() || m.cols < 1 || m.rows < 1) {
    throw Error("'" + name + "' is not a picture GenStudio can read (" +
                (h.format.empty() ? std::string("not a known image format, or damaged")
                                  : h.format + ", damaged or truncated") +
                ").");
  }
  if (m.depth() != CV_8U) m.convertTo(m, CV_8U, m.depth() == CV_16U ? 1.0 / 257 : 255.0);
  if (m.channels() == 4) cv::cvtColor(m, m, cv::COLOR_BGRA2BGR);
  if (mode == ImageRead::Gray && m.channels() != 1) cv::cvtColor(m, m, cv::COLOR_BGR2GRAY);
  if (mode == ImageRead::Color && m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2BGR);
  return m;
}

cv::Mat read_image_file(const std::string& path, ImageRead mode, std::string* warning) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error("The picture '" + path + "' does not exist.");
  if (!S_ISREG(st.st_mode)) throw Error("'" + path + "' is not a file.");
  if (st.st_size > kMaxImageFileBytes) {
    throw Error("'" + path + "' is " + with_commas(st.st_size >> 20) + " MB, larger than GenStudio reads (" +
                with_commas(kMaxImageFileBytes >> 20) + " MB).");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw Error("Could not open the picture '" + path + "' for reading (permission denied?).");
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  const size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  if (got != bytes.size()) throw Error("Could not read the picture '" + path + "'.");
  if (bytes.empty()) throw Error("'" + path + "' is empty, not a picture.");
  return decode_image(bytes, mode, path, warning);
}

}  // namespace gs
