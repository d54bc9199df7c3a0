#include "core/data/dataset_catalog.h"

#include "core/data/fashion_mnist.h"

namespace gs {
namespace {

DatasetInfo text_dataset(std::string id, std::string name, std::string description, bool needs_path) {
  DatasetInfo d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.description = std::move(description);
  d.needs_path = needs_path;
  d.text = true;
  return d;
}

}  // namespace

const std::vector<DatasetInfo>& dataset_catalog() {
  static const std::vector<DatasetInfo> catalog = {
      {"fashion-mnist", "Fashion-MNIST",
       "70,000 grayscale 28×28 garments in 10 classes, from Debian's dataset-fashion-mnist "
       "(/usr/share/datasets/fashion-mnist).",
       false, false, false, false, 0, fashion_mnist_class_names()},
      {"folder", "Image folder",
       "Your own images (PNG, JPEG, BMP, …) from a folder and its subfolders, resized to a square.",
       true},
      {"ring8", "Ring of 8 Gaussians", "2-D: eight Gaussians (σ 0.02) on a circle of radius 2.", false, true,
       false, false, /*modes=*/8},
      {"grid25", "Grid of 25 Gaussians", "2-D: a 5×5 grid of Gaussians (σ 0.02), spacing 2.", false, true,
       false, false, /*modes=*/25},
      {"moons", "Two moons", "2-D: two interleaving half circles.", false, true},
      {"spiral", "Spiral", "2-D: a two-armed spiral.", false, true},
      {"checkerboard", "Checkerboard", "2-D: uniform on the dark squares of a 4×4 board.", false, true},
      {"gmm1d", "1-D Gaussian mixture", "1-D: three Gaussians; shown as a histogram against the true density.",
       false, true},
      {"drawn", "Drawn by you", "2-D: small Gaussians around the points you draw on the playground canvas.",
       false, true, false, /*drawable=*/true},
      {"edges2fashion", "Garment edges ↔ garments",
       "Two domains from Fashion-MNIST: Canny edge maps of one half of the garments and the other half "
       "as they are (never paired); held-out truth pairs for PSNR/SSIM.",
       false, false, true},
      {"photo2painting", "Photo ↔ painting",
       "Random crops of photos against crops of other photos through OpenCV's stylization filter "
       "(photos from opencv-doc's examples or a folder you choose).",
       false, false, true},
      {"folders", "Two image folders", "Your own unpaired domains: folder A and folder B.", true, false, true},
      text_dataset("fortunes", "Fortunes (Debian fortunes)",
                   "About 2.5 MB of quotes, poems and definitions from Debian's fortunes package "
                   "(/usr/share/games/fortunes); training and validation split by file.",
                   false),
      text_dataset("text", "Text file or folder",
                   "Your own UTF-8 text: one file (the last tenth for validation) or a folder of files "
                   "(split by file).",
                   true),
  };
  return catalog;
}

const DatasetInfo* find_dataset(const std::string& id) {
  for (const auto& d : dataset_catalog()) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace gs
