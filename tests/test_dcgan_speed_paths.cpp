// The DCGAN step's faster paths (issue 18, "Speed"): the oneDNN transposed
// convolution gives ConvTranspose2d's outputs and gradients (first and second
// order) on the same weights, falls back where it cannot serve, and keeps the
// checkpoint's parameter names; DCGAN's training step draws one noise batch (the
// fake batch is reused for G), the MLP GAN two.
#include "core/model/model_registry.h"
#include "core/models/gan/fast_conv_transpose.h"
#include "test_main.h"

namespace nn = torch::nn;

namespace {

double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestDcganSpeedPaths : public QObject {
  Q_OBJECT
 private slots:
  void matchesConvTranspose_data() {
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::addColumn<int>("side");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("padding");
    QTest::addColumn<int>("outputPadding");
    QTest::addColumn<bool>("bias");
    QTest::newRow("dcgan first 128→64, 7→14") << 128 << 64 << 7 << 4 << 2 << 1 << 0 << false;
    QTest::newRow("dcgan last 64→1, 14→28") << 64 << 1 << 14 << 4 << 2 << 1 << 0 << true;
    QTest::newRow("stride 1, kernel 3") << 5 << 7 << 6 << 3 << 1 << 1 << 0 << true;
    QTest::newRow("output padding (fallback)") << 4 << 3 << 5 << 3 << 2 << 1 << 1 << true;
  }
  void matchesConvTranspose() {
    QFETCH(int, in);
    QFETCH(int, out);
    QFETCH(int, side);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, padding);
    QFETCH(int, outputPadding);
    QFETCH(bool, bias);
    const auto options =
        nn::ConvTranspose2dOptions(in, out, kernel).stride(stride).padding(padding).output_padding(outputPadding).bias(bias);
    torch::manual_seed(3);
    nn::ConvTranspose2d reference(options);
    torch::manual_seed(3);
    gs::FastConvTranspose2d fast(options);
    // The same initialisation from the same random stream, the same parameter names.
    QCOMPARE(max_diff(fast->weight, reference->weight), 0.0);
    QCOMPARE(fast->named_parameters().keys(), reference->named_parameters().keys());

    const torch::Tensor x = torch::randn({3, in, side, side});
    const torch::Tensor xr = x.clone().requires_grad_(true), xf = x.clone().requires_grad_(true);
    const torch::Tensor yr = reference->forward(xr), yf = fast->forward(xf);
    QCOMPARE(yf.sizes(), yr.sizes());
    QVERIFY2(max_diff(yf, yr) < 1e-4, qPrintable(QString::number(max_diff(yf, yr))));
    const torch::Tensor g = torch::randn_like(yr);
    // Second order too (create_graph), as an R1-style penalty through G would need.
    auto gr = torch::autograd::grad({yr}, {xr, reference->weight}, {g}, true, true);
    auto gf = torch::autograd::grad({yf}, {xf, fast->weight}, {g}, true, true);
    const double scale = gr[1].abs().max().item<double>() + 1;
    QVERIFY2(max_diff(gf[0], gr[0]) < 1e-4 * scale, qPrintable(QString::number(max_diff(gf[0], gr[0]))));
    QVERIFY2(max_diff(gf[1], gr[1]) < 1e-4 * scale, qPrintable(QString::number(max_diff(gf[1], gr[1]))));
    const torch::Tensor hr = torch::autograd::grad({gr[0].pow(2).sum()}, {reference->weight})[0];
    const torch::Tensor hf = torch::autograd::grad({gf[0].pow(2).sum()}, {fast->weight})[0];
    const double hscale = hr.abs().max().item<double>() + 1;
    QVERIFY2(max_diff(hf, hr) < 1e-4 * hscale, qPrintable(QString::number(max_diff(hf, hr))));
    if (bias) {
      const torch::Tensor br = torch::autograd::grad({(yr * g).sum()}, {reference->bias})[0];
      const torch::Tensor bf = torch::autograd::grad({(yf * g).sum()}, {fast->bias})[0];
      QVERIFY(max_diff(bf, br) < 1e-3);
    }
  }

  // One noise draw per DCGAN step: after a step, the random stream is where one
  // randn(B, latent) leaves it. The MLP GAN draws a second batch for G.
  void dcganReusesTheFakeBatch_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("draws");
    QTest::newRow("dcgan") << "dcgan" << 1;
    QTest::newRow("gan (mlp)") << "gan" << 2;
  }
  void dcganReusesTheFakeBatch() {
    QFETCH(QString, model);
    QFETCH(int, draws);
    const int64_t b = 8, z = 16;
    auto m = gs::create_model(model.toStdString(), {{"latent_dim", std::to_string(z)}, {"batch_size", "8"}},
                              gs::ImageShape{1, 28, 28});
    const torch::Tensor batch = torch::rand({b, 1, 28, 28});
    for (int step = 0; step < 3; ++step) {
      torch::manual_seed(11);
      const torch::Tensor losses = m->train_step(batch);
      QVERIFY(torch::isfinite(losses).all().item<bool>());
      const torch::Tensor after = torch::randn({4});
      torch::manual_seed(11);
      for (int i = 0; i < draws; ++i) (void)torch::randn({b, z});
      QCOMPARE(max_diff(after, torch::randn({4})), 0.0);
    }
  }
};

GS_TEST_MAIN(TestDcganSpeedPaths)
#include "test_dcgan_speed_paths.moc"
