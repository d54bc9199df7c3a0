// model_graph.cpp — describe_model, the graph's helpers and the default
// GenerativeModel::graph() (data → one box → losses).
#include "core/model/model_graph.h"

#include <torch/torch.h>

#include "core/common/error.h"
#include "core/data/dataset_loader.h"
#include "core/data/text_corpus.h"
#include "core/model/graph_builder.h"
#include "core/model/model_registry.h"

namespace gs {

const GraphNode* ModelGraph::find(const std::string& id) const {
  for (const auto& n : nodes) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

int64_t ModelGraph::total_parameters() const {
  int64_t total = 0;
  for (const auto& n : nodes) {
    if (n.kind == GraphNode::Kind::Network) total += n.parameters;
  }
  return total;
}

std::vector<const GraphNode*> ModelGraph::networks() const {
  std::vector<const GraphNode*> out;
  for (const auto& n : nodes) {
    if (n.kind == GraphNode::Kind::Network) out.push_back(&n);
  }
  return out;
}

std::string shape_text(const std::vector<int64_t>& dims) {
  if (dims.empty()) return "scalar";
  std::string text;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) text += "×";
    text += std::to_string(dims[i]);
  }
  return text;
}

ModelGraph GenerativeModel::graph() {
  // A family without its own graph: the data, the model as one box and its
  // losses. Every built-in family overrides this.
  GraphBuilder b(*this);
  const torch::Tensor x = example_batch(image_shape());
  b.data("x", "data x", x, 0, 0);
  b.value_text("model", id(), "", 1, 0, "no overview for this family yet");
  b.edge("x", "model", x);
  const auto names = loss_names();
  if (!names.empty()) b.loss("model", "x", names.front(), names.front());
  return b.take();
}

ModelGraph describe_model(const std::string& model_id, const ParamValues& params, const GraphDataShape& shape) {
  ImageShape s;
  s.channels = shape.channels;
  s.height = shape.height;
  s.width = shape.width;
  s.points = shape.points;
  s.domains = shape.domains;
  if (shape.points) s.height = s.width = 1;
  if (shape.text) {
    s.is_text = true;
    s.channels = 1;
    s.height = 1;
    s.width = kTextChunk;
    if (shape.vocabulary < 2) throw Error("A text model needs a vocabulary of at least two characters to be described.");
    // Stand-in characters: only the vocabulary's size shapes the networks.
    for (int64_t i = 0; i < shape.vocabulary; ++i) {
      s.vocabulary.push_back(i < 95 ? std::string(1, char(32 + i)) : "#" + std::to_string(i));
    }
  }
  for (int64_t k = 0; k < shape.classes; ++k) s.class_names.push_back("class " + std::to_string(k));
  auto model = create_model(model_id, params, s);
  model->set_training(false);
  torch::NoGradGuard no_grad;
  ModelGraph g = model->graph();
  g.model_id = model_id;
  return g;
}

GraphDataShape data_shape_for(const DatasetSpec& spec) {
  const DatasetInfo* info = find_dataset(spec.id);
  DatasetSpec few = spec;
  if (!info || !info->text) few.limit = 16;  // text: the whole corpus, for its vocabulary
  const ImageDataset data = load_dataset(few);
  const ImageShape& s = data.shape;
  GraphDataShape g;
  g.channels = s.channels;
  g.height = s.height;
  g.width = s.width;
  g.points = s.points;
  g.domains = s.domains;
  g.text = s.is_text;
  g.vocabulary = static_cast<int64_t>(s.vocabulary.size());
  g.classes = static_cast<int64_t>(s.class_names.size());
  return g;
}

}  // namespace gs
