#include "core/models/pixelcnn/pixelcnn_model.h"

#include <cmath>
#include <cstdlib>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/models/pixelcnn/pixelcnn_sampler.h"

namespace gs {

std::vector<ParamSpec> PixelCnnModel::param_specs() {
  return {
      ParamSpec::integer("features", "Features", 32, 4, 256,
                         "Gated features F of each stack (every layer has 2F pre-activations)."),
      ParamSpec::integer("layers", "Gated layers", 5, 1, 20,
                         "Gated layers: the first with a 7-wide kernel (mask A), the rest with the kernel "
                         "below (mask B); more layers see further."),
      ParamSpec::choice("kernel", "Kernel", "3", {"3", "5", "7"},
                        "Width k of the later layers: (k/2+1)×k vertical, 1×(k/2+1) horizontal."),
      ParamSpec::integer("head", "Head width", 64, 8, 1024,
                         "Hidden width of the output head before the 256-way softmax."),
      ParamSpec::boolean("class_conditional", "Class conditioning (labelled images)", false,
                         "Model p(x | class) with a class-dependent bias in every gated layer, so a chosen class "
                         "can be drawn; the training bits/dim are then those of p(x | y) with the true label. "
                         "Ignored for data without labels."),
      ParamSpec::integer("batch_size", "Batch size", 16, 1, 1024, "Images per training step."),
      ParamSpec::real("lr", "Learning rate", 1e-3, 1e-6, 1.0, "Adam learning rate.", /*log_scale=*/true)
          .with_role(ParamSpec::Role::LearningRate),
  };
}

PixelCnnModel::PixelCnnModel(const ParamValues& params, ImageShape shape) : shape_(shape) {
  if (shape.points) throw Error("PixelCNN models images pixel by pixel; choose an image dataset, not points.");
  if (shape.domains != 1) throw Error("PixelCNN models one image domain; choose a dataset of single images.");
  PixelCnnConfig c;
  c.in_channels = shape.channels;
  c.height = shape.height;
  c.width = shape.width;
  c.features = param_int(params, "features");
  c.layers = param_int(params, "layers");
  c.kernel = std::atol(param_text(params, "kernel").c_str());
  c.head = param_int(params, "head");
  if (param_bool(params, "class_conditional") && shape.class_names.size() >= 2) {
    num_classes_ = static_cast<int64_t>(shape.class_names.size());
  }
  c.num_classes = num_classes_;
  class_counts_ = torch::zeros({std::max<int64_t>(num_classes_, 1)});
  net_ = PixelCnnNet(c);
  AdamOptions opt;
  opt.lr = param_real(params, "lr");
  optimizer_ = std::make_unique<FlatAdam>(net_->parameters(), opt);
}

unsigned PixelCnnModel::capabilities() const {
  return kCanSample | kCanLogProb | kSamplesPixels | (num_classes_ > 0 ? kClassConditional : 0u);
}

void PixelCnnModel::check_images(const torch::Tensor& x, const char* what) const {
  if (x.dim() != 4 || x.size(1) != shape_.channels || x.size(2) != shape_.height || x.size(3) != shape_.width) {
    throw Error(std::string("PixelCNN ") + what + " needs images of " + shape_.text() + "; got a tensor of shape " +
                c10::str(x.sizes()) + ".");
  }
}

namespace {
torch::Tensor targets_of(const torch::Tensor& x) {
  return (x.select(1, 0) * 255.0).round().clamp(0, 255).to(torch::kLong);  // [N, H, W]
}
}  // namespace

torch::Tensor PixelCnnModel::train_step(const torch::Tensor& batch) {
  check_images(batch, "training");
  if (num_classes_ > 0) {
    throw Error("This class-conditional PixelCNN learns p(x | class) and needs each image's label to train.");
  }
  return train_step_labeled(batch, torch::Tensor());
}

torch::Tensor PixelCnnModel::train_step_labeled(const torch::Tensor& batch, const torch::Tensor& labels) {
  check_images(batch, "training");
  torch::Tensor y;
  if (num_classes_ > 0) {
    y = checked_labels(labels, batch.size(0));
    torch::NoGradGuard no_grad;
    class_counts_.index_add_(0, y, torch::ones({y.size(0)}));
  }
  torch::Tensor nats_per_dim = torch::nn::functional::cross_entropy(net_->forward(batch, y), targets_of(batch));
  optimizer_->zero_grad();
  nats_per_dim.backward();
  optimizer_->step();
  torch::Tensor n = nats_per_dim.detach();
  return torch::stack({n / std::log(2.0), n * static_cast<double>(shape_.numel())});
}

torch::Tensor PixelCnnModel::per_pixel_nll(const torch::Tensor& x, const torch::Tensor& labels) {
  check_images(x, "likelihood");
  torch::Tensor nll = torch::nn::functional::cross_entropy(
      net_->forward(x, labels), targets_of(x), torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return nll.unsqueeze(1);
}

torch::Tensor PixelCnnModel::checked_labels(const torch::Tensor& labels, int64_t n) const {
  if (!labels.defined() || labels.dim() != 1 || labels.size(0) != n) {
    throw Error("Give one class label per image (" + std::to_string(n) + ") to the class-conditional PixelCNN.");
  }
  torch::Tensor y = labels.to(torch::kLong);
  if (n > 0) {
    const int64_t lo = y.min().item<int64_t>(), hi = y.max().item<int64_t>();
    if (lo < 0 || hi >= num_classes_) {
      throw Error("The class label " + std::to_string(lo < 0 ? lo : hi) + " is outside 0 … " +
                  std::to_string(num_classes_ - 1) + " (the PixelCNN learned " + std::to_string(num_classes_) +
                  " classes).");
    }
  }
  return y;
}

torch::Tensor PixelCnnModel::log_prior() const {
  torch::Tensor c = class_counts_ + 1.0;  // add-one: a class never seen keeps some mass
  return (c / c.sum()).log();
}

torch::Tensor PixelCnnModel::class_nll(const torch::Tensor& x) {
  check_images(x, "likelihood");
  const int64_t n = x.size(0);
  std::vector<torch::Tensor> cols;
  for (int64_t k = 0; k < num_classes_; ++k) {
    cols.push_back(per_pixel_nll(x, torch::full({n}, k, torch::kLong)).sum({1, 2, 3}));
  }
  return torch::stack(cols, 1);  // [N, K]
}

torch::Tensor PixelCnnModel::nll_nats(const torch::Tensor& x) {
  if (num_classes_ == 0) return per_pixel_nll(x).sum({1, 2, 3});
  return -torch::logsumexp(log_prior().unsqueeze(0) - class_nll(x), 1);
}

torch::Tensor PixelCnnModel::nll_map(const torch::Tensor& x) {
  if (num_classes_ == 0) return per_pixel_nll(x);
  torch::Tensor best = (log_prior().unsqueeze(0) - class_nll(x)).argmax(1);
  return per_pixel_nll(x, best);
}

torch::Tensor PixelCnnModel::nll_nats_given(const torch::Tensor& x, const torch::Tensor& labels) {
  if (num_classes_ == 0) return {};
  return per_pixel_nll(x, checked_labels(labels, x.size(0))).sum({1, 2, 3});
}

void PixelCnnModel::select_class(int64_t label) {
  if (num_classes_ == 0) return;
  if (label < -1 || label >= num_classes_) {
    throw Error("The class " + std::to_string(label) + " is outside 0 … " + std::to_string(num_classes_ - 1) +
                " (−1: any class).");
  }
  selected_class_ = label;
}

torch::Tensor PixelCnnModel::labels_for(int64_t n) const {
  if (num_classes_ == 0) return {};
  if (selected_class_ >= 0) return torch::full({n}, selected_class_, torch::kLong);
  return torch::arange(n, torch::kLong).remainder(num_classes_);
}

torch::Tensor PixelCnnModel::sample_classes(const torch::Tensor& labels, double guidance, torch::Generator& gen) {
  (void)guidance;
  if (num_classes_ == 0) throw Error("This PixelCNN was trained without class labels.");
  if (!labels.defined() || labels.dim() != 1) throw Error("Give the classes to draw as one label per image.");
  const int64_t n = labels.size(0);
  torch::Tensor y = labels.to(torch::kLong);
  if (n > 0 && (y.min().item<int64_t>() < -1 || y.max().item<int64_t>() >= num_classes_)) {
    throw Error("A class to draw is outside 0 … " + std::to_string(num_classes_ - 1) + " (−1: any class).");
  }
  // −1: a class drawn from the training label frequencies, so the images follow p(x).
  torch::Tensor drawn = torch::multinomial(log_prior().exp(), std::max<int64_t>(n, 1), true, gen).narrow(0, 0, n);
  y = torch::where(y < 0, drawn, y);
  torch::Tensor noise = torch::rand({n, shape_.channels, shape_.height, shape_.width}, gen);
  torch::Tensor blank = torch::zeros_like(noise);
  torch::Tensor all = torch::ones({n, 1, shape_.height, shape_.width}, torch::kBool);
  return sample_cached(*net_, blank, all, 1.0, noise, {}, y);
}

torch::Tensor PixelCnnModel::pixel_distribution(const torch::Tensor& images) {
  check_images(images, "pixel distributions");
  // [N, 256, H, W] → [N, 1, H, W, 256]
  return torch::softmax(net_->forward(images, labels_for(images.size(0))), 1).permute({0, 2, 3, 1}).unsqueeze(1).contiguous();
}

torch::Tensor PixelCnnModel::sample_with_noise(const torch::Tensor& images, const torch::Tensor& todo,
                                               double temperature, const torch::Tensor& noise, bool cached,
                                               const PixelCallback& on_pixel) {
  check_images(images, "sampling");
  const std::vector<int64_t> mask_shape{images.size(0), 1, shape_.height, shape_.width};
  if (todo.sizes() != torch::IntArrayRef(mask_shape) || todo.scalar_type() != torch::kBool) {
    throw Error("The mask of pixels to draw must be a boolean [N, 1, H, W] tensor matching the images.");
  }
  if (noise.sizes() != images.sizes()) throw Error("The sampling noise must have the images' shape.");
  if (!(temperature > 0) || !std::isfinite(temperature)) throw Error("The temperature must be greater than 0.");
  const torch::Tensor y = labels_for(images.size(0));
  return cached ? sample_cached(*net_, images, todo, temperature, noise, on_pixel, y)
                : sample_naive(*net_, images, todo, temperature, noise, on_pixel, y);
}

torch::Tensor PixelCnnModel::sample_pixels(const torch::Tensor& images, const torch::Tensor& todo, double temperature,
                                           torch::Generator& gen, const PixelCallback& on_pixel) {
  check_images(images, "sampling");
  torch::Tensor noise = torch::rand(images.sizes(), gen, images.options().dtype(torch::kFloat32));
  return sample_with_noise(images, todo, temperature, noise, true, on_pixel);
}

torch::Tensor PixelCnnModel::decode(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != shape_.numel()) {
    throw Error("PixelCNN draws images from uniform noise of " + std::to_string(shape_.numel()) +
                " numbers per image; got a tensor of shape " + c10::str(z.sizes()) + ".");
  }
  const int64_t n = z.size(0);
  torch::Tensor noise = z.to(torch::kFloat32).reshape({n, shape_.channels, shape_.height, shape_.width});
  torch::Tensor blank = torch::zeros_like(noise);
  torch::Tensor all = torch::ones({n, 1, shape_.height, shape_.width}, torch::kBool);
  return sample_with_noise(blank, all, 1.0, noise);
}

torch::Tensor PixelCnnModel::prior_sample(int64_t n, torch::Generator& gen) const {
  return torch::rand({n, shape_.numel()}, gen);
}

bool PixelCnnModel::set_live_param(const std::string& key, const std::string& value) {
  if (key == "lr") optimizer_->set_lr(std::strtod(value.c_str(), nullptr));
  else if (key == "batch_size") return true;  // the trainer reads it per run
  else return false;
  return true;
}

void PixelCnnModel::save_state(torch::serialize::OutputArchive& archive) const {
  optimizer_->save(archive, "adam");
  if (num_classes_ > 0) archive.write("pixelcnn.class_counts", class_counts_);
}

void PixelCnnModel::load_state(torch::serialize::InputArchive& archive) {
  optimizer_->load(archive, "adam");
  if (num_classes_ == 0) return;
  torch::Tensor counts;
  try {
    archive.read("pixelcnn.class_counts", counts);
  } catch (const c10::Error&) {
    throw Error("The checkpoint has no class frequencies; it was not saved by a class-conditional PixelCNN.");
  }
  if (counts.sizes() != class_counts_.sizes()) {
    throw Error("The checkpoint's PixelCNN learned " + std::to_string(counts.numel()) + " classes but this one has " +
                std::to_string(num_classes_) + ".");
  }
  class_counts_.copy_(counts);
}

}  // namespace gs
