// pixelcnn_nets.h — the Gated PixelCNN network (van den Oord et al. 2016,
// "Conditional Image Generation with PixelCNN Decoders") for gray images.
//
// Two stacks without a blind spot. The vertical stack convolves with
// (k/2+1)×k kernels padded on top, so its output at row r sees input rows ≤ r;
// shifted down one row it feeds the horizontal stack, which therefore sees only
// rows above. The horizontal stack convolves along the row with 1×(k/2+1)
// kernels padded on the left (mask B: columns ≤ c); in the first layer its
// output is shifted right one column (mask A: columns < c). Each layer is
// gated: tanh(a) ⊙ σ(b) of 2F pre-activations; the vertical pre-activation
// reaches the horizontal one through a 1×1 link; the horizontal stack has a
// 1×1 output and a residual connection (from the second layer on). The first
// layer uses a 7-wide kernel (4×7 vertical, 1×4 horizontal), the others k.
// A head ReLU → 1×1 → ReLU → 1×1 gives 256 logits per pixel.
// Class-conditional (num_classes K > 0; the paper's conditional PixelCNN with
// a one-hot h): every gated layer adds a learned class-dependent bias V_l[y]
// to its vertical and H_l[y] to its horizontal pre-activations (after the
// mask-A shift, so every pixel sees the class); all biases are one embedding
// lookup (one op per forward, not one per layer).
//
// Ownership: a TORCH_MODULE holder (shared_ptr semantics). Thread affinity: one
// thread at a time. Failure modes: the constructor throws gs::Error for
// channels other than 1 or an even kernel.
#pragma once

#include <torch/torch.h>

#include <vector>

namespace gs {

struct PixelCnnConfig {
  int64_t in_channels = 1;
  int64_t height = 28;
  int64_t width = 28;
  int64_t features = 32;    // F: gated features per stack
  int64_t layers = 5;       // gated layers (the first with the 7-wide kernel)
  int64_t kernel = 3;       // k of the later layers (odd)
  int64_t head = 64;        // hidden width of the output head
  int64_t num_classes = 0;  // > 0: class-conditional, labels 0 … K−1
};

// One gated layer's convolutions.
struct GatedLayer {
  torch::nn::Conv2d v_conv{nullptr};  // F_in → 2F, (kh × kw), valid
  torch::nn::Conv2d h_conv{nullptr};  // F_in → 2F, (1 × hw), valid
  torch::nn::Conv2d link{nullptr};    // 2F → 2F, 1×1: vertical (shifted down) → horizontal
  torch::nn::Conv2d h_out{nullptr};   // F → F, 1×1
  int64_t kh = 0, kw = 0, hw = 0;     // vertical kernel height/width, horizontal width
  bool first = false;                 // mask A (shift right), no residual
};

class PixelCnnNetImpl : public torch::nn::Module {
 public:
  explicit PixelCnnNetImpl(const PixelCnnConfig& config);

  // Logits [N, 256, H, W] of images [N, 1, H, W] in [0, 1]; conditional nets
  // take labels [N] int64 in 0 … K−1 (undefined: no class bias).
  torch::Tensor forward(const torch::Tensor& images, const torch::Tensor& labels = {});
  // The class biases of labels [N]: [N, layers, 2 (vertical, horizontal), 2F];
  // undefined for an unconditional net or undefined labels.
  torch::Tensor class_biases(const torch::Tensor& labels);
  // For the causality tests: the last vertical pre-activation shifted down
  // (what reaches the horizontal stack, [N, 2F, H, W]), and the horizontal
  // stack's output computed with the vertical links cut ([N, F, H, W]).
  torch::Tensor vertical_to_horizontal(const torch::Tensor& images);
  torch::Tensor horizontal_only(const torch::Tensor& images);

  const PixelCnnConfig& config() const { return config_; }
  const std::vector<GatedLayer>& gated_layers() const { return layers_; }
  torch::nn::Conv2d head1{nullptr};  // F → head
  torch::nn::Conv2d head2{nullptr};  // head → 256

  // Network input from images in [0, 1]: 2x − 1.
  static torch::Tensor input_of(const torch::Tensor& images) { return images * 2.0 - 1.0; }
  static torch::Tensor gate(const torch::Tensor& pre);  // tanh(a)·σ(b) over the channel halves

 private:
  enum class Mode { Full, VerticalOut, NoLink };
  torch::Tensor run(const torch::Tensor& images, Mode mode, const torch::Tensor& labels = {});

  PixelCnnConfig config_;
  std::vector<GatedLayer> layers_;
  torch::nn::Embedding class_bias_{nullptr};
};
TORCH_MODULE(PixelCnnNet);

}  // namespace gs
