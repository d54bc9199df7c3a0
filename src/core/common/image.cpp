#include "core/common/image.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"

namespace gs {

std::vector<uint8_t> encode_png(const Image& image) {
  if (image.empty() || image.width <= 0 || image.height <= 0 ||
      (image.channels != 1 && image.channels != 3)) {
    throw Error("There is no image to save yet.");
  }
  cv::Mat view(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
               const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat bgr;
  if (image.channels == 3) {
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
  } else {
    bgr = view;
  }
  std::vector<uint8_t> bytes;
  if (!cv::imencode(".png", bgr, bytes)) throw Error("Could not encode the image as PNG.");
  return bytes;
}

void write_png(const Image& image, const std::string& path) {
  write_file_atomically(path, encode_png(image));
}

}  // namespace gs
