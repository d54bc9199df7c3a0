// Bring your own model: TorchScript fixtures (tests/fixtures, made by
// make_torchscript_fixtures.py with python3-torch) import as a generator and a
// translator; mismatched modules are refused with the expected message.
#include <QTemporaryDir>
#include <torch/script.h>

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

  // The decoded image is the module's own output mapped from the descriptor's
  // range [−1, 1] to [0, 1], pixel by pixel (8-bit rounding aside).
  void decodedPixelsAreTheModulesOutput() {
    auto e = gs::Explorer::open(fixture("generator.pt"));
    torch::jit::script::Module module = torch::jit::load(fixture("generator.pt"));
    module.eval();
    for (unsigned long seed : {1UL, 7UL}) {
      const gs::Latent z = e->random_latent(seed);
      const gs::Image img = e->decode(z);
      torch::NoGradGuard ng;
      const torch::Tensor out = module.forward({torch::tensor(z).reshape({1, 4})}).toTensor();
      QCOMPARE(out.sizes(), (torch::IntArrayRef{1, 1, 8, 8}));
      const torch::Tensor want = ((out + 1) / 2).clamp(0, 1).mul(255).reshape({-1});
      QCOMPARE(img.pixels.size(), size_t(64));
      double max_diff = 0;
      for (int i = 0; i < 64; ++i) max_diff = std::max(max_diff, std::abs(img.pixels[i] - want[i].item<double>()));
      QVERIFY2(max_diff <= 0.5 + 1e-3, qPrintable(QString("seed %1: max pixel difference %2").arg(seed).arg(max_diff)));
      QVERIFY(want.max().item<double>() - want.min().item<double>() > 10);  // not a flat image
    }
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
