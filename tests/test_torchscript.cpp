// Bring your own model: TorchScript fixtures (tests/fixtures, made by
// make_torchscript_fixtures.py with python3-torch) import as a generator and a
// translator; mismatched modules are refused with the expected message.
#include <QTemporaryDir>

#include "core/explore/explorer.h"
#include "core/model/capabilities.h"
#include "test_main.h"
#include "test_support.h"

namespace {

std::string fixture(const char* name) { return std::string(GENSTUDIO_FIXTURES) + "/" + name; }

}  // namespace

class TestTorchScript : public QObject {
  Q_OBJECT
 private slots:
  void importsAGenerator() {
    auto e = gs::Explorer::open(fixture("generator.pt"));  // sidecar found by open()
    QVERIFY(e->capabilities() & gs::kCanDecode);
    QCOMPARE(e->latent_dim(), 4);
    const gs::Latent a = e->random_latent(1), b = e->random_latent(2);
    const gs::Image img = e->decode(a);
    QCOMPARE(img.width, 8);
    QCOMPARE(img.channels, 1);
    QCOMPARE(e->interpolate({a, b}, 5, true).size(), size_t(5));
    QVERIFY(errorOf([&] { e->encode(img); }).contains("cannot encode"));
  }

  void importsATranslatorWithAGivenDescriptor() {
    gs::TorchScriptDescriptor d;
    d.kind = "translator";
    d.height = 16;
    d.width = 16;
    d.channels = 3;
    d.range_min = 0;
    d.range_max = 1;
    auto e = gs::Explorer::open_torchscript(fixture("translator.pt"), &d);
    QVERIFY(e->capabilities() & gs::kCanTranslate);
    gs::Image in{37, 21, 3, std::vector<uint8_t>(37 * 21 * 3, 200)};
    const gs::Image out = e->translate(in, true);
    QCOMPARE(out.width, 37);  // fully convolutional: any size
    QCOMPARE(out.height, 21);
    QVERIFY(errorOf([&] { e->translate(in, false); }).contains("only maps A→B"));
  }

  void refusesMismatchedModules_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("wrong shape") << "wrong_shape.pt" << "returns 2×1×6×6 but the descriptor promises 2×1×8×8";
    QTest::newRow("wrong range") << "wrong_range.pt" << "outside the descriptor's range";
    QTest::newRow("not torchscript") << "generator.pt.json" << "not a TorchScript module";
  }
  void refusesMismatchedModules() {
    QFETCH(QString, file);
    QFETCH(QString, message);
    gs::TorchScriptDescriptor d;
    d.latent_dim = 4;
    d.height = d.width = 8;
    const QString err = errorOf([&] { gs::Explorer::open_torchscript(fixture(qPrintable(file)), &d); });
    QVERIFY2(err.contains(message), qPrintable(err));
  }

  void refusesBadDescriptors() {
    gs::TorchScriptDescriptor d;
    d.latent_dim = 0;
    d.height = d.width = 8;
    QVERIFY(errorOf([&] { gs::Explorer::open_torchscript(fixture("generator.pt"), &d); }).contains("latent_dim"));
    d.latent_dim = 3;  // the module takes 4
    QVERIFY(errorOf([&] { gs::Explorer::open_torchscript(fixture("generator.pt"), &d); }).contains("failed on a test input"));
    QTemporaryDir dir;
    QVERIFY(errorOf([&] { gs::Explorer::open_torchscript(dir.filePath("none.pt").toStdString()); }).contains("no descriptor"));
  }
};

GS_TEST_MAIN(TestTorchScript)
#include "test_torchscript.moc"
