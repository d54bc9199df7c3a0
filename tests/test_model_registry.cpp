// The model registry: the built-in entries in their order, trainable and
// imported ones kept apart, and for every entry (small shapes, default
// parameters; the TorchScript fixtures for the imported entry) the capability
// flags set together with the side-interface accessors.
#include "core/data/dataset_catalog.h"
#include "core/model/model_registry.h"
#include "core/models/torchscript/torchscript_descriptor.h"
#include "test_main.h"
#include "test_support.h"

namespace {

std::string fixture(const char* name) { return std::string(GENSTUDIO_FIXTURES) + "/" + name; }

// Every model an entry builds: one for a trainable entry, one per fixture kind
// for an imported one.
std::vector<std::unique_ptr<gs::GenerativeModel>> models_of(const gs::ModelEntry& e) {
  std::vector<std::unique_ptr<gs::GenerativeModel>> out;
  if (e.info.trainable) {
    const bool translates = e.info.capabilities & gs::kCanTranslate;
    gs::ImageShape shape = translates ? gs::ImageShape{1, 16, 16, false, 2} : gs::ImageShape{1, 28, 28};
    if (e.info.capabilities & gs::kGeneratesText) {  // text models train on chunks of character ids
      shape = gs::ImageShape{1, 1, 513};
      shape.is_text = true;
      shape.vocabulary = {"a", "b", "c"};
    }
    out.push_back(gs::create_model(e.info.id, {}, shape));
    // Labelled single images (class names in the shape), with class conditioning
    // switched on where the family has it: conditional families add kClassConditional.
    if (!translates && !shape.is_text) {
      gs::ImageShape classes = shape;
      classes.class_names = {"first", "second", "third"};
      gs::ParamValues p;
      for (const auto& spec : e.info.params) {
        if (spec.key == "class_conditional") p[spec.key] = "true";
      }
      out.push_back(gs::create_model(e.info.id, p, classes));
    }
  } else {
    out.push_back(gs::create_imported_model(e.info.id, fixture("generator.pt"),
                                            gs::read_torchscript_sidecar(fixture("generator.pt"))));
    out.push_back(gs::create_imported_model(e.info.id, fixture("translator.pt"),
                                            gs::read_torchscript_sidecar(fixture("translator.pt"))));
  }
  return out;
}

}  // namespace

class TestModelRegistry : public QObject {
  Q_OBJECT
 private slots:
  void listsTheBuiltinFamiliesInOrder() {
    QStringList ids;
    for (const auto& e : gs::model_registry()) ids << QString::fromStdString(e.info.id);
    QCOMPARE(ids, (QStringList{"vae", "ae", "gan", "dcgan", "stylegan", "cyclegan", "realnvp", "pixelcnn", "ddpm", "rbm", "chargpt", "torchscript"}));
    QStringList trainable;
    for (const auto& m : gs::model_catalog()) trainable << QString::fromStdString(m.id);
    QCOMPARE(trainable, (QStringList{"vae", "ae", "gan", "dcgan", "stylegan", "cyclegan", "realnvp", "pixelcnn", "ddpm", "rbm", "chargpt"}));
    QCOMPARE(gs::registered_models().size(), gs::model_registry().size());
    QVERIFY(gs::find_model("torchscript"));
    QVERIFY(!gs::find_model("torchscript")->trainable);
    for (const auto& e : gs::model_registry()) {
      QCOMPARE(bool(e.factory), e.info.trainable);
      QCOMPARE(bool(e.importer), !e.info.trainable);
    }
  }

  void refusesToTrainAnImportedModel() {
    const QString err = errorOf([] { gs::create_model("torchscript", {}, gs::ImageShape{}); });
    QVERIFY2(err.contains("imported") && err.contains("Trainable models: vae"), qPrintable(err));
    QVERIFY(errorOf([] { gs::check_trainable("nope"); }).contains("Unknown model"));
    QVERIFY(errorOf([] { gs::create_imported_model("vae", "x.pt", {}); }).contains("not imported"));
  }

  void flagsMatchTheAccessors_data() {
    QTest::addColumn<QString>("id");
    for (const auto& e : gs::model_registry()) QTest::newRow(e.info.id.c_str()) << QString::fromStdString(e.info.id);
  }
  void flagsMatchTheAccessors() {
    QFETCH(QString, id);
    const gs::ModelEntry* e = gs::find_model_entry(id.toStdString());
    QVERIFY(e);
    for (const auto& model : models_of(*e)) {
      QCOMPARE(QString::fromStdString(model->id()), id);
      const unsigned caps = model->capabilities();
      // Class conditioning depends on the data (labels), so the entry's flags leave it out.
      if (e->info.trainable) QCOMPARE(caps & ~gs::kClassConditional, e->info.capabilities);
      else QCOMPARE(caps & ~e->info.capabilities, 0u);  // a module offers part of what the entry lists
      QCOMPARE(bool(caps & gs::kHasStyles), model->styles() != nullptr);
      QCOMPARE(bool(caps & gs::kCanTranslate), model->translator() != nullptr);
      QCOMPARE(bool(caps & gs::kCanScore), model->critic() != nullptr);
      QCOMPARE(bool(caps & gs::kCanLogProb), model->likelihood() != nullptr);
      QCOMPARE(bool(caps & gs::kInvertible), model->flow() != nullptr);
      QCOMPARE(bool(caps & gs::kSamplesPixels), model->pixel_sampler() != nullptr);
      QCOMPARE(bool(caps & gs::kIterative), model->diffusion() != nullptr);
      QCOMPARE(bool(caps & gs::kHasEnergy), model->energy() != nullptr);
      QCOMPARE(bool(caps & gs::kGeneratesText), model->text() != nullptr);
      QCOMPARE(bool(caps & gs::kClassConditional), model->conditional() != nullptr);
    }
  }

  void datasetCatalogKeepsItsOrder() {
    QStringList ids;
    for (const auto& d : gs::dataset_catalog()) ids << QString::fromStdString(d.id);
    QCOMPARE(ids, (QStringList{"fashion-mnist", "folder", "ring8", "grid25", "moons", "spiral", "checkerboard",
                               "gmm1d", "drawn", "edges2fashion", "photo2painting", "folders", "fortunes", "text"}));
    QVERIFY(gs::find_dataset("drawn")->drawable);
    QVERIFY(!gs::find_dataset("nope"));
  }
};

GS_TEST_MAIN(TestModelRegistry)
#include "test_model_registry.moc"
