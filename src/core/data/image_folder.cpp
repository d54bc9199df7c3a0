#include "core/data/image_folder.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/error.h"
#include "core/data/image_file.h"

namespace gs {
namespace fs = std::filesystem;
namespace {

bool has_image_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  static const char* kExts[] = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff",
                                ".webp", ".pgm", ".ppm", ".pbm", ".gif"};
  for (const char* e : kExts) {
    if (ext == e) return true;
  }
  return false;
}

cv::Mat square_resize(const cv::Mat& img, int size) {
  const int side = std::min(img.cols, img.rows);
  cv::Mat crop = img(cv::Rect((img.cols - side) / 2, (img.rows - side) / 2, side, side));
  cv::Mat out;
  cv::resize(crop, out, cv::Size(size, size), 0, 0, side > size ? cv::INTER_AREA : cv::INTER_LINEAR);
  return out;
}

}  // namespace

ImageDataset load_image_folder(const std::string& dir, int size, int channels, int64_t limit) {
  if (channels != 1 && channels != 3) throw Error("Channels must be 1 (gray) or 3 (RGB).");
  if (size < 4 || size > 512) throw Error("Image size must be between 4 and 512 pixels.");
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    throw Error("The image folder '" + dir + "' does not exist or is not a folder.");
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());

  ImageDataset d;
  std::map<std::string, int64_t> class_ids;
  std::vector<cv::Mat> images;
  std::vector<int64_t> labels;
  std::vector<std::string> skipped;
  std::vector<std::string> damaged;  // read, but with corrupt data (a JPEG's warning)
  for (const auto& f : files) {
    if (limit > 0 && static_cast<int64_t>(images.size()) >= limit) break;
    if (!has_image_extension(f)) continue;
    cv::Mat img;
    std::string damage;
    try {
      img = read_image_file(f.string(), channels == 1 ? ImageRead::Gray : ImageRead::Color, &damage);
    } catch (const Error&) {
      img.release();  // damaged, truncated or too large: named in the warning below
    }
    if (img.empty() || img.cols < 1 || img.rows < 1) {
      skipped.push_back(fs::relative(f, dir, ec).string());
      continue;
    }
    if (!damage.empty()) damaged.push_back(fs::relative(f, dir, ec).string());
    if (channels == 3) cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
    images.push_back(square_resize(img, size));
    const fs::path rel = fs::relative(f, dir, ec);
    const std::string cls = std::distance(rel.begin(), rel.end()) > 1 ? rel.begin()->string() : "";
    auto [pos, inserted] = class_ids.emplace(cls, static_cast<int64_t>(class_ids.size()));
    labels.push_back(pos->second);
  }
  if (images.empty()) {
    throw Error("No readable images in '" + dir + "'" +
                (skipped.empty() ? std::string(".")
                                 : " (" + std::to_string(skipped.size()) + " file(s) could not be read: " +
                                       skipped.front() + (skipped.size() > 1 ? ", …" : "") + ")."));
  }
  const int64_t n = static_cast<int64_t>(images.size());
  torch::Tensor all = torch::empty({n, channels, size, size});
  for (int64_t i = 0; i < n; ++i) {
    torch::Tensor hwc = torch::from_blob(images[i].data, {size, size, channels}, torch::kUInt8);
    all[i].copy_(hwc.permute({2, 0, 1}).to(torch::kFloat32).div(255.0));
  }
  torch::Tensor lab = torch::tensor(labels, torch::kInt64);
  // Every tenth image is held out for reconstructions and evaluation.
  torch::Tensor idx = torch::arange(n);
  torch::Tensor is_test = (idx % 10 == 9) & torch::tensor(n >= 10);
  d.train_images = all.index({~is_test});
  d.train_labels = lab.index({~is_test});
  d.test_images = all.index({is_test});
  d.test_labels = lab.index({is_test});
  if (class_ids.size() > 1) {
    d.class_names.resize(class_ids.size());
    for (const auto& [name, id] : class_ids) d.class_names[id] = name.empty() ? "(top level)" : name;
  }
  d.id = "folder";
  d.shape = ImageShape{channels, size, size};
  d.description = "Image folder " + dir + ": " + std::to_string(d.train_size()) + " training and " +
                  std::to_string(d.test_size()) + " test images, " + d.shape.text();
  if (!skipped.empty()) {
    std::string list;
    for (size_t i = 0; i < skipped.size() && i < 5; ++i) list += (i ? ", " : "") + skipped[i];
    if (skipped.size() > 5) list += ", … (" + std::to_string(skipped.size() - 5) + " more)";
    d.warnings.push_back("Skipped " + std::to_string(skipped.size()) + " unreadable file(s) in '" + dir +
                         "' (damaged, truncated, too large or not pictures): " + list + ".");
  }
  if (!damaged.empty()) {
    std::string list;
    for (size_t i = 0; i < damaged.size() && i < 5; ++i) list += (i ? ", " : "") + damaged[i];
    if (damaged.size() > 5) list += ", … (" + std::to_string(damaged.size() - 5) + " more)";
    d.warnings.push_back(std::to_string(damaged.size()) + " damaged picture(s) in '" + dir +
                         "' were read as far as they go and used (parts may be grey): " + list + ".");
  }
  return d;
}

}  // namespace gs
