// pixelcnn_graph.cpp — PixelCNN's overview graph: x → masked convolutions →
// one 256-way distribution per pixel given the pixels above and to the left,
// scored against x itself (optionally given a class y).
#include "core/model/graph_builder.h"
#include "core/models/pixelcnn/pixelcnn_model.h"

namespace gs {

ModelGraph PixelCnnModel::graph() {
  GraphBuilder b(*this);
  const torch::Tensor x = example_batch(shape_);
  torch::Tensor y;
  if (num_classes_ > 0) y = torch::zeros({x.size(0)}, torch::kLong);
  const torch::Tensor logits = net_->forward(x, y);
  b.data("x", "image x", x, 0, 0, "pixels in raster order")
      .network("net", "Gated PixelCNN", *net_, x, logits, 1, 0, "masked: pixel i sees only x₁ … x_{i−1}")
      .value("dist", "p(xᵢ | x<ᵢ)", logits, 2, 0, "256 logits per pixel")
      .edge("x", "net", x)
      .edge("net", "dist", logits)
      .edge("dist", "x", {}, "sample pixel by pixel")
      .loss("dist", "x", "bits_per_dim", "−(1/D) Σᵢ log₂ p(xᵢ | x<ᵢ)  (cross-entropy of each pixel's value)");
  if (num_classes_ > 0) {
    b.value("y", "class y", y, 0, 1, std::to_string(num_classes_) + " classes: a bias per layer")
        .edge("y", "net", {}, "class");
  }
  return b.take();
}

}  // namespace gs
