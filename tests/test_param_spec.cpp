// Parameter specs: defaults, validation messages, the catalog's contents.
#include "core/common/error.h"
#include "core/model/model_catalog.h"
#include "core/model/param_spec.h"
#include "test_main.h"

class TestParamSpec : public QObject {
  Q_OBJECT
 private slots:
  void fillsDefaults() {
    const auto& vae = gs::require_model("vae");
    gs::ParamValues v = gs::resolve_params(vae.params, {{"latent_dim", "2"}});
    QCOMPARE(QString::fromStdString(v.at("latent_dim")), QString("2"));
    QCOMPARE(QString::fromStdString(v.at("hidden1")), QString("512"));
    QCOMPARE(QString::fromStdString(v.at("hidden2")), QString("256"));
    QCOMPARE(QString::fromStdString(v.at("arch")), QString("mlp"));
    QCOMPARE(gs::param_real(v, "lr"), 1e-3);
    QCOMPARE(gs::param_int(v, "batch_size"), 128L);
  }

  void rejects_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << "latnet_dim" << "2" << "Unknown parameter 'latnet_dim'";
    QTest::newRow("not a number") << "lr" << "fast" << "must be a number";
    QTest::newRow("fraction for int") << "batch_size" << "12.5" << "whole number";
    QTest::newRow("out of range") << "batch_size" << "0" << "between 1 and 4096";
    QTest::newRow("bad choice") << "arch" << "rnn" << "one of mlp, conv";
    QTest::newRow("nan") << "beta" << "nan" << "must be a number";
  }
  void rejects() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    QString err;
    try {
      gs::resolve_params(gs::require_model("vae").params, {{key.toStdString(), value.toStdString()}});
    } catch (const gs::Error& e) {
      err = e.what();
    }
    QVERIFY2(err.contains(message), qPrintable(err));
  }

  void catalogHasTheFoundationModels() {
    QVERIFY(gs::find_model("vae"));
    QVERIFY(gs::find_model("ae"));
    QVERIFY(!gs::find_model("nope"));
    QVERIFY(gs::find_model("vae")->capabilities & gs::kCanSample);
    QVERIFY(!(gs::find_model("ae")->capabilities & gs::kCanSample));
    QVERIFY(gs::find_dataset("fashion-mnist"));
    QVERIFY(gs::find_dataset("folder")->needs_path);
    for (const auto& m : gs::model_catalog()) {
      QVERIFY(!m.loss_names.empty());
      for (const auto& p : m.params) {
        QVERIFY2(!p.help.empty(), p.key.c_str());
        gs::resolve_params({p}, {});  // every default is valid
      }
    }
  }

  void parsesAssignments() {
    auto kv = gs::parse_assignment("lr=0.01");
    QCOMPARE(QString::fromStdString(kv.first), QString("lr"));
    QCOMPARE(QString::fromStdString(kv.second), QString("0.01"));
    QVERIFY_THROWS_EXCEPTION(gs::Error, gs::parse_assignment("lr"));
  }
};

GS_TEST_MAIN(TestParamSpec)
#include "test_param_spec.moc"
