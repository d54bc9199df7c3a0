// Anomaly scoring: exact AUROC with ties against hand-computed answers, the
// ROC curve's points, ranking and histograms; the one-class training filter
// (and its place in checkpoints); scores in test-set order and the same for a
// folder of the same images, unreadable files named; the test-set bits/dim
// reported while training; `genstudio-cli train --only-class`, `eval` and
// `anomaly` end to end.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <opencv2/imgcodecs.hpp>

#include "core/data/dataset_loader.h"
#include "core/data/one_class_filter.h"
#include "core/explore/anomaly_explorer.h"
#include "core/metrics/anomaly.h"
#include "test_main.h"
#include "test_support.h"

namespace {

bool hasFashionMnist() { return QFileInfo::exists("/usr/share/datasets/fashion-mnist"); }

struct Result {
  int code = -1;
  QString out, err;
};

Result cli(const QStringList& args) {
  QProcess p;
  p.start(GENSTUDIO_CLI, args);
  p.waitForFinished(180000);
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

struct Recorder : gs::TrainObserver {
  std::vector<gs::StepStats> stats;
  void on_stats(const gs::StepStats& s) override { stats.push_back(s); }
};

gs::SessionConfig fashionConfig(const std::string& model, int only_class, long limit) {
  gs::SessionConfig c;
  c.model_id = model;
  c.params = {{"batch_size", "64"}, {"latent_dim", "8"}, {"precision", "fp32"}};
  c.dataset.limit = limit;
  c.dataset.only_class = only_class;
  return c;
}

}  // namespace

class TestAnomaly : public QObject {
  Q_OBJECT
 private slots:
  // Anomalies {3, 2, 2}, normal {2, 1}: of the 6 pairs, 4 are ordered right and
  // 2 tied (½ each): AUROC = 5/6. The curve steps through the distinct scores.
  void aurocKnownAnswers() {
    const gs::RocCurve r = gs::roc_curve({3, 2, 2, 2, 1}, {1, 1, 1, 0, 0});
    QVERIFY(std::abs(r.auroc - 5.0 / 6) < 1e-12);
    QCOMPARE(r.positives, 3);
    QCOMPARE(r.negatives, 2);
    QCOMPARE(r.fpr, (std::vector<double>{0, 0, 0.5, 1}));
    QCOMPARE(r.tpr, (std::vector<double>{0, 1.0 / 3, 1, 1}));
    // Trapezoids under the curve give the same area.
    double area = 0;
    for (size_t i = 1; i < r.fpr.size(); ++i) area += (r.fpr[i] - r.fpr[i - 1]) * (r.tpr[i] + r.tpr[i - 1]) / 2;
    QVERIFY(std::abs(area - r.auroc) < 1e-12);
    QCOMPARE(gs::roc_curve({5, 4, 1, 0}, {1, 1, 0, 0}).auroc, 1.0);
    QCOMPARE(gs::roc_curve({5, 4, 1, 0}, {0, 0, 1, 1}).auroc, 0.0);
    QCOMPARE(gs::roc_curve({7, 7, 7, 7, 7}, {1, 0, 0, 1, 0}).auroc, 0.5);
    const gs::RocCurve tied = gs::roc_curve({7, 7}, {1, 0});
    QCOMPARE(tied.fpr, (std::vector<double>{0, 1}));  // one diagonal segment
    // Order of the input does not matter; ties between anomalies do not either.
    QVERIFY(std::abs(gs::roc_curve({1, 2, 2, 3, 2}, {0, 1, 0, 1, 1}).auroc - 5.0 / 6) < 1e-12);
    // 1 anomaly at 0.4 among normals {0.1, 0.4, 0.9}: beats 1, ties 1, loses 1 → 0.5.
    QCOMPARE(gs::roc_curve({0.1, 0.4, 0.9, 0.4}, {0, 0, 0, 1}).auroc, 0.5);
    QVERIFY(errorOf([] { gs::roc_curve({1, 2}, {0, 0}); }).contains("both normal items and anomalies"));
    QVERIFY(errorOf([] { gs::roc_curve({1, NAN}, {0, 1}); }).contains("finite"));
    QVERIFY(errorOf([] { gs::roc_curve({1}, {0, 1}); }).contains("one label"));
    // Normal class 2; unknown labels (−1) are left out.
    const gs::RocCurve n = gs::roc_for_normal_class({1, 5, 2, 9, 0}, {2, 0, 2, 1, -1}, 2);
    QCOMPARE(n.negatives, 2);
    QCOMPARE(n.positives, 2);
    QCOMPARE(n.auroc, 1.0);
  }

  void rankingAndHistograms() {
    QCOMPARE(gs::rank_by_score({0.3, 0.1, 0.3, -2, 0.1}), (std::vector<int>{3, 1, 4, 0, 2}));
    const gs::ScoreHistograms h = gs::score_histograms({0, 1, 2, 3, 4, 4, 10}, {1, 0, 1, -1, 0, 0, 1}, 5);
    QCOMPARE(h.low, 0.0);
    QCOMPARE(h.high, 10.0);
    QCOMPARE(h.classes, (std::vector<int>{-1, 0, 1}));
    QCOMPARE(h.counts[0], (std::vector<int>{0, 1, 0, 0, 0}));  // 3 → bin 1 of width 2
    QCOMPARE(h.counts[1], (std::vector<int>{1, 0, 2, 0, 0}));  // 1, 4, 4
    QCOMPARE(h.counts[2], (std::vector<int>{1, 1, 0, 0, 1}));  // 0, 2, 10 (the top in the last bin)
    const gs::ScoreHistograms flat = gs::score_histograms({2, 2}, {0, 0}, 3);
    QCOMPARE(flat.counts[0], (std::vector<int>{2, 0, 0}));
  }

  void oneClassFilter() {
    gs::ImageDataset d;
    d.id = "toy";
    d.shape = gs::ImageShape{1, 2, 2};
    d.train_images = torch::arange(5).to(torch::kFloat32).reshape({5, 1, 1, 1}).expand({5, 1, 2, 2}).contiguous();
    d.train_labels = torch::tensor({0, 1, 0, 2, 0}, torch::kInt64);
    d.test_images = torch::zeros({3, 1, 2, 2});
    d.test_labels = torch::tensor({0, 1, 2}, torch::kInt64);
    d.class_names = {"a", "b", "c"};
    gs::ImageDataset keep = d;
    gs::keep_only_class(keep, 0, 2);
    QCOMPARE(keep.train_size(), int64_t(2));
    QCOMPARE(keep.train_images[1][0][0][0].item<float>(), 2.0f);
    QVERIFY((keep.train_labels == 0).all().item<bool>());
    QCOMPARE(keep.test_size(), int64_t(3));  // the test set stays whole
    QVERIFY(errorOf([&] { gs::keep_only_class(d, 3); }).contains("no class 3"));
    gs::ImageDataset unlabelled = d;
    unlabelled.class_names.clear();
    QVERIFY(errorOf([&] { gs::keep_only_class(unlabelled, 0); }).contains("class labels"));
    QCOMPARE(d.train_size(), int64_t(5));  // failures leave the data alone

    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    gs::DatasetSpec spec;
    spec.only_class = 7;
    spec.limit = 300;
    const gs::ImageDataset f = gs::load_dataset(spec);
    QCOMPARE(f.train_size(), int64_t(300));
    QVERIFY((f.train_labels == 7).all().item<bool>());
    QCOMPARE(f.test_size(), int64_t(10000));
    QVERIFY(f.description.find("Sneaker") != std::string::npos);
    // Kept in checkpoints.
    auto session = gs::TrainingSession::create(fashionConfig("ae", 7, 300));
    QTemporaryDir tmp;
    const std::string path = tmp.filePath("one.gsckpt").toStdString();
    session->save(path);
    QCOMPARE(gs::TrainingSession::open(path)->config().dataset.only_class, 7);
    QCOMPARE(gs::AnomalyExplorer(*gs::Explorer::open(path)).trained_class(), 7);
  }

  // Scores come in test-set order: the same images written to a folder score
  // the same (the autoencoder's score is deterministic); unreadable files are
  // skipped and named; the VAE scores by bits/dim and reports test bits/dim
  // while it trains.
  void scoringOrderAndFolders() {
    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir tmp;
    const std::string path = tmp.filePath("ae.gsckpt").toStdString();
    {
      auto s = gs::TrainingSession::create(fashionConfig("ae", -1, 2000));
      gs::TrainControl control;
      Recorder rec;
      gs::RunOptions o;
      o.total_steps = 40;
      o.sample_seconds = 0;
      s->run(o, control, rec);
      QVERIFY(rec.stats.back().metric_names.empty());  // no likelihood, no test bits/dim
      s->save(path);
    }
    auto explorer = gs::Explorer::open(path);
    const gs::AnomalyExplorer anomaly(*explorer);
    const gs::AnomalyScores test = anomaly.score_test_set(300);
    QCOMPARE(test.scores.size(), size_t(300));
    QCOMPARE(test.score_name, std::string("reconstruction MSE"));
    QVERIFY(!test.from_likelihood);
    QCOMPARE(test.class_names.size(), size_t(10));
    QCOMPARE(test.indices[17], 17);
    const std::vector<int> order = gs::rank_by_score(test.scores);
    QVERIFY(test.scores[order.front()] < test.scores[order.back()]);

    QDir dir(tmp.filePath("folder"));
    QVERIFY(dir.mkpath("shoes"));
    for (int i : {5, 42, 199}) {
      const gs::Image img = explorer->dataset_image(i);
      cv::Mat m(img.height, img.width, CV_8UC1, const_cast<uint8_t*>(img.pixels.data()));
      cv::imwrite(dir.filePath(QString("shoes/t%1.png").arg(i, 3, 10, QChar('0'))).toStdString(), m);
    }
    QFile bad(dir.filePath("shoes/broken.png"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not a picture");
    bad.close();
    const gs::AnomalyScores folder = anomaly.score_folder(dir.path().toStdString());
    QCOMPARE(folder.scores.size(), size_t(3));
    QCOMPARE(folder.files[1], std::string("shoes/t042.png"));
    QCOMPARE(folder.warnings.size(), size_t(1));
    QVERIFY(folder.warnings[0].find("shoes/broken.png") != std::string::npos);
    QCOMPARE(folder.images.size(), size_t(3));
    const int idx[] = {5, 42, 199};
    for (int k = 0; k < 3; ++k) {
      QVERIFY2(std::abs(folder.scores[k] - test.scores[idx[k]]) < 1e-4 * test.scores[idx[k]],
               qPrintable(QString("%1 vs %2").arg(folder.scores[k]).arg(test.scores[idx[k]])));
    }
    QVERIFY(errorOf([&] { anomaly.score_folder(tmp.filePath("missing").toStdString()); }).contains("does not exist"));
    QVERIFY(errorOf([&] { anomaly.evaluate_test_likelihood(); }).contains("no likelihood"));

    // The VAE: bits/dim, and the test-set probe during training.
    auto vae = gs::TrainingSession::create(fashionConfig("vae", -1, 2000));
    gs::TrainControl control;
    Recorder rec;
    gs::RunOptions o;
    o.total_steps = 60;
    o.log_every = 20;
    o.sample_seconds = 0;
    vae->run(o, control, rec);
    QVERIFY(!rec.stats.empty());
    const auto& first = rec.stats.front();
    QCOMPARE(first.metric_names, (std::vector<std::string>{"test_bits_per_dim", "test_nats"}));
    QVERIFY(first.metric_values[0] > 0.5 && first.metric_values[0] < 9);
    QVERIFY(std::abs(first.metric_values[0] - gs::nats_to_bits_per_dim(first.metric_values[1], 784)) < 1e-9);
    const std::string vpath = tmp.filePath("vae.gsckpt").toStdString();
    vae->save(vpath);
    auto ve = gs::Explorer::open(vpath);
    const gs::AnomalyScores vs = gs::AnomalyExplorer(*ve).score_test_set(200);
    QVERIFY(vs.from_likelihood && vs.bound);
    QCOMPARE(vs.score_name, std::string("bits/dim"));
    const gs::LikelihoodSummary ls = gs::AnomalyExplorer(*ve).evaluate_test_likelihood("", 200);
    double mean = 0;
    for (double s : vs.scores) mean += s / 200;
    QVERIFY(std::abs(ls.bits_per_dim - mean) < 1e-6);  // the same images, the same seeded ELBO sample
  }

  void cliEndToEnd() {
    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir tmp;
    const QString vae = tmp.filePath("vae"), ae = tmp.filePath("ae");
    Result r = cli({"train", "--model", "vae", "--only-class", "1", "--limit", "1000", "--steps", "60", "--log-every", "20",
                    "--set", "batch_size=64", "--out", vae, "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile metrics(vae + "/metrics.csv");
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    const QString header = QString::fromUtf8(metrics.readLine());
    QVERIFY2(header.contains("test_bits_per_dim"), qPrintable(header));

    r = cli({"eval", "--checkpoint", vae + "/checkpoint.gsckpt", "--limit", "500"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("bits_per_dim") && r.out.contains("upper bound"), qPrintable(r.out));
    const QStringList row = r.out.trimmed().split('\n').last().split(',');
    QCOMPARE(row.size(), 6);
    QCOMPARE(row[2], QString("500"));
    QVERIFY(std::abs(row[4].toDouble() - row[3].toDouble() / (784 * std::log(2.0))) < 1e-3);

    r = cli({"anomaly", "--checkpoint", vae + "/checkpoint.gsckpt", "--limit", "400", "--out", tmp.filePath("a.csv")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("normal class 1 (Trouser): AUROC"), qPrintable(r.out));
    QFile csv(tmp.filePath("a.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 402);  // header, 400 rows, summary
    QCOMPARE(lines[0], QString("index,label,class,score"));
    QVERIFY(lines.last().startsWith("# 400 images"));

    r = cli({"train", "--model", "ae", "--limit", "500", "--steps", "10", "--out", ae, "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({"eval", "--checkpoint", ae + "/checkpoint.gsckpt"});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("has no likelihood") && r.err.trimmed().count('\n') == 0, qPrintable(r.err));
    r = cli({"anomaly", "--checkpoint", ae + "/checkpoint.gsckpt", "--limit", "50", "--normal-class", "3",
             "--out", tmp.filePath("b.csv")});
    QVERIFY2(r.code == 0 && r.out.contains("reconstruction MSE") && r.out.contains("AUROC"), qPrintable(r.out + r.err));

    r = cli({"eval", "--baseline", "--limit", "1000"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const double bpd = r.out.trimmed().split('\n').last().split(',')[4].toDouble();
    QVERIFY2(bpd > 3.5 && bpd < 6, qPrintable(r.out));
    r = cli({"eval", "--baseline", "--pseudo-count", "0"});
    QVERIFY(r.code != 0 && r.err.contains("pseudo-count"));
  }
};

GS_TEST_MAIN(TestAnomaly)
#include "test_anomaly.moc"
