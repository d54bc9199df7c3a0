// TrainingSession + checkpoints: round trip, resume continues exactly, and bad
// files are refused with clear messages.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/model/model_registry.h"
#include "core/train/checkpoint.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::SessionConfig small_config() {
  gs::SessionConfig c;
  c.model_id = "vae";
  c.params = {{"latent_dim", "2"}, {"batch_size", "32"}};
  c.dataset.limit = 256;
  c.seed = 42;
  return c;
}

struct Quiet : gs::TrainObserver {
  std::vector<std::string> checkpoints;
  void on_checkpoint(const std::string& p, long) override { checkpoints.push_back(p); }
};

void train_to(gs::TrainingSession& s, long steps, const std::string& ckpt_dir = {}, long every = 0) {
  gs::RunOptions o;
  o.total_steps = steps;
  o.sample_seconds = 0;
  o.checkpoint_dir = ckpt_dir;
  o.checkpoint_every = every;
  gs::TrainControl control;
  Quiet q;
  s.run(o, control, q);
}


}  // namespace

class TestSession : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
  }

  void roundTripAndExactResume() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("a.gsckpt").toStdString();
    auto a = gs::TrainingSession::create(small_config());
    train_to(*a, 20);
    QCOMPARE(a->step(), 20L);
    a->save(path);

    auto b = gs::TrainingSession::open(path);
    QCOMPARE(b->step(), 20L);
    QCOMPARE(b->config().model_id, std::string("vae"));
    QCOMPARE(b->config().params, a->config().params);
    QCOMPARE(b->config().seed, 42UL);
    QCOMPARE(b->config().dataset.limit, 256L);
    QVERIFY(b->fixed_sample_grid().pixels == a->fixed_sample_grid().pixels);  // same weights

    // Continuing both must give identical weights: optimizer moments, step count
    // and batch order were all restored.
    train_to(*a, 35);
    train_to(*b, 35);
    QCOMPARE(b->step(), 35L);
    QVERIFY(b->fixed_sample_grid().pixels == a->fixed_sample_grid().pixels);
    QVERIFY(!b->reconstruction_grid().empty());
    QVERIFY(b->sample_grid(9, 3).width > 0);
  }

  void automaticCheckpoints() {
    QTemporaryDir dir;
    auto a = gs::TrainingSession::create(small_config());
    train_to(*a, 20, dir.path().toStdString(), 10);
    QVERIFY(QFile::exists(dir.filePath("step-00000010.gsckpt")));
    QVERIFY(QFile::exists(dir.filePath("step-00000020.gsckpt")));
    QCOMPARE(gs::TrainingSession::open(dir.filePath("step-00000010.gsckpt").toStdString())->step(), 10L);
  }

  void refusesBadFiles() {
    QTemporaryDir dir;
    const std::string good = dir.filePath("good.gsckpt").toStdString();
    auto a = gs::TrainingSession::create(small_config());
    train_to(*a, 5);
    a->save(good);
    QFile f(QString::fromStdString(good));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();

    auto write = [&](const QString& name, const QByteArray& data) {
      QFile out(dir.filePath(name));
      out.open(QIODevice::WriteOnly);
      out.write(data);
      return dir.filePath(name).toStdString();
    };
    QString err = errorOf([&] { gs::TrainingSession::open(write("half.gsckpt", bytes.left(bytes.size() / 2))); });
    QVERIFY2(err.contains("damaged"), qPrintable(err));
    err = errorOf([&] { gs::TrainingSession::open(write("text.gsckpt", "hello, I am not a checkpoint")); });
    QVERIFY2(err.contains("not a GenStudio checkpoint"), qPrintable(err));
    err = errorOf([&] { gs::TrainingSession::open(dir.filePath("missing.gsckpt").toStdString()); });
    QVERIFY2(!err.isEmpty(), "a missing file must be refused");

    // A LibTorch archive that is not ours.
    torch::serialize::OutputArchive foreign;
    foreign.write("weight", torch::ones({3}));
    foreign.save_to(dir.filePath("foreign.pt").toStdString());
    err = errorOf([&] { gs::TrainingSession::open(dir.filePath("foreign.pt").toStdString()); });
    QVERIFY2(err.contains("not a GenStudio checkpoint"), qPrintable(err));

    // Metadata that does not match the weights: a latent-2 model's state labelled latent 4.
    gs::CheckpointMetadata meta = gs::read_checkpoint_metadata(good);
    meta.config.params["latent_dim"] = "4";
    meta.latent_dim = 4;
    auto small = gs::create_model("vae", small_config().params, meta.shape);
    const std::string mismatched = dir.filePath("mismatch.gsckpt").toStdString();
    gs::write_checkpoint(mismatched, meta, *small);
    err = errorOf([&] { gs::TrainingSession::open(mismatched); });
    QVERIFY2(err.contains("parameters but this model has"), qPrintable(err));

    // Unknown model and invalid stored parameters.
    gs::CheckpointMetadata unknown = gs::read_checkpoint_metadata(good);
    unknown.config.model_id = "quantum-gan";
    gs::write_checkpoint(dir.filePath("unknown.gsckpt").toStdString(), unknown, *small);
    err = errorOf([&] { gs::TrainingSession::open(dir.filePath("unknown.gsckpt").toStdString()); });
    QVERIFY2(err.contains("does not know"), qPrintable(err));
    gs::CheckpointMetadata invalid = gs::read_checkpoint_metadata(good);
    invalid.config.params["arch"] = "transformer";
    gs::write_checkpoint(dir.filePath("invalid.gsckpt").toStdString(), invalid, *small);
    err = errorOf([&] { gs::TrainingSession::open(dir.filePath("invalid.gsckpt").toStdString()); });
    QVERIFY2(err.contains("does not match"), qPrintable(err));

    // The good file and the session that wrote it are untouched by all this.
    QCOMPARE(gs::TrainingSession::open(good)->step(), 5L);
    QCOMPARE(a->step(), 5L);
  }

  void saveFailureKeepsTheOldFile() {
    QTemporaryDir dir;
    auto a = gs::TrainingSession::create(small_config());
    // A path whose parent is a regular file cannot be created, even by root.
    QFile blocker(dir.filePath("plain-file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString err = errorOf([&] { a->save(dir.filePath("plain-file/x.gsckpt").toStdString()); });
    QVERIFY2(err.contains("Could not write"), qPrintable(err));

    const std::string path = dir.filePath("keep.gsckpt").toStdString();
    a->save(path);
    const std::vector<uint8_t> old_pixels = a->fixed_sample_grid().pixels;
    train_to(*a, 3);
    QVERIFY(a->fixed_sample_grid().pixels != old_pixels);  // the new save would differ

    // The disk "fills up" once the temporary file is complete, just before it
    // replaces the old one (the fault seam of atomic_file.h).
    qint64 tmp_size = -1;
    gs::set_atomic_write_fault([&](const std::string& tmp) {
      tmp_size = QFileInfo(QString::fromStdString(tmp)).size();
      throw gs::Error("Could not write '" + tmp + "': No space left on device.");
    });
    err = errorOf([&] { a->save(path); });
    gs::set_atomic_write_fault({});
    QVERIFY2(err.contains("No space left on device"), qPrintable(err));
    QVERIFY2(tmp_size > 1000, "the fault must strike after the new checkpoint was written");

    // The old file is intact and readable; no temporary file is left behind.
    auto old = gs::TrainingSession::open(path);
    QCOMPARE(old->step(), 0L);
    QVERIFY(old->fixed_sample_grid().pixels == old_pixels);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{"keep.gsckpt", "plain-file"}));

    // Without the fault the same save replaces it.
    a->save(path);
    QCOMPARE(gs::TrainingSession::open(path)->step(), 3L);
  }

  void rejectsInvalidConfigs() {
    gs::SessionConfig c = small_config();
    c.params["batch_size"] = "-3";
    QVERIFY(errorOf([&] { gs::TrainingSession::create(c); }).contains("batch_size"));
    c = small_config();
    c.model_id = "nope";
    QVERIFY(errorOf([&] { gs::TrainingSession::create(c); }).contains("Unknown model"));
    c = small_config();
    c.dataset.id = "folder";
    c.dataset.path = "/nonexistent";
    QVERIFY(errorOf([&] { gs::TrainingSession::create(c); }).contains("does not exist"));
  }
};

GS_TEST_MAIN(TestSession)
#include "test_session.moc"
