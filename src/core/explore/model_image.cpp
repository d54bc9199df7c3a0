#include "core/explore/model_image.h"

#include "core/common/error.h"

namespace gs {

torch::Tensor model_image_tensor(const Image& image, const ImageShape& shape, const std::string& who) {
  if (image.empty() || (image.channels != 1 && image.channels != 3) ||
      image.pixels.size() != static_cast<size_t>(image.width) * image.height * image.channels) {
    throw Error("The image is empty or not an 8-bit gray or RGB image.");
  }
  if (image.width != shape.width || image.height != shape.height) {
    throw Error(who + " works on images of the model's size (" + std::to_string(shape.width) + "×" +
                std::to_string(shape.height) + "); this one is " + std::to_string(image.width) + "×" +
                std::to_string(image.height) + ".");
  }
  torch::Tensor t = torch::from_blob(const_cast<uint8_t*>(image.pixels.data()),
                                     {image.height, image.width, image.channels}, torch::kUInt8)
                        .to(torch::kFloat32)
                        .permute({2, 0, 1});
  if (image.channels != shape.channels) t = t.mean(0, true).round().expand({shape.channels, -1, -1});
  return (t / 255.0).unsqueeze(0).contiguous();
}

}  // namespace gs
