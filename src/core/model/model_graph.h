// model_graph.h — a torch-free description of a model's networks and data
// flow, for the studio's model overview graph (GAN Lab's idea, every family).
//
// The graph is drawn from the model itself: describe_model builds the model
// from the registry with the given parameters, and the model's graph()
// (GenerativeModel::graph, filled through core/model/graph_builder.h) lists its
// networks as torch modules with their layers and parameter counts, and runs a
// dummy forward pass through each network so the shapes on the edges are the
// shapes the networks really produce. Loss edges carry a name from
// ModelInfo::loss_names, so a front end can write the live loss value there.
// Nodes carry a layout cell (column, row) chosen by the family, so the drawing
// reads left to right the way the data flows.
//
// Ownership: value types. Thread affinity: any thread; describe_model and
// data_shape_for share nothing between calls. Failure modes:
// describe_model throws gs::Error for an unknown or imported model id, invalid
// parameters or a shape the model cannot be built for (create_model's errors);
// data_shape_for passes on the dataset loader's errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/param_spec.h"

namespace gs {

struct DatasetSpec;  // core/train/training_session.h

// One layer of a network: a leaf module (or a module holding its own tensors).
struct GraphLayer {
  std::string name;         // path inside the network, e.g. "0" or "blocks.1.attn"
  std::string kind;         // "Linear(in_features=784, out_features=512, bias=true)"
  int64_t parameters = 0;   // elements of the layer's own parameters
};

struct GraphNode {
  // Data: a data item (x, an image from domain A). Value: a tensor in the flow
  // (z, μ and log σ², the prior, the time step). Network: a trained network.
  enum class Kind { Data, Value, Network };
  std::string id;      // unique in the graph, e.g. "encoder"
  std::string label;   // shown in the box, e.g. "Encoder q(z|x)"
  Kind kind = Kind::Network;
  std::string shape;          // Data/Value: its shape as text ("1×28×28"); Network: empty
  std::string input_shape;    // Network: measured shape of its input, "×"-joined
  std::string output_shape;   // Network: measured shape of its output
  std::vector<int64_t> output_dims;  // Network/Value: the measured output, per item (batch dropped)
  int64_t parameters = 0;     // Network: elements of all its trained parameters
  std::vector<GraphLayer> layers;
  std::string note;           // one line under the label, e.g. "reparameterised: z = μ + σ·ε"
  int column = 0, row = 0;    // layout cell
};

struct GraphEdge {
  std::string from, to;  // node ids
  std::string shape;     // what flows along it, "16" or "1×28×28" (may be empty)
  std::string label;     // short text, e.g. "sample", "fake", "cycle"
  // A loss edge compares its two ends; `loss` is one of the model's loss names
  // (ModelInfo::loss_names) and `formula` the term written out.
  bool is_loss = false;
  std::string loss;
  std::string formula;
};

struct ModelGraph {
  std::string model_id;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  std::vector<std::string> loss_names;  // the model's, total first
  std::string data_shape;               // the data's shape as the model sees it

  const GraphNode* find(const std::string& id) const;
  // Sum of the network nodes' parameters.
  int64_t total_parameters() const;
  std::vector<const GraphNode*> networks() const;
};

// The data a model is described for, torch-free (the studio has no ImageShape):
// images [channels, height, width] (domains 2: two stacked domains), point
// data (points, `channels` coordinates) or text (vocabulary characters,
// chunks of `width` token ids); classes > 0 for labelled images.
struct GraphDataShape {
  int64_t channels = 1, height = 28, width = 28;
  bool points = false;
  int64_t domains = 1;
  bool text = false;
  int64_t vocabulary = 0;
  int64_t classes = 0;
};

// Builds `model_id` with `params` (resolved against its specs) for data of
// `shape` and returns its graph (see the top of this file). Throws gs::Error.
ModelGraph describe_model(const std::string& model_id, const ParamValues& params, const GraphDataShape& shape);

// The shape of the data `spec` names, read from the data themselves: a few
// items are loaded (points, images; text: the whole corpus, for its
// vocabulary), so it can take a second and belongs off the GUI thread.
// Throws gs::Error as load_dataset does (a missing folder, an unknown id).
GraphDataShape data_shape_for(const DatasetSpec& spec);

// "1×28×28" for {1, 28, 28}; "scalar" for {}.
std::string shape_text(const std::vector<int64_t>& dims);

}  // namespace gs
