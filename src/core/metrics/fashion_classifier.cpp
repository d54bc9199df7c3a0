#include "core/common/utc_time.h"
#include "core/metrics/fashion_classifier.h"

#include <ATen/CPUGeneratorImpl.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <sys/stat.h>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/common/json_numbers.h"
#include "core/common/translate_errors.h"

namespace gs {
namespace {

using json = nlohmann::json;
constexpr const char* kMetaKey = "genstudio_classifier";
constexpr int kFormatVersion = 1;
constexpr int64_t kEvalBatch = 500;

void check_images(const torch::Tensor& images) {
  if (!images.defined() || images.dim() != 4 || images.size(1) != 1 || images.size(2) != 28 || images.size(3) != 28) {
    throw Error("GenStudio's Fashion-MNIST classifier reads 1×28×28 gray images only.");
  }
}

}  // namespace

struct FashionClassifier::Net : torch::nn::Module {
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
  Net() {
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 32, 3).padding(1)));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3).padding(1)));
    fc1 = register_module("fc1", torch::nn::Linear(64 * 7 * 7, kFeatureDim));
    fc2 = register_module("fc2", torch::nn::Linear(kFeatureDim, kClasses));
  }
  torch::Tensor penultimate(const torch::Tensor& x) {
    torch::Tensor h = (x - 0.5) * 2.0;
    h = torch::max_pool2d(torch::relu(conv1->forward(h)), 2);
    h = torch::max_pool2d(torch::relu(conv2->forward(h)), 2);
    return torch::relu(fc1->forward(h.flatten(1)));
  }
};

FashionClassifier::FashionClassifier() : net_(std::make_unique<Net>()) {
  info_.format_version = kFormatVersion;
  info_.architecture = kArchitecture;
}
FashionClassifier::~FashionClassifier() = default;
FashionClassifier::FashionClassifier(FashionClassifier&&) noexcept = default;
FashionClassifier& FashionClassifier::operator=(FashionClassifier&&) noexcept = default;

FashionClassifier FashionClassifier::train(const torch::Tensor& train_images, const torch::Tensor& train_labels,
                                           const torch::Tensor& test_images, const torch::Tensor& test_labels,
                                           const ClassifierTraining& how) {
  return translate_errors("Training the classifier", [&] {
    check_images(train_images);
    check_images(test_images);
    if (how.epochs < 1) throw Error("Train the classifier for at least one epoch.");
    if (train_labels.size(0) != train_images.size(0) || test_labels.size(0) != test_images.size(0)) {
      throw Error("The classifier needs one label per image.");
    }
    torch::manual_seed(how.seed);
    FashionClassifier c;
    c.info_.epochs = how.epochs;
    c.info_.seed = how.seed;
    c.info_.command = how.command;
    c.info_.created = utc_now_iso8601();
    c.info_.dataset = "fashion-mnist (" + std::to_string(train_images.size(0)) + " training images, " +
                      std::to_string(test_images.size(0)) + " test images)";
    Net& net = *c.net_;
    torch::optim::Adam opt(net.parameters(), torch::optim::AdamOptions(how.learning_rate));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(how.seed);
    const int64_t n = train_images.size(0);
    for (int epoch = 1; epoch <= how.epochs; ++epoch) {
      net.train();
      torch::Tensor order = torch::randperm(n, gen, torch::kInt64);
      double loss_sum = 0;
      int64_t batches = 0;
      for (int64_t start = 0; start < n; start += how.batch_size) {
        torch::Tensor idx = order.narrow(0, start, std::min(how.batch_size, n - start));
        torch::Tensor x = train_images.index_select(0, idx), y = train_labels.index_select(0, idx);
        torch::Tensor loss = torch::cross_entropy_loss(net.fc2->forward(net.penultimate(x)), y);
        opt.zero_grad();
        loss.backward();
        opt.step();
        loss_sum += loss.item<double>();
        ++batches;
      }
      c.info_.test_accuracy = c.accuracy(test_images, test_labels);
      if (how.progress && !how.progress(epoch, loss_sum / std::max<int64_t>(1, batches), c.info_.test_accuracy)) {
        c.info_.epochs = epoch;
        break;
      }
    }
    return c;
  });
}

void FashionClassifier::save(const std::string& path) const {
  json meta = {{"format_version", info_.format_version}, {"architecture", info_.architecture},
               {"test_accuracy", info_.test_accuracy},  {"command", info_.command},
               {"dataset", info_.dataset},              {"created", info_.created},
               {"epochs", info_.epochs},                {"seed", info_.seed}};
  torch::serialize::OutputArchive archive;
  archive.write(kMetaKey, c10::IValue(meta.dump()));
  net_->save(archive);
  translate_errors("Saving the classifier", [&] {
    write_via_temp_file(path, [&](const std::string& tmp) { archive.save_to(tmp); });
  });
}

FashionClassifier FashionClassifier::load(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw Error("The classifier file '" + path + "' does not exist.");
  }
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(path);
  } catch (const c10::Error&) {
    throw Error("'" + path + "' is damaged or not a GenStudio classifier file (it is not a LibTorch archive).");
  }
  c10::IValue value;
  if (!archive.try_read(kMetaKey, value) || !value.isString()) {
    throw Error("'" + path + "' is a LibTorch archive but not a GenStudio classifier (it has no classifier metadata).");
  }
  FashionClassifier c;
  try {
    const json meta = json::parse(value.toStringRef());
    c.info_.format_version = json_whole<int>(meta.at("format_version"), "The classifier's format version");
    c.info_.architecture = meta.at("architecture").get<std::string>();
    c.info_.test_accuracy = meta.value("test_accuracy", 0.0);
    c.info_.command = meta.value("command", std::string());
    c.info_.dataset = meta.value("dataset", std::string());
    c.info_.created = meta.value("created", std::string());
    c.info_.epochs = json_whole_or(meta, "epochs", decltype(c.info_.epochs){0}, "The classifier's epoch count");
    c.info_.seed = json_whole_or(meta, "seed", decltype(c.info_.seed){0}, "The classifier's seed");
  } catch (const json::exception&) {
    throw Error("'" + path + "' has damaged classifier metadata.");
  }
  if (c.info_.format_version != kFormatVersion) {
    throw Error("'" + path + "' is a classifier of format version " + std::to_string(c.info_.format_version) +
                "; this GenStudio reads version " + std::to_string(kFormatVersion) + ".");
  }
  if (c.info_.architecture != kArchitecture) {
    throw Error("'" + path + "' holds a classifier of architecture '" + c.info_.architecture +
                "', which this GenStudio does not know.");
  }
  try {
    c.net_->load(archive);
  } catch (const c10::Error&) {
    throw Error("'" + path + "' is damaged: its classifier weights are missing or have the wrong shapes.");
  }
  return c;
}

void FashionClassifier::features_and_classes(const torch::Tensor& images, torch::Tensor* features,
                                             torch::Tensor* classes) const {
  translate_errors("Classifying images", [&] {
    check_images(images);
    c10::InferenceMode guard;
    net_->eval();
    std::vector<torch::Tensor> f, k;
    for (int64_t start = 0; start < images.size(0); start += kEvalBatch) {
      torch::Tensor x = images.narrow(0, start, std::min(kEvalBatch, images.size(0) - start)).to(torch::kFloat32);
      torch::Tensor h = net_->penultimate(x);
      if (features) f.push_back(h);
      if (classes) k.push_back(net_->fc2->forward(h).argmax(1));
    }
    if (features) *features = f.empty() ? torch::zeros({0, kFeatureDim}) : torch::cat(f);
    if (classes) *classes = k.empty() ? torch::zeros({0}, torch::kInt64) : torch::cat(k);
  });
}

torch::Tensor FashionClassifier::features(const torch::Tensor& images) const {
  torch::Tensor f;
  features_and_classes(images, &f, nullptr);
  return f;
}

torch::Tensor FashionClassifier::logits(const torch::Tensor& images) const {
  return translate_errors("Classifying images", [&] {
    check_images(images);
    c10::InferenceMode guard;
    net_->eval();
    std::vector<torch::Tensor> out;
    for (int64_t start = 0; start < images.size(0); start += kEvalBatch) {
      out.push_back(net_->fc2->forward(net_->penultimate(images.narrow(0, start, std::min(kEvalBatch, images.size(0) - start)))));
    }
    return out.empty() ? torch::zeros({0, kClasses}) : torch::cat(out);
  });
}

double FashionClassifier::accuracy(const torch::Tensor& images, const torch::Tensor& labels) const {
  torch::Tensor classes;
  features_and_classes(images, nullptr, &classes);
  if (classes.numel() == 0) return 0;
  return classes.eq(labels).to(torch::kFloat64).mean().item<double>();
}

}  // namespace gs
