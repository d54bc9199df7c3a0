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
  net_ = PixelCnnNet(c);
  AdamOptions opt;
  opt.lr = param_real(params, "lr");
  optimizer_ = std::make_unique<FlatAdam>(net_->parameters(), opt);
}

unsigned PixelCnnModel::capabilities() const { return kCanSample | kCanLogProb | kSamplesPixels; }

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
  torch::Tensor nats_per_dim = torch::nn::functional::cross_entropy(net_->forward(batch), targets_of(batch));
  optimizer_->zero_grad();
  nats_per_dim.backward();
  optimizer_->step();
  torch::Tensor n = nats_per_dim.detach();
  return torch::stack({n / std::log(2.0), n * static_cast<double>(shape_.numel())});
}

torch::Tensor PixelCnnModel::per_pixel_nll(const torch::Tensor& x) {
  check_images(x, "likelihood");
  torch::Tensor nll = torch::nn::functional::cross_entropy(
      net_->forward(x), targets_of(x), torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return nll.unsqueeze(1);
}

torch::Tensor PixelCnnModel::nll_nats(const torch::Tensor& x) { return per_pixel_nll(x).sum({1, 2, 3}); }
torch::Tensor PixelCnnModel::nll_map(const torch::Tensor& x) { return per_pixel_nll(x); }

torch::Tensor PixelCnnModel::pixel_distribution(const torch::Tensor& images) {
  check_images(images, "pixel distributions");
  // [N, 256, H, W] → [N, 1, H, W, 256]
  return torch::softmax(net_->forward(images), 1).permute({0, 2, 3, 1}).unsqueeze(1).contiguous();
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
  return cached ? sample_cached(*net_, images, todo, temperature, noise, on_pixel)
                : sample_naive(*net_, images, todo, temperature, noise, on_pixel);
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

void PixelCnnModel::save_state(torch::serialize::OutputArchive& archive) const { optimizer_->save(archive, "adam"); }
void PixelCnnModel::load_state(torch::serialize::InputArchive& archive) { optimizer_->load(archive, "adam"); }

}  // namespace gs
