// Quality metrics: FID of a set against itself ≈ 0 and growing with noise; KID
// unbiased on a toy case (unlike the biased estimator); precision/recall on
// separated Gaussians and identical sets; the boundary F-measure on hand-made
// edge maps (exact, shifted by 1 px and 3 px, empty, a thick band matched one
// to one); the shipped classifier: ≥ 90 % test accuracy, a uniform class
// histogram of the test set, and a sentence for damaged or foreign files.
#include <ATen/Parallel.h>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "core/data/fashion_mnist.h"
#include "core/explore/quality_explorer.h"
#include "core/metrics/boundary_f.h"
#include "core/metrics/fashion_classifier.h"
#include "core/metrics/frechet_distance.h"
#include "core/metrics/kernel_distance.h"
#include "core/metrics/precision_recall.h"
#include "test_main.h"
#include "test_support.h"

namespace {

bool hasFashionMnist() { return QFileInfo::exists("/usr/share/datasets/fashion-mnist"); }

// A 28×28 map with the outline of the square [top, bottom] × [left, right], shifted by (dy, dx).
torch::Tensor square(int dy, int dx) {
  torch::Tensor m = torch::zeros({1, 1, 28, 28});
  auto a = m.accessor<float, 4>();
  const int top = 6 + dy, bottom = 20 + dy, left = 6 + dx, right = 20 + dx;
  for (int c = left; c <= right; ++c) a[0][0][top][c] = a[0][0][bottom][c] = 1;
  for (int r = top; r <= bottom; ++r) a[0][0][r][left] = a[0][0][r][right] = 1;
  return m;
}

}  // namespace

class TestQualityMetrics : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    torch::manual_seed(7);
    at::set_num_threads(1);  // two shared cores: OpenMP threads only wait on each other here
  }

  void fidSelfIsZeroAndGrowsWithNoise() {
    const torch::Tensor a = torch::randn({1000, 16}) * torch::linspace(0.5, 2, 16) + 3;
    QVERIFY(gs::frechet_distance(a, a) < 1e-6);
    // Fewer samples than dimensions: the covariance is singular and the distance stays finite.
    const torch::Tensor few = torch::randn({10, 32});
    QVERIFY(std::isfinite(gs::frechet_distance(few, few)) && gs::frechet_distance(few, few) < 1e-6);
    double last = 0;
    for (double noise : {0.05, 0.2, 0.5, 1.0}) {
      const double d = gs::frechet_distance(a, a + noise * torch::randn_like(a));
      QVERIFY2(d > last, qPrintable(QString("noise %1 gave FID %2 after %3").arg(noise).arg(d).arg(last)));
      last = d;
    }
    // Two Gaussians with known parameters: means 0 and 1 per dim, covariances I and 4I
    // → ‖μ‖² + tr(I + 4I − 2·2I) = 8 + 8 = 16 in 8-D.
    gs::GaussianFit p{torch::zeros({8}, torch::kFloat64), torch::eye(8, torch::kFloat64)};
    gs::GaussianFit q{torch::ones({8}, torch::kFloat64), 4 * torch::eye(8, torch::kFloat64)};
    QVERIFY(std::abs(gs::frechet_distance(p, q) - 16) < 1e-9);
    QVERIFY(errorOf([] { gs::frechet_distance(torch::randn({5, 3}), torch::randn({5, 4})); }).contains("widths"));
  }

  void kidIsUnbiased() {
    // Many pairs of small sets from one distribution: the unbiased estimate averages to 0,
    // the biased one (diagonal included) stays clearly positive.
    const int draws = 300;
    std::vector<double> u, b;
    for (int i = 0; i < draws; ++i) {
      const torch::Tensor x = torch::randn({20, 8}), y = torch::randn({20, 8});
      u.push_back(gs::mmd2_unbiased(x, y));
      b.push_back(gs::mmd2_biased(x, y));
    }
    auto mean_se = [](const std::vector<double>& v) {
      double m = 0, s = 0;
      for (double d : v) m += d;
      m /= v.size();
      for (double d : v) s += (d - m) * (d - m);
      return std::make_pair(m, std::sqrt(s / (v.size() - 1) / v.size()));
    };
    const auto [mu, seu] = mean_se(u);
    const auto [mb, seb] = mean_se(b);
    QVERIFY2(std::abs(mu) < 3 * seu, qPrintable(QString("unbiased mean %1 ± %2").arg(mu).arg(seu)));
    QVERIFY2(mb > 10 * seb, qPrintable(QString("biased mean %1 ± %2").arg(mb).arg(seb)));
    // Different distributions: clearly positive.
    const gs::KidResult far = gs::kernel_inception_distance(torch::randn({400, 8}), torch::randn({400, 8}) + 1, 10);
    QVERIFY(far.mean > 20 * std::max(far.stddev / std::sqrt(10.0), 1e-6));
    QCOMPARE(far.subset_size, int64_t(200));
    QVERIFY(far.stddev > 0);
    QVERIFY(errorOf([] { gs::kernel_inception_distance(torch::randn({5, 2}), torch::randn({5, 2}), 2, 9); })
                .contains("subset size"));
  }

  void precisionRecall() {
    const torch::Tensor real = torch::randn({500, 16});
    const gs::PrecisionRecall same = gs::precision_recall(real, real.clone());
    QCOMPARE(same.precision, 1.0);
    QCOMPARE(same.recall, 1.0);
    const gs::PrecisionRecall apart = gs::precision_recall(real, torch::randn({500, 16}) + 10);
    QVERIFY(apart.precision < 0.01 && apart.recall < 0.01);
    // Same distribution, fresh draws: high but below 1.
    const gs::PrecisionRecall fresh = gs::precision_recall(real, torch::randn({500, 16}));
    QVERIFY2(fresh.precision > 0.5 && fresh.recall > 0.5, qPrintable(QString::number(fresh.precision)));
    // A collapsed model (all samples near one real point): realistic but covers nothing.
    const gs::PrecisionRecall collapsed = gs::precision_recall(real, real[0].expand({500, 16}) + 0.001 * torch::randn({500, 16}));
    QVERIFY(collapsed.precision > 0.99 && collapsed.recall < 0.05);
    QVERIFY(errorOf([] { gs::precision_recall(torch::randn({3, 2}), torch::randn({9, 2})); }).contains("more than 3"));
  }

  void boundaryF() {
    const torch::Tensor truth = square(0, 0);
    QCOMPARE(gs::boundary_f_measure(truth, truth).f, 1.0);
    const gs::BoundaryF one = gs::boundary_f_measure(square(1, 1), truth);
    QCOMPARE(one.f, 1.0);
    QCOMPARE(gs::boundary_f_measure(square(0, 1), truth).f, 1.0);
    const gs::BoundaryF three = gs::boundary_f_measure(square(3, 3), truth);
    // Only the pixels near the two crossings of the shifted outline with the true one match.
    QVERIFY2(three.f < 0.2, qPrintable(QString::number(three.f)));
    // Vertical stripes 8 px apart moved sideways by 3 px: no true pixel within 2 px.
    torch::Tensor stripes = torch::zeros({1, 1, 28, 28});
    stripes.index_put_({0, 0, torch::indexing::Slice(), torch::indexing::Slice(2, 24, 8)}, 1);
    QCOMPARE(gs::boundary_f_measure(stripes.roll(3, 3), stripes).f, 0.0);
    QCOMPARE(gs::boundary_f_measure(stripes.roll(1, 3), stripes).f, 1.0);
    QCOMPARE(gs::boundary_f_measure(stripes.roll(2, 3), stripes).f, 1.0);
    QCOMPARE(gs::boundary_f_measure(square(3, 0).mul(0), truth).f, 0.0);  // empty prediction
    // A band three pixels thick around each true edge: one to one, so only a third is matched.
    torch::Tensor thick = (truth + square(1, 0) + square(-1, 0) + square(0, 1) + square(0, -1)).clamp(0, 1);
    const gs::BoundaryF band = gs::boundary_f_measure(thick, truth);
    QCOMPARE(band.recall, 1.0);
    QVERIFY2(band.precision < 0.45, qPrintable(QString::number(band.precision)));
    // Soft maps: the best threshold is found (values 0.3 on the edges, 0.1 elsewhere).
    const gs::BoundaryF soft = gs::boundary_f_measure(truth * 0.2 + 0.1, truth);
    QCOMPARE(soft.f, 1.0);
    QVERIFY(soft.threshold > 0.1 && soft.threshold <= 0.3);
    // Counts: one match within tolerance, one pixel too far.
    const uint8_t p[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0}, t[9] = {0, 0, 0, 0, 0, 1, 0, 0, 0};
    QCOMPARE(gs::match_boundaries(p, t, 3, 3, 2.0).matched, int64_t(0));  // distance √5 > 2
    QCOMPARE(gs::match_boundaries(p, t, 3, 3, 2.5).matched, int64_t(1));
    QVERIFY(errorOf([&] { gs::boundary_f_measure(truth, torch::zeros({1, 1, 27, 28})); }).contains("same"));
  }

  void shippedClassifier() {
    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    const std::string path = gs::find_shipped_classifier();
    QVERIFY2(!path.empty(), "models/fashion-classifier.gsclf not found");
    const gs::FashionClassifier c = gs::FashionClassifier::load(path);
    QCOMPARE(QString::fromStdString(c.info().architecture), QString(gs::FashionClassifier::kArchitecture));
    QVERIFY(c.info().command.find("train-classifier") != std::string::npos);
    const gs::ImageDataset data = gs::load_fashion_mnist("", 10);
    const double acc = c.accuracy(data.test_images, data.test_labels);
    qInfo("shipped classifier: test accuracy %.4f (metadata %.4f)", acc, c.info().test_accuracy);
    QVERIFY(acc >= 0.90);
    QVERIFY(std::abs(acc - c.info().test_accuracy) < 1e-6);
    torch::Tensor features, classes;
    c.features_and_classes(data.test_images, &features, &classes);
    QCOMPARE(features.size(1), int64_t(gs::FashionClassifier::kFeatureDim));
    const torch::Tensor share = torch::bincount(classes, {}, 10).to(torch::kFloat64) / classes.numel();
    for (int k = 0; k < 10; ++k) {
      QVERIFY2(std::abs(share[k].item<double>() - 0.1) <= 0.02,
               qPrintable(QString("class %1: %2").arg(k).arg(share[k].item<double>())));
    }
    QVERIFY(errorOf([&] { c.features(torch::zeros({2, 3, 28, 28})); }).contains("1×28×28"));
  }

  void damagedAndForeignFiles() {
    QTemporaryDir dir;
    const std::string damaged = (dir.path() + "/damaged.gsclf").toStdString();
    QFile f(QString::fromStdString(damaged));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not an archive at all");
    f.close();
    QVERIFY(errorOf([&] { gs::FashionClassifier::load(damaged); }).contains("damaged or not a GenStudio classifier"));
    const std::string foreign = (dir.path() + "/foreign.pt").toStdString();
    torch::serialize::OutputArchive a;
    a.write("weights", torch::ones({3}));
    a.save_to(foreign);
    QVERIFY(errorOf([&] { gs::FashionClassifier::load(foreign); }).contains("not a GenStudio classifier"));
    QVERIFY(errorOf([&] { gs::FashionClassifier::load(damaged + ".missing"); }).contains("does not exist"));
    // A round trip keeps weights and metadata.
    gs::FashionClassifier fresh;
    fresh.info().test_accuracy = 0.5;
    fresh.info().command = "test";
    const std::string ok = (dir.path() + "/ok.gsclf").toStdString();
    fresh.save(ok);
    const gs::FashionClassifier back = gs::FashionClassifier::load(ok);
    QCOMPARE(back.info().test_accuracy, 0.5);
    const torch::Tensor x = torch::rand({4, 1, 28, 28});
    QVERIFY(torch::allclose(fresh.logits(x), back.logits(x)));
  }
};

GS_TEST_MAIN(TestQualityMetrics)
#include "test_quality_metrics.moc"
