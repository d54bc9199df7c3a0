// GAN losses on hand-made inputs, the WGAN-GP penalty against finite
// differences, mode-coverage metrics on constructed sets, and a few training
// steps of each GAN on 2-D points and on images.
#include "core/common/error.h"
#include "core/data/toy_distributions.h"
#include "core/metrics/mode_coverage.h"
#include "core/model/model_registry.h"
#include "core/models/gan/gan_losses.h"
#include "core/train/batch_sampler.h"
#include "test_main.h"

namespace {

double sp(double x) { return std::log1p(std::exp(x)); }  // softplus
double sig(double x) { return 1 / (1 + std::exp(-x)); }

}  // namespace

class TestGan : public QObject {
  Q_OBJECT
 private slots:
  void lossesOnHandMadeInputs_data() {
    QTest::addColumn<QString>("loss");
    QTest::addColumn<double>("smoothing");
    QTest::addColumn<double>("expectD");
    QTest::addColumn<double>("expectG");
    // d_real = {2, -1}, d_fake = {0.5, -3}
    const double r1 = 2, r2 = -1, f1 = 0.5, f2 = -3;
    const double bce_d = 0.5 * (-std::log(sig(r1)) - std::log(sig(r2))) + 0.5 * (-std::log(1 - sig(f1)) - std::log(1 - sig(f2)));
    QTest::newRow("minimax") << "minimax" << 0.0 << bce_d << 0.5 * (std::log(1 - sig(f1)) + std::log(1 - sig(f2)));
    QTest::newRow("nonsaturating") << "nonsaturating" << 0.0 << bce_d << 0.5 * (-std::log(sig(f1)) - std::log(sig(f2)));
    const double t = 0.9;
    const double smooth_d = 0.5 * (t * sp(-r1) + (1 - t) * sp(r1) + t * sp(-r2) + (1 - t) * sp(r2)) + 0.5 * (sp(f1) + sp(f2));
    QTest::newRow("nonsaturating smoothed") << "nonsaturating" << 0.1 << smooth_d << 0.5 * (sp(-f1) + sp(-f2));
    QTest::newRow("lsgan") << "lsgan" << 0.0
                           << 0.5 * 0.5 * ((r1 - 1) * (r1 - 1) + (r2 - 1) * (r2 - 1)) + 0.5 * 0.5 * (f1 * f1 + f2 * f2)
                           << 0.5 * 0.5 * ((f1 - 1) * (f1 - 1) + (f2 - 1) * (f2 - 1));
    QTest::newRow("hinge") << "hinge" << 0.0
                           << 0.5 * (std::max(0.0, 1 - r1) + std::max(0.0, 1 - r2)) + 0.5 * (std::max(0.0, 1 + f1) + std::max(0.0, 1 + f2))
                           << -0.5 * (f1 + f2);
    QTest::newRow("wgan-gp") << "wgan-gp" << 0.0 << 0.5 * (f1 + f2) - 0.5 * (r1 + r2) << -0.5 * (f1 + f2);
  }
  void lossesOnHandMadeInputs() {
    QFETCH(QString, loss);
    QFETCH(double, smoothing);
    QFETCH(double, expectD);
    QFETCH(double, expectG);
    const gs::GanLoss l = gs::parse_gan_loss(loss.toStdString());
    torch::Tensor d_real = torch::tensor({2.0, -1.0}, torch::kDouble);
    torch::Tensor d_fake = torch::tensor({0.5, -3.0}, torch::kDouble);
    gs::DiscriminatorLoss d = gs::discriminator_loss(l, d_real, d_fake, smoothing);
    QVERIFY2(std::abs(d.total.item<double>() - expectD) < 1e-9,
             qPrintable(QString("D %1 vs %2").arg(d.total.item<double>()).arg(expectD)));
    QVERIFY(std::abs(d.real_part.item<double>() + d.fake_part.item<double>() - expectD) < 1e-9);
    const double g = gs::generator_loss(l, d_fake).item<double>();
    QVERIFY2(std::abs(g - expectG) < 1e-9, qPrintable(QString("G %1 vs %2").arg(g).arg(expectG)));
  }

  void unknownLossIsRefused() { QVERIFY_THROWS_EXCEPTION(gs::Error, gs::parse_gan_loss("wasserstein")); }

  void gradientPenaltyMatchesFiniteDifferences() {
    // critic(x) = sum(w · tanh(A x)) per sample: a smooth non-linear function.
    torch::manual_seed(7);
    torch::Tensor A = torch::randn({3, 2}, torch::kDouble), w = torch::randn({3}, torch::kDouble);
    auto critic = [&](const torch::Tensor& x) { return torch::tanh(x.matmul(A.t())).matmul(w); };
    torch::Tensor real = torch::randn({4, 2}, torch::kDouble), fake = torch::randn({4, 2}, torch::kDouble);
    torch::Tensor eps = torch::rand({4}, torch::kDouble);
    const double gp = gs::gradient_penalty(critic, real, fake, eps).item<double>();
    // Reference: central differences of the critic at each interpolate.
    double expected = 0;
    const double h = 1e-6;
    for (int i = 0; i < 4; ++i) {
      const double e = eps[i].item<double>();
      torch::Tensor xh = e * real[i] + (1 - e) * fake[i];
      double norm2 = 0;
      for (int k = 0; k < 2; ++k) {
        torch::Tensor up = xh.clone(), dn = xh.clone();
        up[k] += h;
        dn[k] -= h;
        const double g = (critic(up.unsqueeze(0)).item<double>() - critic(dn.unsqueeze(0)).item<double>()) / (2 * h);
        norm2 += g * g;
      }
      expected += std::pow(std::sqrt(norm2) - 1, 2) / 4;
    }
    QVERIFY2(std::abs(gp - expected) < 1e-6, qPrintable(QString("%1 vs %2").arg(gp).arg(expected)));
  }

  void modeCoverageOnConstructedSets() {
    const std::vector<std::vector<float>> modes = {{0, 0}, {2, 0}, {0, 2}};
    // 3 samples on mode 0 (one of them 2σ off), 1 sample 2.5σ off mode 1, 2 samples far away.
    torch::Tensor s = torch::tensor({{0.0f, 0.0f}, {0.04f, 0.0f}, {0.0f, -0.01f}, {2.05f, 0.0f}, {1.0f, 1.0f}, {5.0f, 5.0f}});
    gs::ModeCoverage mc = gs::mode_coverage(s, modes, 0.02);
    QCOMPARE(mc.modes_total, 3);
    QCOMPARE(mc.modes_covered, 2);
    QVERIFY(std::abs(mc.hq_percent - 100.0 * 4 / 6) < 1e-9);
    // All samples on one mode: one mode covered, 100 % high quality (a collapsed GAN).
    gs::ModeCoverage collapsed = gs::mode_coverage(torch::zeros({50, 2}), modes, 0.02);
    QCOMPARE(collapsed.modes_covered, 1);
    QCOMPARE(collapsed.hq_percent, 100.0);
    // The true ring distribution covers all 8 modes with ~99.7 % high quality (3σ).
    gs::ImageDataset ring = gs::make_toy_distribution("ring8", 5000, 1);
    gs::ModeCoverage truth = gs::mode_coverage(ring.train_images, ring.modes, ring.mode_std);
    QCOMPARE(truth.modes_covered, 8);
    QVERIFY(truth.hq_percent > 97);
  }

  void divergenceIsSmallForSameAndLargeForDifferent() {
    gs::ImageDataset grid = gs::make_toy_distribution("grid25", 20000, 1);
    gs::ImageDataset other = gs::make_toy_distribution("grid25", 20000, 2);
    gs::ImageDataset ring = gs::make_toy_distribution("ring8", 20000, 1);
    const gs::Divergence same = gs::histogram_divergence(grid.train_images, other.train_images, -5, 5);
    const gs::Divergence diff = gs::histogram_divergence(grid.train_images, ring.train_images, -5, 5);
    QVERIFY2(same.js < 0.05, qPrintable(QString::number(same.js)));
    QVERIFY(diff.js > 0.4);
    QVERIFY(diff.js <= std::log(2.0) + 1e-9);
    QVERIFY(diff.kl > same.kl);
  }

  void toyDistributionsHaveTheirShapes() {
    for (const char* id : {"ring8", "grid25", "moons", "spiral", "checkerboard", "gmm1d"}) {
      gs::ImageDataset d = gs::make_toy_distribution(id, 500, 3);
      QVERIFY(d.shape.points);
      QCOMPARE(d.train_images.size(0), int64_t(500));
      QCOMPARE(d.train_images.size(1), std::string(id) == "gmm1d" ? int64_t(1) : int64_t(2));
      QVERIFY(torch::isfinite(d.train_images).all().item<bool>());
    }
    gs::ImageDataset drawn = gs::make_toy_distribution("drawn", 300, 1, {1.0f, 1.0f, -1.0f, 0.5f});
    QVERIFY(std::abs(drawn.train_images.select(1, 0).abs().mean().item<float>() - 1.0f) < 0.1f);
    QVERIFY_THROWS_EXCEPTION(gs::Error, gs::make_toy_distribution("drawn", 300, 1, {}));
  }

  void trainsOnPointsAndImages_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("loss");
    QTest::addColumn<bool>("points");
    for (const char* l : {"minimax", "nonsaturating", "lsgan", "hinge", "wgan-gp"}) {
      QTest::newRow(qPrintable(QString("gan points %1").arg(l))) << "gan" << l << true;
    }
    QTest::newRow("gan images") << "gan" << "nonsaturating" << false;
    QTest::newRow("dcgan images") << "dcgan" << "nonsaturating" << false;
    QTest::newRow("dcgan images wgan-gp") << "dcgan" << "wgan-gp" << false;
  }
  void trainsOnPointsAndImages() {
    QFETCH(QString, model);
    QFETCH(QString, loss);
    QFETCH(bool, points);
    torch::manual_seed(1);
    gs::ImageShape shape = points ? gs::ImageShape{2, 1, 1, true} : gs::ImageShape{1, 28, 28};
    auto m = gs::create_model(model.toStdString(), {{"loss", loss.toStdString()}, {"latent_dim", "8"}, {"batch_size", "16"}}, shape);
    torch::Tensor data = points ? gs::make_toy_distribution("ring8", 256, 1).train_images : torch::rand({64, 1, 28, 28});
    gs::BatchSampler sampler(data, 16, 1);
    for (int step = 0; step < 6; ++step) {
      torch::Tensor l = m->train_step(sampler.batch(step));
      QCOMPARE(l.numel(), int64_t(m->loss_names().size()));
      QVERIFY2(torch::isfinite(l).all().item<bool>(), "losses must stay finite");
    }
    m->train_step_part(sampler.batch(7), gs::TrainPart::DiscriminatorOnly);
    m->train_step_part(sampler.batch(8), gs::TrainPart::GeneratorOnly);
    torch::NoGradGuard ng;
    torch::Tensor x = m->decode(torch::randn({5, 8}));
    QCOMPARE(x.size(0), int64_t(5));
    if (!points) QVERIFY(x.min().item<float>() >= 0 && x.max().item<float>() <= 1);
    QCOMPARE(m->critic()->score(data.narrow(0, 0, 3)).numel(), int64_t(3));
  }

  void generatorPushPointsUphillOfTheCritic() {
    auto m = gs::create_model("gan", {{"loss", "wgan-gp"}}, gs::ImageShape{2, 1, 1, true});
    torch::Tensor x = torch::randn({10, 2});
    torch::Tensor push = m->critic()->generator_push(x);
    // For the WGAN generator loss −D(x), the push is +∇D: a small step along it raises D.
    torch::NoGradGuard ng;
    const double before = m->critic()->score(x).sum().item<double>();
    const double after = m->critic()->score(x + 1e-3 * push).sum().item<double>();
    QVERIFY(after > before);
  }

  void pacganPacking() {
    QVERIFY_THROWS_EXCEPTION(gs::Error, gs::create_model("gan", {{"pack", "3"}, {"batch_size", "64"}}, gs::ImageShape{2, 1, 1, true}));
    for (const char* model : {"gan", "dcgan"}) {
      const bool points = std::string(model) == "gan";
      gs::ImageShape shape = points ? gs::ImageShape{2, 1, 1, true} : gs::ImageShape{1, 28, 28};
      auto m = gs::create_model(model, {{"pack", "4"}, {"batch_size", "16"}, {"latent_dim", "4"}}, shape);
      torch::Tensor data = points ? torch::randn({64, 2}) : torch::rand({64, 1, 28, 28});
      gs::BatchSampler sampler(data, 16, 1);
      for (int step = 0; step < 3; ++step) QVERIFY(torch::isfinite(m->train_step(sampler.batch(step))).all().item<bool>());
      QCOMPARE(m->critic()->score(data.narrow(0, 0, 5)).numel(), int64_t(5));  // one score per point, not per pack
    }
  }

  void liveParameterChanges() {
    auto m = gs::create_model("gan", {}, gs::ImageShape{2, 1, 1, true});
    QVERIFY(m->set_live_param("lr_d", "0.001"));
    QVERIFY(m->set_live_param("loss", "hinge"));
    QVERIFY(m->set_live_param("n_critic", "3"));
    QVERIFY(!m->set_live_param("width", "64"));  // needs a rebuild
  }
};

GS_TEST_MAIN(TestGan)
#include "test_gan.moc"
