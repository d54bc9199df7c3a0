#include "core/data/fashion_mnist.h"

#include <sys/stat.h>

#include <cstdlib>

#include "core/common/error.h"
#include "core/data/idx_reader.h"

namespace gs {
namespace {

struct Split {
  torch::Tensor images;
  torch::Tensor labels;
};

Split load_split(const std::string& dir, const std::string& prefix, int64_t limit) {
  const IdxArray images = read_idx_file(dir + "/" + prefix + "-images-idx3-ubyte.gz", 3);
  const IdxArray labels = read_idx_file(dir + "/" + prefix + "-labels-idx1-ubyte.gz", 1);
  if (images.dims[0] != labels.dims[0]) {
    throw Error("Fashion-MNIST '" + prefix + "' has " + std::to_string(images.dims[0]) +
                " images but " + std::to_string(labels.dims[0]) + " labels.");
  }
  for (uint8_t l : labels.data) {
    if (l > 9) throw Error("Fashion-MNIST '" + prefix + "' has a label outside 0–9.");
  }
  int64_t n = images.dims[0];
  if (limit > 0 && limit < n) n = limit;
  const int64_t h = images.dims[1], w = images.dims[2];
  Split s;
  s.images = torch::from_blob(const_cast<uint8_t*>(images.data.data()), {n, 1, h, w}, torch::kUInt8)
                 .to(torch::kFloat32)
                 .div_(255.0);
  s.labels = torch::from_blob(const_cast<uint8_t*>(labels.data.data()), {n}, torch::kUInt8)
                 .to(torch::kInt64);
  return s;
}

}  // namespace

std::string default_fashion_mnist_dir() {
  if (const char* env = std::getenv("GENSTUDIO_FASHION_MNIST_DIR")) return env;
  return "/usr/share/datasets/fashion-mnist";
}

const std::vector<std::string>& fashion_mnist_class_names() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress",
                                                 "Coat",        "Sandal",  "Shirt",    "Sneaker",
                                                 "Bag",         "Ankle boot"};
  return names;
}

ImageDataset load_fashion_mnist(const std::string& dir_in, int64_t limit) {
  const std::string dir = dir_in.empty() ? default_fashion_mnist_dir() : dir_in;
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw Error("Fashion-MNIST was not found in '" + dir +
                "'. Install it with: sudo apt-get install dataset-fashion-mnist");
  }
  Split train = load_split(dir, "train", limit);
  Split test = load_split(dir, "t10k", 0);
  ImageDataset d;
  d.id = "fashion-mnist";
  d.shape = ImageShape{1, train.images.size(2), train.images.size(3)};
  d.train_images = train.images;
  d.train_labels = train.labels;
  d.test_images = test.images;
  d.test_labels = test.labels;
  d.class_names = fashion_mnist_class_names();
  d.description = "Fashion-MNIST: " + std::to_string(d.train_size()) + " training and " +
                  std::to_string(d.test_size()) + " test images, " + d.shape.text();
  return d;
}

}  // namespace gs
