#include "core/data/unpaired_domains.h"

#include <ATen/CPUGeneratorImpl.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include "core/common/error.h"
#include "core/data/image_file.h"
#include "core/data/fashion_mnist.h"
#include "core/data/image_folder.h"

namespace gs {
namespace {

cv::Mat to_mat_u8(const torch::Tensor& chw) {
  torch::Tensor hwc = chw.mul(255).round().clamp(0, 255).to(torch::kUInt8).permute({1, 2, 0}).contiguous();
  const int c = static_cast<int>(hwc.size(2));
  return cv::Mat(static_cast<int>(hwc.size(0)), static_cast<int>(hwc.size(1)), c == 1 ? CV_8UC1 : CV_8UC3,
                 hwc.data_ptr<uint8_t>())
      .clone();
}

torch::Tensor from_mat_u8(const cv::Mat& m) {
  const int c = m.channels();
  return torch::from_blob(m.data, {m.rows, m.cols, c}, torch::kUInt8).permute({2, 0, 1}).to(torch::kFloat32).div(255.0);
}

std::vector<std::string> photo_files(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

torch::Tensor edge_maps(const torch::Tensor& images) {
  torch::Tensor out = torch::empty_like(images);
  for (int64_t i = 0; i < images.size(0); ++i) {
    cv::Mat img = to_mat_u8(images[i]), edges;
    cv::Canny(img, edges, /*threshold1=*/60, /*threshold2=*/140, /*apertureSize=*/3, /*L2gradient=*/true);
    out[i].copy_(from_mat_u8(edges));
  }
  return out;
}

ImageDataset make_edges2fashion(const std::string& fashion_dir, int64_t limit) {
  ImageDataset f = load_fashion_mnist(fashion_dir, 0);
  const int64_t half = f.train_size() / 2;
  const int64_t n = limit > 0 ? std::min(limit, half) : half;
  torch::Tensor a = edge_maps(f.train_images.narrow(0, 0, n));      // garments 0 … n−1 as edges
  torch::Tensor b = f.train_images.narrow(0, half, n);               // garments half … half+n−1 as they are
  ImageDataset d;
  d.id = "edges2fashion";
  d.shape = ImageShape{1, 28, 28};
  d.shape.domains = 2;
  d.train_images = torch::cat({a, b}, 1);
  const int64_t m = std::min<int64_t>(1000, f.test_size());
  torch::Tensor truth_b = f.test_images.narrow(0, 0, m);
  d.test_images = torch::cat({edge_maps(truth_b), truth_b}, 1);  // truth pairs: (edges of x, x)
  d.test_labels = f.test_labels.narrow(0, 0, m);
  d.class_names = f.class_names;
  d.description = "edges2fashion: " + std::to_string(n) + " edge maps and " + std::to_string(n) +
                  " other garments (unpaired), " + std::to_string(m) + " held-out truth pairs, 28×28";
  return d;
}

std::string default_photo_dir() { return "/usr/share/doc/opencv-doc/examples/data"; }

ImageDataset make_photo2painting(const std::string& dir_in, int size, int64_t limit) {
  const std::string dir = dir_in.empty() ? default_photo_dir() : dir_in;
  std::vector<cv::Mat> photos;
  for (const auto& f : photo_files(dir)) {
    cv::Mat m;
    try {
      m = read_image_file(f, ImageRead::Color);
    } catch (const Error&) {
      continue;  // the count below says how many usable photos there were
    }
    if (!m.empty() && m.cols >= size && m.rows >= size) photos.push_back(m);
  }
  if (photos.size() < 3) {
    throw Error("photo2painting needs at least 3 photos of at least " + std::to_string(size) + "×" +
                std::to_string(size) + " pixels in '" + dir +
                "' (install opencv-doc for its example photos, or choose a folder).");
  }
  // Photos 0, 3, 6 … give domain A, 1, 4, 7 … domain B, 2, 5, 8 … the test pairs.
  auto gen = at::make_generator<at::CPUGeneratorImpl>(77);
  const int64_t n = limit > 0 ? limit : 2000;
  auto crops = [&](int group, int64_t count, bool stylise) {
    std::vector<size_t> ids;
    for (size_t i = group; i < photos.size(); i += 3) ids.push_back(i);
    torch::Tensor out = torch::empty({count, 3, size, size});
    torch::Tensor pick = torch::randint(0, static_cast<int64_t>(ids.size()), {count}, gen, torch::kLong);
    torch::Tensor pos = torch::rand({count, 2}, gen);
    for (int64_t i = 0; i < count; ++i) {
      const cv::Mat& p = photos[ids[pick[i].item<int64_t>()]];
      const int x = static_cast<int>(pos[i][0].item<float>() * (p.cols - size));
      const int y = static_cast<int>(pos[i][1].item<float>() * (p.rows - size));
      cv::Mat crop = p(cv::Rect(x, y, size, size)).clone();
      if (stylise) cv::stylization(crop, crop, /*sigma_s=*/60, /*sigma_r=*/0.45f);
      cv::cvtColor(crop, crop, cv::COLOR_BGR2RGB);
      out[i].copy_(from_mat_u8(crop));
    }
    return out;
  };
  ImageDataset d;
  d.id = "photo2painting";
  d.shape = ImageShape{3, size, size};
  d.shape.domains = 2;
  d.train_images = torch::cat({crops(0, n, false), crops(1, n, true)}, 1);
  torch::Tensor test_photos = crops(2, 200, false);
  torch::Tensor test_paintings = torch::empty_like(test_photos);
  for (int64_t i = 0; i < test_photos.size(0); ++i) {
    cv::Mat m = to_mat_u8(test_photos[i]);
    cv::cvtColor(m, m, cv::COLOR_RGB2BGR);
    cv::stylization(m, m, 60, 0.45f);
    cv::cvtColor(m, m, cv::COLOR_BGR2RGB);
    test_paintings[i].copy_(from_mat_u8(m));
  }
  d.test_images = torch::cat({test_photos, test_paintings}, 1);
  d.description = "photo2painting: " + std::to_string(n) + " photo crops and " + std::to_string(n) +
                  " stylised crops of other photos (" + std::to_string(photos.size()) + " photos in " + dir + ")";
  return d;
}

ImageDataset load_folder_pair(const std::string& dir_a, const std::string& dir_b, int size, int channels,
                              int64_t limit) {
  ImageDataset a = load_image_folder(dir_a, size, channels, limit);
  ImageDataset b = load_image_folder(dir_b, size, channels, limit);
  auto all = [](const ImageDataset& x) {
    return x.test_size() > 0 ? torch::cat({x.train_images, x.test_images}) : x.train_images;
  };
  torch::Tensor ia = all(a), ib = all(b);
  // Pair every image of the larger folder with one of the smaller (cycling).
  const int64_t n = std::max(ia.size(0), ib.size(0));
  auto cycle = [n](const torch::Tensor& t) { return t.index_select(0, torch::arange(n) % t.size(0)); };
  ImageDataset d;
  d.id = "folders";
  d.shape = ImageShape{channels, size, size};
  d.shape.domains = 2;
  d.train_images = torch::cat({cycle(ia), cycle(ib)}, 1);
  d.warnings = a.warnings;
  d.warnings.insert(d.warnings.end(), b.warnings.begin(), b.warnings.end());
  d.description = "folders: " + std::to_string(ia.size(0)) + " images in A (" + dir_a + "), " +
                  std::to_string(ib.size(0)) + " in B (" + dir_b + ")";
  return d;
}

}  // namespace gs
