// Defaults by kind of data: the kind of each catalog dataset, per-kind
// overrides merged under given values (given > kind > spec), every model's
// overrides valid for every kind, and the training session resolving a
// model's defaults for its dataset's kind.
#include "core/common/error.h"
#include "core/model/data_kind.h"
#include "core/model/generative_model.h"
#include "core/model/model_catalog.h"
#include "core/model/model_defaults.h"
#include "core/train/training_session.h"
#include "test_main.h"

namespace {

const gs::ParamSpec& spec(const std::vector<gs::ParamSpec>& specs, const std::string& key) {
  for (const auto& s : specs) {
    if (s.key == key) return s;
  }
  throw gs::Error("no spec " + key);
}

QString errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const gs::Error& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class TestModelDefaults : public QObject {
  Q_OBJECT
 private slots:
  void kindOfEachDataset() {
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("fashion-mnist")), gs::DataKind::Gray);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("folder"), 1), gs::DataKind::Gray);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("folder"), 3), gs::DataKind::Rgb);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("ring8")), gs::DataKind::Points);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("gmm1d")), gs::DataKind::Points);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("edges2fashion")), gs::DataKind::Domains);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("photo2painting"), 3), gs::DataKind::Domains);
    QCOMPARE(gs::data_kind_of(*gs::find_dataset("fortunes")), gs::DataKind::Text);
    // Loaded data (a checkpoint's shape) give the same kinds.
    QCOMPARE(gs::data_kind_of(gs::ImageShape{2, 1, 1, true}), gs::DataKind::Points);
    QCOMPARE(gs::data_kind_of(gs::ImageShape{1, 28, 28}), gs::DataKind::Gray);
    QCOMPARE(gs::data_kind_of(gs::ImageShape{3, 32, 32}), gs::DataKind::Rgb);
    gs::ImageShape domains{1, 28, 28};
    domains.domains = 2;
    QCOMPARE(gs::data_kind_of(domains), gs::DataKind::Domains);
  }

  void kindIdsRoundTrip() {
    for (gs::DataKind k : gs::data_kinds()) {
      QCOMPARE(gs::parse_data_kind(gs::data_kind_id(k)), k);
      QVERIFY(!gs::data_kind_label(k).empty());
    }
    QVERIFY(errorOf([] { gs::parse_data_kind("video"); }).contains("points"));
  }

  // Given values beat the kind's overrides, which beat the specs' defaults.
  void givenBeatsKindBeatsSpec() {
    const gs::ModelInfo& gan = gs::require_model("gan");
    const gs::ParamValues& points = gs::kind_overrides(gan, gs::DataKind::Points);
    QVERIFY(points.count("batch_size"));
    const std::string image_batch = spec(gan.params, "batch_size").default_value;
    const std::string point_batch = spec(gs::params_for(gan, gs::DataKind::Points), "batch_size").default_value;
    QVERIFY(point_batch != image_batch);
    QCOMPARE(gs::resolve_model_params(gan, gs::DataKind::Points, {}).at("batch_size"), point_batch);
    QCOMPARE(gs::resolve_model_params(gan, gs::DataKind::Gray, {}).at("batch_size"), image_batch);
    QCOMPARE(gs::resolve_model_params(gan, gs::DataKind::Points, {{"batch_size", "32"}}).at("batch_size"),
             std::string("32"));
    // A kind without overrides keeps the specs as they are.
    QVERIFY(gs::kind_overrides(gan, gs::DataKind::Text).empty());
    QCOMPARE(gs::params_for(gan, gs::DataKind::Text).size(), gan.params.size());
  }

  // Every registered model resolves every kind from its defaults alone, and its
  // overrides name its own keys with values inside their ranges.
  void everyOverrideIsValid() {
    for (const gs::ModelInfo& m : gs::registered_models()) {
      for (const auto& [kind, values] : m.kind_defaults) {
        for (const auto& [key, value] : values) {
          bool known = false;
          for (const auto& s : m.params) known = known || s.key == key;
          QVERIFY2(known, qPrintable(QString::fromStdString(m.id + ": " + key)));
        }
      }
      for (gs::DataKind k : gs::data_kinds()) gs::resolve_model_params(m, k, {});
    }
  }

  void badOverrideIsASentence() {
    gs::ModelInfo m = gs::require_model("vae");
    m.kind_defaults[gs::DataKind::Points] = {{"no_such_key", "3"}};
    QVERIFY(errorOf([&] { gs::params_for(m, gs::DataKind::Points); }).contains("does not have ('no_such_key')"));
    m.kind_defaults[gs::DataKind::Points] = {{"batch_size", "0"}};
    QVERIFY(errorOf([&] { gs::params_for(m, gs::DataKind::Points); }).contains("between 1 and"));
  }

  // What a person changed, compared after normalising ("1e-4" is "0.0001").
  void changedFromDefaults() {
    const gs::ModelInfo& gan = gs::require_model("gan");
    gs::ParamValues all = gs::resolve_model_params(gan, gs::DataKind::Points, {});
    QVERIFY(gs::changed_from_defaults(gan, gs::DataKind::Points, all).empty());
    const double lr = std::stod(all.at("lr_g"));
    all["lr_g"] = QString::number(lr, 'e', 3).toStdString();  // the same number, written differently
    all["width"] = "17";
    const gs::ParamValues changed = gs::changed_from_defaults(gan, gs::DataKind::Points, all);
    QCOMPARE(changed.size(), size_t(1));
    QCOMPARE(changed.at("width"), std::string("17"));
    // Against the image defaults, the point defaults are changes.
    QVERIFY(gs::changed_from_defaults(gan, gs::DataKind::Gray, all).count("batch_size"));
  }

  // The session resolves the defaults for its dataset's kind (the CLI's path).
  void sessionUsesTheKindsDefaults() {
    gs::SessionConfig c;
    c.model_id = "gan";
    c.dataset.id = "ring8";
    c.dataset.limit = 512;
    auto s = gs::TrainingSession::create(c);
    const gs::ModelInfo& gan = gs::require_model("gan");
    QCOMPARE(s->config().params, gs::resolve_model_params(gan, gs::DataKind::Points, {}));
    // Reopened from a snapshot, the values stay those of the run.
    auto copy = gs::TrainingSession::open_snapshot(s->snapshot());
    QCOMPARE(copy->config().params, s->config().params);
  }
};

GS_TEST_MAIN(TestModelDefaults)
#include "test_model_defaults.moc"
