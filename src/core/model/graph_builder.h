// graph_builder.h — how a family's GenerativeModel::graph() fills a ModelGraph
// (model_graph.h) from its own networks: a network box takes the torch module
// (its layers and parameter counts are read from the module tree) and the
// tensors a dummy forward pass gave it and returned (their shapes go on the
// box and its edges); data and value nodes take an example tensor; loss edges
// name one of the model's loss names. Shapes drop the batch dimension.
//
// Core only (includes LibTorch). Ownership: the builder owns the graph until
// take(). Thread affinity: the caller's. Failure modes: edge() and loss()
// throw gs::Error for a node id that was not added (a family's bug), and
// loss() for a name that is not one of the model's loss names.
#pragma once

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

#include "core/model/generative_model.h"
#include "core/model/model_graph.h"

namespace gs {

class GraphBuilder {
 public:
  // Starts the graph of `model` (its id, loss names and data shape).
  explicit GraphBuilder(GenerativeModel& model);

  // A data item or a value in the flow, its shape from `example` ([B, …]).
  GraphBuilder& data(const std::string& id, const std::string& label, const torch::Tensor& example, int column,
                     int row, const std::string& note = "");
  GraphBuilder& value(const std::string& id, const std::string& label, const torch::Tensor& example, int column,
                      int row, const std::string& note = "");
  // A value whose shape is described in words (a prior, a step index).
  GraphBuilder& value_text(const std::string& id, const std::string& label, const std::string& shape, int column,
                           int row, const std::string& note = "");
  // A network: its layers from `module`'s tree, `input` and `output` as the
  // dummy forward pass saw them.
  GraphBuilder& network(const std::string& id, const std::string& label, const torch::nn::Module& module,
                        const torch::Tensor& input, const torch::Tensor& output, int column, int row,
                        const std::string& note = "");
  // A network held as raw tensors (the RBM's W, b, c): one layer per tensor.
  GraphBuilder& network_tensors(const std::string& id, const std::string& label,
                                const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                                const torch::Tensor& input, const torch::Tensor& output, int column, int row,
                                const std::string& note = "");

  // Data flowing from one node to another; the shape from `carried` when defined.
  GraphBuilder& edge(const std::string& from, const std::string& to, const torch::Tensor& carried = {},
                     const std::string& label = "");
  // A loss comparing two nodes: `loss` must be one of the model's loss names.
  GraphBuilder& loss(const std::string& from, const std::string& to, const std::string& loss,
                     const std::string& formula);

  ModelGraph take() { return std::move(graph_); }

 private:
  GraphNode& add(GraphNode node);
  void require(const std::string& id) const;

  ModelGraph graph_;
};

// Per-item shape of a batch tensor ([B, …] → […]).
std::vector<int64_t> item_dims(const torch::Tensor& batch);

// A batch of two zero data items for `shape` (text: two chunks of token 0),
// for the dummy forward passes.
torch::Tensor example_batch(const ImageShape& shape, int64_t n = 2);

}  // namespace gs
