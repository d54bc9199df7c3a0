// evaluate_quality end to end on tiny models: a briefly trained VAE gets FID,
// KID, precision and recall with their real-vs-real references, the class
// histogram and its ELBO and parts (summing to the test NLL bound); a 2-D GAN
// lists FID as not applicable and gets modes covered beside the real draws'
// value; cancelling stops early; a tiny CycleGAN on the garment-edges task gets
// the boundary F-measure beside the identity baseline; `genstudio-cli eval
// --quality` and `evaluate` print them.
#include <ATen/Parallel.h>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include "core/explore/explorer.h"
#include "core/explore/quality_explorer.h"
#include "core/train/train_control.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

bool hasFashionMnist() { return QFileInfo::exists("/usr/share/datasets/fashion-mnist"); }

void train(gs::TrainingSession& s, long steps) {
  gs::RunOptions o;
  o.total_steps = steps;
  o.sample_seconds = 0;
  o.threads = 1;
  gs::TrainControl control;
  gs::TrainObserver quiet;
  s.run(o, control, quiet);
}

std::unique_ptr<gs::Explorer> trained(const gs::SessionConfig& c, long steps) {
  auto s = gs::TrainingSession::create(c);
  train(*s, steps);
  return gs::Explorer::from_snapshot(s->snapshot());
}

bool mentions(const std::vector<std::string>& v, const std::string& word) {
  for (const auto& s : v)
    if (s.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

class TestQualityEval : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    at::set_num_threads(1);  // two cores shared: OpenMP threads only wait on each other here

  }

  void vaeReport() {
    QVERIFY2(!gs::find_shipped_classifier().empty(), "models/fashion-classifier.gsclf not found");
    gs::SessionConfig c;
    c.model_id = "vae";
    c.params = {{"batch_size", "64"}, {"latent_dim", "8"}};
    c.dataset.limit = 2000;
    auto ex = trained(c, 150);
    gs::QualityOptions o;
    o.samples = 400;
    std::vector<std::string> stages;
    const gs::QualityReport r = gs::evaluate_quality(*ex, o, [&](double f, const std::string& s) {
      if (stages.empty() || stages.back() != s) stages.push_back(s);
      return f >= 0 && f <= 1;
    });
    QVERIFY(!r.cancelled);
    QCOMPARE(r.samples, 400);
    for (const char* key : {"fid", "kid", "precision", "recall"}) {
      const gs::QualityMetric* m = r.find(key);
      QVERIFY2(m, key);
      QVERIFY2(std::isfinite(m->value) && std::isfinite(m->reference), key);
      qInfo("%s %.4g (real vs real %.4g)", key, m->value, m->reference);
    }
    // A 150-step VAE is far from the data; real against real is close.
    QVERIFY(r.find("fid")->value > r.find("fid")->reference);
    QVERIFY(r.find("kid")->value > r.find("kid")->reference);
    QVERIFY(r.find("precision")->reference > 0.5 && r.find("recall")->reference > 0.5);
    QVERIFY(QString::fromStdString(r.find("fid")->label).contains("GenStudio classifier"));
    QCOMPARE(r.class_histogram.size(), size_t(10));
    double sum = 0;
    for (double h : r.class_histogram) sum += h;
    QVERIFY(std::abs(sum - 1) < 1e-9);
    for (const char* key : {"elbo", "elbo_reconstruction", "elbo_kl", "bits_per_dim", "nll_nats", "reconstruction_mse"}) {
      QVERIFY2(r.find(key), key);
    }
    const double parts = r.find("elbo_reconstruction")->value + r.find("elbo_kl")->value;
    QVERIFY(std::abs(-r.find("elbo")->value - parts) < 1e-6 * std::abs(parts));
    QVERIFY2(std::abs(parts - r.find("nll_nats")->value) < 1e-3 * parts,
             qPrintable(QString("%1 vs %2").arg(parts).arg(r.find("nll_nats")->value)));
    QVERIFY(r.find("elbo_kl")->value > 0);
    QVERIFY(std::find(stages.begin(), stages.end(), "sampling") != stages.end());
    QVERIFY(std::find(stages.begin(), stages.end(), "FID") != stages.end());
    // Cancelled at the features: what was done comes back, flagged.
    const gs::QualityReport cut = gs::evaluate_quality(*ex, o, [](double, const std::string& s) { return s != "features"; });
    QVERIFY(cut.cancelled);
    QVERIFY(!cut.find("fid"));
    // Bad counts and classifier files get a sentence.
    o.samples = 5;
    QVERIFY(errorOf([&] { gs::evaluate_quality(*ex, o); }).contains("between 10 and 50,000"));
    o.samples = 100;
    o.classifier_path = "/nonexistent/classifier.gsclf";
    QVERIFY(errorOf([&] { gs::evaluate_quality(*ex, o); }).contains("does not exist"));
  }

  void pointGanReport() {
    gs::SessionConfig c;
    c.model_id = "gan";
    c.dataset.id = "ring8";
    auto ex = trained(c, 200);
    gs::QualityOptions o;
    o.samples = 500;
    const gs::QualityReport r = gs::evaluate_quality(*ex, o);
    QVERIFY(!r.find("fid"));
    QVERIFY(mentions(r.not_applicable, "FID"));
    QVERIFY(mentions(r.not_applicable, "no likelihood"));
    const gs::QualityMetric* modes = r.find("modes_covered");
    QVERIFY(modes);
    QCOMPARE(modes->reference, 8.0);  // fresh draws of the ring cover every mode
    QVERIFY(modes->value >= 0 && modes->value <= 8);
    QVERIFY(r.find("hq_percent")->reference > 95);
    QVERIFY(r.find("js_density") && r.find("kl_density"));
    QVERIFY(r.find("js_density")->reference < r.find("js_density")->value);
  }

  void cycleganBoundaryF() {
    gs::SessionConfig c;
    c.model_id = "cyclegan";
    c.params = {{"ngf", "8"}, {"ndf", "8"}, {"blocks", "1"}, {"batch_size", "4"}};
    c.dataset.id = "edges2fashion";
    c.dataset.limit = 200;
    auto ex = trained(c, 20);
    QVERIFY(gs::edge_boundaries_apply(*ex));
    const gs::EdgeBoundaryScores s = gs::evaluate_edge_boundaries(*ex, 200);
    QCOMPARE(s.pairs, 200);
    QVERIFY(s.f >= 0 && s.f <= 1);
    qInfo("20-step CycleGAN: boundary F %.3f, identity baseline %.3f", s.f, s.identity_f);
    // The identity baseline depends on the data alone (the first 200 test pairs): a thresholded
    // garment lies within 2 px of many of its Canny edges on a 28×28 image.
    QVERIFY(s.identity_f > 0.3 && s.identity_f < 0.8);
    QVERIFY(s.identity_precision > 0 && s.identity_recall > 0);
    gs::QualityOptions o;
    o.samples = 200;
    const gs::QualityReport r = gs::evaluate_quality(*ex, o);
    QVERIFY(r.find("boundary_f") && r.find("boundary_f_identity") && r.find("psnr_ba"));
    QCOMPARE(r.find("boundary_f_identity")->value, s.identity_f);
    QVERIFY(mentions(r.not_applicable, "does not draw samples"));
  }

  void cli() {
    QTemporaryDir dir;
    const QString ckpt = dir.filePath("vae.gsckpt");
    {
      gs::SessionConfig c;
      c.model_id = "vae";
      c.params = {{"batch_size", "64"}, {"latent_dim", "8"}};
      c.dataset.limit = 1000;
      auto s = gs::TrainingSession::create(c);
      train(*s, 30);
      s->save(ckpt.toStdString());
    }
    QProcess p;
    p.start(GENSTUDIO_CLI, {"eval", "--quality", "--checkpoint", ckpt, "--samples", "200"});
    QVERIFY(p.waitForFinished(240000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
    for (const char* word : {"fid", "kid", "precision", "recall", "real vs real", "class histogram", "elbo", "Trouser"}) {
      QVERIFY2(out.contains(word), qPrintable(out));
    }
    p.start(GENSTUDIO_CLI, {"eval", "--quality", "--checkpoint", ckpt, "--samples", "3"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--samples must be between"));
    p.start(GENSTUDIO_CLI, {"train-classifier", "--out", dir.filePath("c.gsclf"), "--epochs", "0"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--epochs must be between"));
  }
};

GS_TEST_MAIN(TestQualityEval)
#include "test_quality_eval.moc"
