// graph_builder.cpp — filling a ModelGraph from torch modules and measured tensors.
#include "core/model/graph_builder.h"

#include <algorithm>
#include <sstream>

#include "core/common/error.h"

namespace gs {

namespace {

std::string without_namespaces(std::string text) {
  for (const std::string prefix : {"torch::nn::", "gs::"}) {
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) text.erase(at, prefix.size());
  }
  return text;
}

int64_t count(const std::vector<torch::Tensor>& tensors) {
  int64_t n = 0;
  for (const auto& t : tensors) n += t.numel();
  return n;
}

std::string dims_text(const torch::Tensor& t) { return t.defined() ? shape_text(item_dims(t)) : std::string(); }

}  // namespace

std::vector<int64_t> item_dims(const torch::Tensor& batch) {
  if (!batch.defined() || batch.dim() == 0) return {};
  const auto sizes = batch.sizes();
  return std::vector<int64_t>(sizes.begin() + 1, sizes.end());
}

torch::Tensor example_batch(const ImageShape& shape, int64_t n) {
  if (shape.is_text) return torch::zeros({n, 1, 1, shape.width});
  if (shape.points) return torch::zeros({n, shape.channels});
  return torch::full({n, shape.channels * shape.domains, shape.height, shape.width}, 0.5);
}

GraphBuilder::GraphBuilder(GenerativeModel& model) {
  graph_.model_id = model.id();
  graph_.loss_names = model.loss_names();
  graph_.data_shape = model.image_shape().text();
}

GraphNode& GraphBuilder::add(GraphNode node) {
  if (graph_.find(node.id)) throw Error("The model graph has two nodes named '" + node.id + "'.");
  graph_.nodes.push_back(std::move(node));
  return graph_.nodes.back();
}

void GraphBuilder::require(const std::string& id) const {
  if (!graph_.find(id)) throw Error("The model graph has no node named '" + id + "'.");
}

GraphBuilder& GraphBuilder::data(const std::string& id, const std::string& label, const torch::Tensor& example,
                                 int column, int row, const std::string& note) {
  GraphNode n;
  n.id = id;
  n.label = label;
  n.kind = GraphNode::Kind::Data;
  n.output_dims = item_dims(example);
  n.shape = shape_text(n.output_dims);
  n.note = note;
  n.column = column;
  n.row = row;
  add(std::move(n));
  return *this;
}

GraphBuilder& GraphBuilder::value(const std::string& id, const std::string& label, const torch::Tensor& example,
                                  int column, int row, const std::string& note) {
  data(id, label, example, column, row, note);
  graph_.nodes.back().kind = GraphNode::Kind::Value;
  return *this;
}

GraphBuilder& GraphBuilder::value_text(const std::string& id, const std::string& label, const std::string& shape,
                                       int column, int row, const std::string& note) {
  GraphNode n;
  n.id = id;
  n.label = label;
  n.kind = GraphNode::Kind::Value;
  n.shape = shape;
  n.note = note;
  n.column = column;
  n.row = row;
  add(std::move(n));
  return *this;
}

GraphBuilder& GraphBuilder::network(const std::string& id, const std::string& label, const torch::nn::Module& module,
                                    const torch::Tensor& input, const torch::Tensor& output, int column, int row,
                                    const std::string& note) {
  GraphNode n;
  n.id = id;
  n.label = label;
  n.kind = GraphNode::Kind::Network;
  n.input_shape = dims_text(input);
  n.output_dims = item_dims(output);
  n.output_shape = output.defined() ? shape_text(n.output_dims) : std::string();
  n.parameters = count(module.parameters(/*recurse=*/true));
  auto describe = [](const torch::nn::Module& m) {
    std::ostringstream kind;
    m.pretty_print(kind);
    return without_namespaces(kind.str());
  };
  const auto own = module.parameters(/*recurse=*/false);
  if (module.children().empty() || !own.empty()) {
    n.layers.push_back({module.children().empty() ? "layer" : "(own tensors)", describe(module), count(own)});
  }
  for (const auto& item : module.named_modules("", /*include_self=*/false)) {
    const torch::nn::Module& m = *item.value();
    const auto params = m.parameters(/*recurse=*/false);
    if (!m.children().empty() && params.empty()) continue;  // a container: its leaves are listed
    n.layers.push_back({item.key(), describe(m), count(params)});
  }
  n.note = note;
  n.column = column;
  n.row = row;
  add(std::move(n));
  return *this;
}

GraphBuilder& GraphBuilder::network_tensors(const std::string& id, const std::string& label,
                                            const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                                            const torch::Tensor& input, const torch::Tensor& output, int column,
                                            int row, const std::string& note) {
  GraphNode n;
  n.id = id;
  n.label = label;
  n.kind = GraphNode::Kind::Network;
  n.input_shape = dims_text(input);
  n.output_dims = item_dims(output);
  n.output_shape = shape_text(n.output_dims);
  for (const auto& [name, t] : tensors) {
    n.layers.push_back({name, "tensor " + shape_text(t.sizes().vec()), t.numel()});
    n.parameters += t.numel();
  }
  n.note = note;
  n.column = column;
  n.row = row;
  add(std::move(n));
  return *this;
}

GraphBuilder& GraphBuilder::edge(const std::string& from, const std::string& to, const torch::Tensor& carried,
                                 const std::string& label) {
  require(from);
  require(to);
  GraphEdge e;
  e.from = from;
  e.to = to;
  e.shape = dims_text(carried);
  e.label = label;
  graph_.edges.push_back(std::move(e));
  return *this;
}

GraphBuilder& GraphBuilder::loss(const std::string& from, const std::string& to, const std::string& loss,
                                 const std::string& formula) {
  require(from);
  require(to);
  if (std::find(graph_.loss_names.begin(), graph_.loss_names.end(), loss) == graph_.loss_names.end()) {
    throw Error("The model graph names a loss '" + loss + "' the model does not report.");
  }
  GraphEdge e;
  e.from = from;
  e.to = to;
  e.is_loss = true;
  e.loss = loss;
  e.formula = formula;
  graph_.edges.push_back(std::move(e));
  return *this;
}

}  // namespace gs
