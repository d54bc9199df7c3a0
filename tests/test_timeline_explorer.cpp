// The checkpoint timeline's frames (core/explore/timeline_explorer.h): the same
// fixed view rendered at two checkpoints of one run — identical when rendered
// twice, different after training — for a point model and a text model; a
// model without pictures is refused with a sentence.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "core/explore/explorer.h"
#include "core/explore/timeline_explorer.h"
#include "core/model/model_catalog.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

// Checkpoints of `config` at step 0 and at `steps` in `dir`.
std::pair<std::string, std::string> twoCheckpoints(const QTemporaryDir& dir, const gs::SessionConfig& config,
                                                   long steps) {
  auto session = gs::TrainingSession::create(config);
  const std::string a = dir.filePath("a.gsckpt").toStdString(), b = dir.filePath("b.gsckpt").toStdString();
  session->save(a);
  gs::RunOptions o;
  o.total_steps = steps;
  o.log_every = 10;
  o.sample_seconds = 0;
  o.threads = 1;
  gs::TrainControl control;
  gs::TrainObserver quiet;
  session->run(o, control, quiet);
  session->save(b);
  return {a, b};
}

gs::TimelineFrame frameOf(const std::string& path) {
  return gs::render_timeline_frame(*gs::Explorer::open(path));
}

}  // namespace

class TestTimelineExplorer : public QObject {
  Q_OBJECT
 private slots:
  void pointModel() {
    QTemporaryDir dir;
    gs::SessionConfig c;
    c.model_id = "gan";
    c.dataset.id = "ring8";
    c.dataset.limit = 1024;
    const auto [a, b] = twoCheckpoints(dir, c, 120);
    const gs::TimelineFrame first = frameOf(a), again = frameOf(a), last = frameOf(b);
    QCOMPARE(first.step, 0L);
    QCOMPARE(last.step, 120L);
    QVERIFY(!first.image.empty());
    QVERIFY(first.text.empty());
    QVERIFY(first.image.pixels == again.image.pixels);  // the fixed batch: the same picture
    QCOMPARE(first.image.width, last.image.width);
    QVERIFY(first.image.pixels != last.image.pixels);   // the weights changed it
  }

  void textModel() {
    QTemporaryDir dir;
    {
      std::ofstream out(dir.filePath("t.txt").toStdString());
      for (int i = 0; i < 400; ++i) out << "The cat sees the moon. A dog finds some bread. ";
    }
    gs::SessionConfig c;
    c.model_id = "chargpt";
    c.dataset.id = "text";
    c.dataset.path = dir.filePath("t.txt").toStdString();
    c.params = {{"layers", "1"}, {"heads", "2"}, {"width", "32"}, {"context", "16"}, {"batch_size", "16"},
                {"lr", "0.003"}, {"warmup", "5"}, {"decay_steps", "0"}};
    const auto [a, b] = twoCheckpoints(dir, c, 60);
    const gs::TimelineFrame first = frameOf(a), again = frameOf(a), last = frameOf(b);
    QVERIFY(first.image.empty());
    QVERIFY(QString::fromStdString(first.text).startsWith("The "));
    QCOMPARE(first.text, again.text);  // the fixed prompt and seed
    QVERIFY(first.text != last.text);
  }

  void modelWithoutPictures() {
    const gs::ModelInfo* ae = gs::find_model("ae");
    QVERIFY(ae);
    QVERIFY(!gs::timeline_supported(ae->capabilities));
    QVERIFY(gs::timeline_supported(gs::find_model("vae")->capabilities));
    QVERIFY(gs::timeline_supported(gs::find_model("cyclegan")->capabilities));
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir dir;
    gs::SessionConfig c;
    c.model_id = "ae";
    c.dataset.limit = 64;
    c.params = {{"latent_dim", "2"}};
    auto session = gs::TrainingSession::create(c);
    session->save(dir.filePath("ae.gsckpt").toStdString());
    const QString message = errorOf([&] { frameOf(dir.filePath("ae.gsckpt").toStdString()); });
    QVERIFY2(message.contains("cannot sample, translate or write text"), qPrintable(message));
  }
};

GS_TEST_MAIN(TestTimelineExplorer)
#include "test_timeline_explorer.moc"
