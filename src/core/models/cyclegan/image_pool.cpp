#include "core/models/cyclegan/image_pool.h"

namespace gs {

torch::Tensor ImagePool::query(const torch::Tensor& images) {
  if (capacity_ <= 0) return images;
  std::vector<torch::Tensor> out;
  torch::Tensor coins = torch::rand({images.size(0)});
  torch::Tensor picks = torch::randint(0, capacity_, {images.size(0)}, torch::kLong);
  for (int64_t i = 0; i < images.size(0); ++i) {
    torch::Tensor img = images[i].detach().clone();
    if (static_cast<int64_t>(images_.size()) < capacity_) {
      images_.push_back(img);
      out.push_back(img);
    } else if (coins[i].item<float>() > 0.5f) {
      const int64_t j = picks[i].item<int64_t>();
      out.push_back(images_[j]);
      images_[j] = img;
    } else {
      out.push_back(img);
    }
  }
  return torch::stack(out);
}

}  // namespace gs
