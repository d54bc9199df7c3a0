#include "core/common/utc_time.h"
#include "core/explore/dataset_maker.h"

#include <ATen/CPUGeneratorImpl.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/common/image_grid.h"
#include "core/explore/explorer.h"
#include "core/model/capabilities.h"
#include "core/train/session_impl.h"

#ifndef GENSTUDIO_VERSION
#define GENSTUDIO_VERSION "0.0.0"
#endif

namespace gs {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxImages = 100000;
constexpr int kBatch = 64;

std::string image_name(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%06d.png", i);
  return buf;
}

std::string class_folder(int64_t label) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "class_%03lld", static_cast<long long>(label));
  return buf;
}

void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

// A gzip-compressed IDX file of unsigned bytes, written atomically.
void write_idx_gz(const std::string& path, const std::vector<uint32_t>& dims, const std::vector<uint8_t>& data) {
  std::vector<uint8_t> bytes = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) put_be32(bytes, d);
  bytes.insert(bytes.end(), data.begin(), data.end());
  write_via_temp_file(path, [&](const std::string& tmp) {
    gzFile f = gzopen(tmp.c_str(), "wb6");
    if (!f) throw Error("Could not write '" + path + "': the file cannot be created.");
    size_t done = 0;
    while (done < bytes.size()) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(bytes.size() - done, 1u << 20));
      if (gzwrite(f, bytes.data() + done, chunk) != static_cast<int>(chunk)) {
        gzclose(f);
        throw Error("Could not write '" + path + "': " + std::strerror(errno ? errno : EIO) + ".");
      }
      done += chunk;
    }
    if (gzclose(f) != Z_OK) throw Error("Could not write '" + path + "': " + std::strerror(errno ? errno : EIO) + ".");
  });
}

// Removes the hidden staging folder unless it was renamed onto the target.
struct Staging {
  fs::path dir;
  bool keep = false;
  ~Staging() {
    if (keep || dir.empty()) return;
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

fs::path prepare_target(const std::string& out) {
  if (out.empty()) throw Error("Choose a folder to write the dataset to.");
  fs::path target = fs::absolute(fs::path(out)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::error_code ec;
  if (fs::exists(target, ec)) {
    if (!fs::is_directory(target, ec)) throw Error("'" + out + "' is a file, not a folder: choose a new or empty folder.");
    if (!fs::is_empty(target, ec)) {
      throw Error("The folder '" + out + "' already holds files: choose a new or empty folder for the dataset.");
    }
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    throw Error("Could not create the folder '" + target.parent_path().string() + "': " + ec.message() + ".");
  }
  return target;
}

}  // namespace

DatasetFormat parse_dataset_format(const std::string& text) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "png") return DatasetFormat::Png;
  if (t == "idx") return DatasetFormat::Idx;
  throw Error("The dataset format must be png (a folder of images) or idx (Fashion-MNIST files), not '" + text + "'.");
}

std::string dataset_format_name(DatasetFormat format) { return format == DatasetFormat::Idx ? "idx" : "png"; }

std::string dataset_refusal(const Explorer& explorer) {
  const unsigned caps = explorer.capabilities();
  if (!(caps & kCanSample)) {
    return "This model does not draw images from noise, so it cannot generate a dataset: pick a model that samples "
           "(a VAE, a GAN, a diffusion model …).";
  }
  if (explorer.is_point_data()) {
    return "This model draws 2-D points, not images: a generated dataset is made of images.";
  }
  return {};
}

DatasetResult make_dataset(Explorer& explorer, const DatasetRequest& r, const DatasetProgress& progress) {
  const std::string refusal = dataset_refusal(explorer);
  if (!refusal.empty()) throw Error(refusal);
  if (r.n < 1 || r.n > kMaxImages) {
    throw Error("The number of images must be between 1 and " + std::to_string(kMaxImages) + ".");
  }
  auto& impl = explorer.internals();
  GenerativeModel& model = *impl.model;
  ClassConditional* conditional = model.conditional();
  const int channels = explorer.image_channels();
  if (r.format == DatasetFormat::Idx && channels != 1) {
    throw Error("IDX files hold gray images and this model draws colour ones: choose the PNG format.");
  }
  if (r.format == DatasetFormat::Idx && conditional && conditional->num_classes() > 256) {
    throw Error("IDX labels are single bytes and this model has more than 256 classes: choose the PNG format.");
  }
  if (conditional && conditional->num_classes() < 1) {
    throw Error("This class-conditional model reports no classes, so it cannot label a dataset.");
  }
  if (r.truncation >= 0) {
    if (!(explorer.capabilities() & kHasStyles)) {
      throw Error("Truncation applies to style-based models; " + explorer.model_info().name + " has no styles.");
    }
    if (r.truncation > 2) throw Error("Truncation ψ must be between 0 and 2.");
    explorer.set_truncation(r.truncation);
  }
  if (conditional && (!std::isfinite(r.guidance) || r.guidance < 0)) {
    throw Error("The guidance scale must be zero or a positive number.");
  }
  const fs::path target = prepare_target(r.out_dir);
  const auto started = std::chrono::steady_clock::now();

  Staging staging;
  {
    std::random_device rd;
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".%s.partial-%08x", target.filename().string().c_str(), rd());
    staging.dir = target.parent_path() / suffix;
  }
  std::error_code ec;
  fs::create_directories(staging.dir, ec);
  if (ec) throw Error("Could not create a folder next to '" + target.string() + "': " + ec.message() + ".");

  DatasetResult result;
  result.out_dir = target.string();
  result.labelled = conditional != nullptr;
  const int64_t classes = conditional ? conditional->num_classes() : 0;
  std::vector<uint8_t> idx_pixels, idx_labels;
  int width = 0, height = 0;

  // A failed write (a full disk) names the dataset's folder; sampling errors keep their own sentence.
  const auto write = [&](const std::function<void()>& fn) {
    try {
      fn();
    } catch (const Error& e) {
      throw Error("Could not write the dataset to '" + target.string() + "': " + e.what());
    }
  };
  {
    for (int start = 0; start < r.n; start += kBatch) {
      const int count = std::min(kBatch, r.n - start);
      std::vector<Image> images;
      std::vector<int64_t> labels;
      if (conditional) {
        for (int i = 0; i < count; ++i) labels.push_back((start + i) % classes);
        auto gen = at::make_generator<at::CPUGeneratorImpl>(r.seed + static_cast<unsigned long>(start));
        c10::InferenceMode guard;
        model.set_training(false);
        torch::Tensor x = conditional->sample_classes(torch::tensor(labels, torch::kInt64), r.guidance, gen);
        for (int64_t i = 0; i < x.size(0); ++i) images.push_back(make_image_grid(x[i].unsqueeze(0), 1, 0));
      } else {
        std::vector<Latent> zs;
        for (int i = 0; i < count; ++i) zs.push_back(explorer.random_latent(r.seed + static_cast<unsigned long>(start + i)));
        images = explorer.decode_many(zs);
      }
      for (int i = 0; i < count; ++i) {
        const Image& img = images.at(i);
        if (r.format == DatasetFormat::Png) {
          const std::string rel = conditional ? class_folder(labels[i]) + "/" + image_name(start + i)
                                              : image_name(start + i);
          if (conditional) fs::create_directories(staging.dir / class_folder(labels[i]), ec);
          write([&] { write_png(img, (staging.dir / rel).string()); });
          result.files.push_back(rel);
        } else {
          width = img.width;
          height = img.height;
          idx_pixels.insert(idx_pixels.end(), img.pixels.begin(), img.pixels.end());
          idx_labels.push_back(conditional ? static_cast<uint8_t>(labels[i]) : 0);
        }
      }
      result.written = start + count;
      if (progress && !progress(result.written, r.n)) {
        result.cancelled = true;
        result.files.clear();
        return result;  // Staging removes what was written.
      }
    }
    if (r.format == DatasetFormat::Idx) {
      // Fashion-MNIST's names; the last tenth is the test split (t10k).
      const uint32_t n = static_cast<uint32_t>(r.n), test = n / 10, train = n - test;
      const size_t per = static_cast<size_t>(width) * height;
      const auto pix = [&](uint32_t from, uint32_t to) {
        return std::vector<uint8_t>(idx_pixels.begin() + from * per, idx_pixels.begin() + to * per);
      };
      const auto lab = [&](uint32_t from, uint32_t to) {
        return std::vector<uint8_t>(idx_labels.begin() + from, idx_labels.begin() + to);
      };
      const uint32_t h = static_cast<uint32_t>(height), w = static_cast<uint32_t>(width);
      write([&] {
        write_idx_gz((staging.dir / "train-images-idx3-ubyte.gz").string(), {train, h, w}, pix(0, train));
        write_idx_gz((staging.dir / "train-labels-idx1-ubyte.gz").string(), {train}, lab(0, train));
        write_idx_gz((staging.dir / "t10k-images-idx3-ubyte.gz").string(), {test, h, w}, pix(train, n));
        write_idx_gz((staging.dir / "t10k-labels-idx1-ubyte.gz").string(), {test}, lab(train, n));
      });
      result.files = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                      "t10k-labels-idx1-ubyte.gz"};
    }
    nlohmann::json m;
    m["checkpoint"] = r.checkpoint_path.empty() ? std::string("(the current training session)") : r.checkpoint_path;
    m["model_id"] = explorer.model_info().id;
    m["model_name"] = explorer.model_info().name;
    m["step"] = explorer.step();
    m["seed"] = r.seed;
    m["seeds"] = "image i is seed + i";
    m["n"] = r.n;
    m["format"] = dataset_format_name(r.format);
    m["width"] = explorer.image_width();
    m["height"] = explorer.image_height();
    m["channels"] = channels;
    m["labels"] = conditional ? "class of each image (PNG: one subfolder per class)" : "none";
    if (conditional) {
      m["classes"] = classes;
      m["guidance"] = r.guidance;
    }
    if (r.truncation >= 0) m["truncation"] = r.truncation;
    if (r.format == DatasetFormat::Idx) {
      m["train"] = r.n - r.n / 10;
      m["test"] = r.n / 10;
      m["open_with"] = "--dataset fashion-mnist --data-path DIR";
    } else {
      m["open_with"] = "--dataset folder --data-path DIR";
    }
    m["created_utc"] = utc_now_iso8601();
    m["genstudio_version"] = GENSTUDIO_VERSION;
    const std::string text = m.dump(2) + "\n";
    write([&] {
      write_file_atomically((staging.dir / "manifest.json").string(), std::vector<uint8_t>(text.begin(), text.end()));
    });
    result.files.push_back("manifest.json");
  }

  if (fs::exists(target, ec)) fs::remove(target, ec);  // empty (checked above)
  fs::rename(staging.dir, target, ec);
  if (ec) throw Error("Could not move the dataset into '" + target.string() + "': " + ec.message() + ".");
  staging.keep = true;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace gs
