// describe_model (core/model/model_graph.h): every trainable family's overview
// graph has its networks, shapes that agree with the data, parameter counts
// that add up to what the optimizers train (read back from the saved state),
// losses the model reports, and shapes that follow the parameters.
#include <algorithm>
#include <sstream>

#include "core/model/model_graph.h"
#include "core/model/model_registry.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::GraphDataShape shape_for(const gs::ModelInfo& info) {
  gs::GraphDataShape s;  // 1×28×28
  if (info.capabilities & gs::kCanTranslate) {
    s.height = s.width = 16;
    s.domains = 2;
  }
  if (info.capabilities & gs::kGeneratesText) {
    s.text = true;
    s.vocabulary = 5;
  }
  return s;
}

gs::ImageShape image_shape_of(const gs::GraphDataShape& g) {
  gs::ImageShape s{g.channels, g.height, g.width, g.points, g.domains};
  if (g.points) s.height = s.width = 1;
  if (g.text) {
    s.is_text = true;
    s.height = 1;
    s.width = 513;
    for (int64_t i = 0; i < g.vocabulary; ++i) s.vocabulary.push_back(std::string(1, char('a' + i)));
  }
  return s;
}

// The trained parameters as the model saves them: every optimizer's flat
// ".params" buffer (FlatAdam) or, for the RBM, its W, b and c.
int64_t saved_parameters(gs::GenerativeModel& model) {
  torch::serialize::OutputArchive out;
  model.save_state(out);
  std::stringstream bytes;
  out.save_to(bytes);
  torch::serialize::InputArchive in;
  in.load_from(bytes);
  int64_t n = 0;
  for (const auto& key : in.keys()) {
    const bool flat = key.size() > 7 && key.compare(key.size() - 7, 7, ".params") == 0;
    if (!flat && key != "rbm.W" && key != "rbm.b" && key != "rbm.c") continue;
    torch::Tensor t;
    in.read(key, t);
    n += t.numel();
  }
  return n;
}

const gs::GraphNode* node(const gs::ModelGraph& g, const char* id) {
  const gs::GraphNode* n = g.find(id);
  if (!n) qWarning("no node %s in the graph of %s", id, g.model_id.c_str());
  return n;
}

}  // namespace

class TestModelGraph : public QObject {
  Q_OBJECT
 private slots:
  void everyFamilyIsDescribed_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("points");
    for (const auto& m : gs::model_catalog()) {
      QTest::newRow(m.id.c_str()) << QString::fromStdString(m.id) << false;
      // Families that also take 2-D points are described for them too.
      gs::ImageShape p{2, 1, 1, true};
      bool takes_points = true;
      try {
        gs::create_model(m.id, {}, p);
      } catch (const gs::Error&) {
        takes_points = false;
      }
      if (takes_points) QTest::newRow((m.id + " points").c_str()) << QString::fromStdString(m.id) << true;
    }
  }
  void everyFamilyIsDescribed() {
    QFETCH(QString, id);
    QFETCH(bool, points);
    const gs::ModelInfo& info = gs::require_model(id.toStdString());
    gs::GraphDataShape shape = shape_for(info);
    if (points) shape = gs::GraphDataShape{2, 1, 1, true};
    gs::ModelGraph g;
    const QString error = errorOf([&] { g = gs::describe_model(info.id, {}, shape); });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(QString::fromStdString(g.model_id), id);
    QVERIFY2(!g.networks().empty(), "at least one network");

    // Every data node is one item of the data as the dataset gives it.
    const gs::ImageShape s = image_shape_of(shape);
    const std::vector<int64_t> item = points ? std::vector<int64_t>{s.channels}
                                             : std::vector<int64_t>{s.channels, s.height, s.width};
    int data_nodes = 0;
    for (const auto& n : g.nodes) {
      if (n.kind != gs::GraphNode::Kind::Data) continue;
      ++data_nodes;
      QCOMPARE(QString::fromStdString(n.shape), QString::fromStdString(gs::shape_text(item)));
    }
    QVERIFY(data_nodes >= 1);

    // Networks: measured shapes, layers that add up, and together what the optimizers train.
    for (const gs::GraphNode* n : g.networks()) {
      QVERIFY2(!n->input_shape.empty() && !n->output_shape.empty(), n->id.c_str());
      QVERIFY2(n->parameters > 0, n->id.c_str());
      QVERIFY2(!n->layers.empty(), n->id.c_str());
      int64_t layers = 0;
      for (const auto& l : n->layers) layers += l.parameters;
      QCOMPARE(layers, n->parameters);
    }
    auto model = gs::create_model(info.id, {}, s);
    QCOMPARE(g.total_parameters(), saved_parameters(*model));

    // Edges join nodes of the graph; loss edges name losses the model reports.
    QCOMPARE(g.loss_names, model->loss_names());
    int losses = 0;
    for (const auto& e : g.edges) {
      QVERIFY(g.find(e.from) && g.find(e.to));
      if (!e.is_loss) continue;
      ++losses;
      QVERIFY2(std::find(g.loss_names.begin(), g.loss_names.end(), e.loss) != g.loss_names.end(), e.loss.c_str());
      QVERIFY(!e.formula.empty());
    }
    QVERIFY(losses >= 1);
  }

  void generatorsProduceTheDataShape() {
    const gs::GraphDataShape img;  // 1×28×28
    QCOMPARE(node(gs::describe_model("vae", {}, img), "xhat")->output_dims, (std::vector<int64_t>{1, 28, 28}));
    QCOMPARE(node(gs::describe_model("gan", {}, img), "fake")->output_dims, (std::vector<int64_t>{1, 28, 28}));
    QCOMPARE(node(gs::describe_model("ddpm", {}, img), "pred")->output_dims, (std::vector<int64_t>{1, 28, 28}));
    QCOMPARE(node(gs::describe_model("realnvp", {}, img), "z")->output_dims, (std::vector<int64_t>{784}));
    gs::GraphDataShape pair;
    pair.height = pair.width = 16;
    pair.domains = 2;
    const auto cg = gs::describe_model("cyclegan", {}, pair);
    QCOMPARE(node(cg, "fakeb")->output_dims, (std::vector<int64_t>{1, 16, 16}));
    QCOMPARE(node(cg, "reca")->output_dims, (std::vector<int64_t>{1, 16, 16}));
    QCOMPARE(cg.networks().size(), size_t(4));
  }

  void theLatentSizeChangesTheShapes() {
    const gs::GraphDataShape img;
    const auto small = gs::describe_model("vae", {{"latent_dim", "8"}}, img);
    const auto large = gs::describe_model("vae", {{"latent_dim", "32"}}, img);
    QCOMPARE(node(small, "z")->output_dims, (std::vector<int64_t>{8}));
    QCOMPARE(node(large, "z")->output_dims, (std::vector<int64_t>{32}));
    QCOMPARE(QString::fromStdString(node(small, "decoder")->input_shape), QString("8"));
    QVERIFY(small.total_parameters() < large.total_parameters());
    QCOMPARE(node(gs::describe_model("gan", {{"latent_dim", "7"}}, img), "z")->output_dims, (std::vector<int64_t>{7}));
  }

  void refusesWhatCannotBeBuilt() {
    QVERIFY(errorOf([] { gs::describe_model("nope", {}, {}); }).contains("Unknown model"));
    QVERIFY(errorOf([] { gs::describe_model("vae", {{"latent_dim", "0"}}, {}); }).contains("latent_dim"));
    QVERIFY(!errorOf([] { gs::describe_model("torchscript", {}, {}); }).isEmpty());
  }

  void everyParameterHasHelp() {
    for (const auto& m : gs::registered_models()) {
      for (const auto& p : m.params) {
        QVERIFY2(p.help.size() > 10 && p.help.back() == '.', (m.id + "." + p.key + ": " + p.help).c_str());
      }
    }
  }
};

GS_TEST_MAIN(TestModelGraph)
#include "test_model_graph.moc"
