#include "core/explore/anomaly_explorer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/common/translate_errors.h"
#include "core/data/image_file.h"
#include "core/metrics/likelihood_eval.h"
#include "core/model/likelihood_model.h"
#include "core/train/session_impl.h"

namespace gs {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kBatch = 250;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool has_image_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  for (const char* e : {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pbm", ".gif"}) {
    if (ext == e) return true;
  }
  return false;
}

// Gray or RGB 8-bit, centre-cropped square, resized to the model's size.
torch::Tensor to_model_input(const cv::Mat& read, const ImageShape& shape) {
  cv::Mat m = read;
  if (shape.channels == 1 && m.channels() == 3) cv::cvtColor(m, m, cv::COLOR_BGR2GRAY);
  else if (shape.channels == 3 && m.channels() == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2RGB);
  else if (shape.channels == 3) cv::cvtColor(m, m, cv::COLOR_BGR2RGB);
  const int side = std::min(m.cols, m.rows);
  cv::Mat crop = m(cv::Rect((m.cols - side) / 2, (m.rows - side) / 2, side, side)).clone();
  cv::resize(crop, crop, cv::Size(static_cast<int>(shape.width), static_cast<int>(shape.height)), 0, 0,
             side > shape.width ? cv::INTER_AREA : cv::INTER_LINEAR);
  return torch::from_blob(crop.data, {shape.height, shape.width, shape.channels}, torch::kUInt8)
      .permute({2, 0, 1})
      .to(torch::kFloat32)
      .div(255.0);
}

void fill_scores(GenerativeModel& model, const torch::Tensor& images, AnomalyScores* out) {
  const int64_t dims = images[0].numel();
  torch::Tensor s;
  if (LikelihoodModel* l = model.likelihood()) {
    out->from_likelihood = true;
    out->bound = l->nll_is_bound();
    out->score_name = "bits/dim";
    out->method = out->bound ? "Negative log-likelihood bound (negative ELBO) in bits per dimension of the 8-bit image."
                             : "Negative log-likelihood in bits per dimension of the 8-bit image.";
    s = likelihood_nats(model, images, kBatch) / (static_cast<double>(dims) * std::log(2.0));
  } else {
    out->score_name = "reconstruction MSE";
    out->method = "Mean squared reconstruction error per pixel (the model has no likelihood).";
    c10::InferenceMode guard;
    model.set_training(false);
    std::vector<torch::Tensor> parts;
    for (int64_t i = 0; i < images.size(0); i += kBatch) {
      const torch::Tensor x = images.narrow(0, i, std::min(kBatch, images.size(0) - i));
      parts.push_back((model.reconstruct(x) - x).pow(2).flatten(1).mean(1).to(torch::kFloat64));
    }
    s = torch::cat(parts);
  }
  s = s.contiguous();
  out->scores.assign(s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
}

}  // namespace

bool AnomalyExplorer::can_score(unsigned caps, bool point_data) {
  return !point_data && (caps & (kCanLogProb | kCanReconstruct)) != 0;
}

std::string AnomalyExplorer::unavailable_reason() const {
  if (explorer_.is_point_data()) return "Anomaly scoring is for image data; this model was trained on points.";
  if (!can_score(explorer_.capabilities(), false)) {
    return "This model has neither a likelihood nor reconstructions, so it cannot score images.";
  }
  return {};
}

int AnomalyExplorer::trained_class() const { return explorer_.internals().config.dataset.only_class; }

std::vector<std::string> AnomalyExplorer::class_names() const {
  return translate_errors("Reading the dataset", [&] {
    auto& impl = data_.internals();
    impl.ensure_data();
    return impl.data->class_names;
  });
}

AnomalyScores AnomalyExplorer::score_test_set(long limit) const {
  return translate_errors("Scoring the test set", [&] {
    const std::string why = unavailable_reason();
    if (!why.empty()) throw Error(why);
    auto& impl = data_.internals();
    impl.ensure_data();
    if (impl.data->test_size() == 0) throw Error("The dataset " + impl.data->id + " has no test images to score.");
    const ImageShape& shape = explorer_.internals().shape;
    if (impl.shape.channels != shape.channels || impl.shape.height != shape.height || impl.shape.width != shape.width) {
      throw Error("The test images are " + impl.shape.text() + " but the model takes " + shape.text() + ".");
    }
    const auto start = Clock::now();
    const int64_t n = limit > 0 ? std::min<int64_t>(limit, impl.data->test_size()) : impl.data->test_size();
    const torch::Tensor images = impl.data->test_images.narrow(0, 0, n);
    AnomalyScores out;
    fill_scores(*explorer_.internals().model, images, &out);
    out.indices.resize(n);
    for (int64_t i = 0; i < n; ++i) out.indices[i] = static_cast<int>(i);
    if (impl.data->test_labels.defined() && !impl.data->class_names.empty()) {
      const torch::Tensor lab = impl.data->test_labels.narrow(0, 0, n).to(torch::kInt64).contiguous();
      out.labels.assign(lab.data_ptr<int64_t>(), lab.data_ptr<int64_t>() + n);
      out.class_names = impl.data->class_names;
    } else {
      out.labels.assign(n, -1);
    }
    out.seconds = seconds_since(start);
    return out;
  });
}

AnomalyScores AnomalyExplorer::score_folder(const std::string& dir) const {
  return translate_errors("Scoring the folder", [&] {
    const std::string why = unavailable_reason();
    if (!why.empty()) throw Error(why);
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) throw Error("The folder '" + dir + "' does not exist or is not a folder.");
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && has_image_extension(it->path())) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    auto& impl = explorer_.internals();
    const auto start = Clock::now();
    AnomalyScores out;
    std::vector<torch::Tensor> inputs;
    std::vector<std::string> skipped, classes;
    std::map<std::string, int> class_ids;
    for (const auto& f : files) {
      cv::Mat img;
      try {
        img = read_image_file(f.string(), impl.shape.channels == 1 ? ImageRead::Gray : ImageRead::Color);
      } catch (const Error&) {
        img.release();
      }
      const std::string rel = fs::relative(f, dir, ec).string();
      if (img.empty()) {
        skipped.push_back(rel);
        continue;
      }
      inputs.push_back(to_model_input(img, impl.shape));
      out.files.push_back(rel);
      const fs::path r(rel);
      const std::string cls = std::distance(r.begin(), r.end()) > 1 ? r.begin()->string() : "";
      auto [pos, inserted] = class_ids.emplace(cls, static_cast<int>(class_ids.size()));
      if (inserted) classes.push_back(cls.empty() ? "(top level)" : cls);
      out.labels.push_back(pos->second);
    }
    if (!skipped.empty()) {
      std::string list;
      for (size_t i = 0; i < skipped.size(); ++i) list += (i ? ", " : "") + skipped[i];
      out.warnings.push_back("Skipped " + std::to_string(skipped.size()) + " unreadable image file(s): " + list + ".");
    }
    if (inputs.empty()) throw Error("There are no readable images in '" + dir + "'.");
    if (classes.size() > 1) out.class_names = classes;
    else out.labels.assign(inputs.size(), -1);
    const torch::Tensor images = torch::stack(inputs);
    fill_scores(*impl.model, images, &out);
    for (int64_t i = 0; i < images.size(0); ++i) out.images.push_back(make_image_grid(images[i].unsqueeze(0), 1, 0));
    out.seconds = seconds_since(start);
    return out;
  });
}

Image AnomalyExplorer::item_image(const AnomalyScores& s, int item) const {
  if (item < 0 || item >= static_cast<int>(s.scores.size())) throw Error("There is no scored image number " + std::to_string(item) + ".");
  if (item < static_cast<int>(s.images.size())) return s.images[item];
  return data_.dataset_image(s.indices.at(item));
}

LikelihoodSummary AnomalyExplorer::evaluate_test_likelihood(const std::string& dataset_id, long limit) const {
  return translate_errors("Evaluating the likelihood", [&] {
    auto& impl = explorer_.internals();
    if (!impl.model->likelihood()) {
      throw Error("The model '" + impl.info.id + "' has no likelihood, so it has no test NLL or bits/dim.");
    }
    if (impl.shape.points) throw Error("Test-set bits/dim is for image data; this model was trained on points.");
    std::optional<ImageDataset> other;
    const ImageDataset* data = nullptr;
    if (dataset_id.empty() || dataset_id == impl.config.dataset.id) {
      impl.ensure_data();
      data = &*impl.data;
    } else {
      DatasetSpec spec;
      spec.id = dataset_id;
      spec.image_size = static_cast<int>(impl.shape.width);
      spec.channels = static_cast<int>(impl.shape.channels);
      other = load_dataset(spec);
      data = &*other;
    }
    if (data->test_size() == 0) throw Error("The dataset " + data->id + " has no test images to evaluate.");
    const int64_t n = limit > 0 ? std::min<int64_t>(limit, data->test_size()) : data->test_size();
    const LikelihoodResult r = evaluate_likelihood(*impl.model, data->test_images.narrow(0, 0, n));
    return LikelihoodSummary{data->id + " test", r.images, static_cast<int>(r.dims), r.nats, r.bits_per_dim, r.bound,
                             r.seconds};
  });
}

LikelihoodSummary AnomalyExplorer::pixel_baseline(const DatasetSpec& spec, double pseudo_count, long limit) {
  return translate_errors("Fitting the per-pixel baseline", [&] {
    const auto start = Clock::now();
    const ImageDataset d = load_dataset(spec);
    if (d.shape.points) throw Error("The per-pixel baseline is for image data.");
    if (d.test_size() == 0) throw Error("The dataset " + d.id + " has no test images to evaluate.");
    const PixelHistogramBaseline baseline(d.train_images, pseudo_count);
    const int64_t n = limit > 0 ? std::min<int64_t>(limit, d.test_size()) : d.test_size();
    const torch::Tensor x = d.test_images.narrow(0, 0, n);
    const double nats = baseline.nll_nats(x).mean().item<double>();
    const int dims = static_cast<int>(x[0].numel());
    return LikelihoodSummary{d.id + " test", n, dims, nats, nats_to_bits_per_dim(nats, dims), false,
                             seconds_since(start)};
  });
}

}  // namespace gs
