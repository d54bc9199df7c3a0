// genstudio-cli end to end: train writes metrics.csv / checkpoint / samples.png,
// sample and resume use the checkpoint, and bad input is one line and a
// non-zero exit, never a crash.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include "test_main.h"

namespace {

struct Result {
  int code = -1;
  QString out, err;
  QProcess::ExitStatus status = QProcess::CrashExit;
};

Result cli(const QStringList& args, int timeout_ms = 120000) {
  QProcess p;
  p.start(GENSTUDIO_CLI, args);
  p.waitForFinished(timeout_ms);
  Result r;
  r.code = p.exitCode();
  r.status = p.exitStatus();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

bool hasFashionMnist() { return QFileInfo::exists("/usr/share/datasets/fashion-mnist"); }

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private slots:
  void infoAndModels() {
    Result r = cli({"info"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("LibTorch"));
    QVERIFY(r.out.contains("BLAS kernel"));
    QVERIFY(r.out.contains("intra-op"));
    r = cli({"models"});
    QCOMPARE(r.code, 0);
    for (const char* key : {"vae", "ae", "latent_dim", "beta", "batch_size", "lr", "arch", "fashion-mnist"}) {
      QVERIFY2(r.out.contains(key), key);
    }
  }

  void badInputIsOneLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << "genstudio-cli";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "genstudio-cli";
    QTest::newRow("missing --out") << QStringList{"train", "--steps", "5"} << "--out";
    QTest::newRow("steps not a number") << QStringList{"train", "--steps", "many", "--out", "/tmp/x"} << "genstudio-cli";
    QTest::newRow("unknown model") << QStringList{"train", "--model", "nope", "--steps", "5", "--out", "/tmp/gs-cli-bad"} << "Unknown model";
    QTest::newRow("bad --set") << QStringList{"train", "--set", "lr", "--steps", "5", "--out", "/tmp/gs-cli-bad"} << "key=value";
    QTest::newRow("bad param") << QStringList{"train", "--set", "beta=-1", "--steps", "5", "--out", "/tmp/gs-cli-bad"} << "beta";
    QTest::newRow("missing folder") << QStringList{"train", "--dataset", "folder", "--data-path", "/nonexistent", "--steps", "5", "--out", "/tmp/gs-cli-bad"} << "does not exist";
    QTest::newRow("missing checkpoint") << QStringList{"sample", "--checkpoint", "/nonexistent.gsckpt", "--out", "/tmp/x.png"} << "does not exist";
    QTest::newRow("not a checkpoint") << QStringList{"sample", "--checkpoint", "/etc/hostname", "--out", "/tmp/x.png"} << "not a GenStudio checkpoint";
  }
  void badInputIsOneLine() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Result r = cli(args);
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.code != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    const QStringList lines = r.err.trimmed().split('\n');
    QVERIFY2(lines.size() <= 2, qPrintable(r.err));  // CLI11 usage errors may add a hint line
  }

  void trainsAGanOnTheRing() {
    QTemporaryDir dir;
    Result r = cli({"train", "--model", "gan", "--dataset", "ring8", "--steps", "200", "--log-every", "100",
                    "--set", "latent_dim=2", "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile csv(dir.filePath("metrics.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString header = QString::fromUtf8(csv.readLine()).trimmed();
    QCOMPARE(header, QString("step,seconds,d_loss,g_loss,d_loss_real,d_loss_fake,d_x,d_g_z,gp,modes_covered,hq_percent,kl_density,js_density"));
    QVERIFY(!QImage(dir.filePath("samples.png")).isNull());
  }

  void diffusionSamplers() {
    QTemporaryDir dir;
    Result r = cli({"train", "--model", "ddpm", "--dataset", "ring8", "--steps", "60", "--log-every", "30",
                    "--set", "timesteps=100", "--set", "batch_size=128", "--out", dir.filePath("ddpm")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString ckpt = dir.filePath("ddpm/checkpoint.gsckpt");
    auto sample = [&](const QStringList& extra) {
      return cli(QStringList{"sample", "--checkpoint", ckpt, "--n", "64", "--out", dir.filePath("s.png")} + extra);
    };
    for (const QStringList& ok : {QStringList{"--sampler", "ddim", "--steps", "10"},
                                  QStringList{"--sampler", "ddim", "--steps", "100", "--eta", "1"},
                                  QStringList{"--sampler", "ddpm"}, QStringList{"--sampler", "ddpm", "--steps", "100"}}) {
      QFile::remove(dir.filePath("s.png"));
      r = sample(ok);
      QVERIFY2(r.code == 0, qPrintable(ok.join(' ') + ": " + r.err));
      QVERIFY2(r.err.contains(" in "), qPrintable(r.err));  // the wall time of the reverse process
      QVERIFY(!QImage(dir.filePath("s.png")).isNull());
    }
    const QList<QPair<QStringList, QString>> refused = {
        {{"--sampler", "ddpm", "--steps", "10"}, "every one of the model's 100"},
        {{"--sampler", "ddim", "--steps", "101"}, "between 1 and 100"},
        {{"--sampler", "ddim", "--steps", "-3"}, "positive"},
        {{"--sampler", "ddim", "--eta", "2"}, "between 0"},
        {{"--sampler", "euler"}, "choose ddpm or ddim"},
        {{"--steps", "10"}, "give --sampler"},
    };
    for (const auto& [args, message] : refused) {
      r = sample(args);
      QVERIFY2(r.code != 0 && r.err.contains(message), qPrintable(args.join(' ') + ": " + r.err));
      QVERIFY(r.err.trimmed().split('\n').size() == 1);
    }
    r = cli({"train", "--model", "gan", "--dataset", "ring8", "--steps", "5", "--out", dir.filePath("gan")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({"sample", "--checkpoint", dir.filePath("gan/checkpoint.gsckpt"), "--sampler", "ddim", "--out",
             dir.filePath("g.png")});
    QVERIFY2(r.code != 0 && r.err.contains("not a diffusion model"), qPrintable(r.err));
  }

  void translationModel() {
    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir dir;
    Result r = cli({"train", "--model", "cyclegan", "--dataset", "edges2fashion", "--limit", "64", "--steps", "4",
                    "--log-every", "2", "--set", "ngf=8", "--set", "ndf=8", "--set", "blocks=1", "--set", "batch_size=4",
                    "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QImage in(45, 33, QImage::Format_RGB888);
    in.fill(Qt::gray);
    QVERIFY(in.save(dir.filePath("in.png")));
    r = cli({"translate", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--direction", "BtoA", "--in",
             dir.filePath("in.png"), "--out", dir.filePath("out.png")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QImage(dir.filePath("out.png")).size(), QSize(45, 33));
    r = cli({"translate", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--direction", "sideways", "--in",
             dir.filePath("in.png"), "--out", dir.filePath("x.png")});
    QVERIFY(r.code != 0 && r.err.contains("AtoB or BtoA"));
    r = cli({"translate", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--in", "/etc/hostname", "--out",
             dir.filePath("x.png")});
    QVERIFY(r.code != 0 && r.err.contains("is not a picture GenStudio can read"));
    r = cli({"evaluate", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--pairs", "20"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith("pairs,direction,psnr_db,ssim,identity_psnr_db,identity_ssim"));
    QCOMPARE(r.out.trimmed().split('\n').size(), 3);
  }

  void trainSampleResume() {
    if (!hasFashionMnist()) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir dir;
    const QString out = dir.filePath("run");
    Result r = cli({"train", "--model", "vae", "--dataset", "fashion-mnist", "--steps", "60", "--seed", "3",
                    "--threads", "2", "--limit", "2048", "--set", "latent_dim=2", "--set", "batch_size=64",
                    "--log-every", "10", "--checkpoint-every", "30", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile csv(out + "/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
    // The losses, then the held-out likelihood the VAE reports at an interval.
    QCOMPARE(rows.first(), QString("step,seconds,loss,recon,kl,test_bits_per_dim,test_nats"));
    QCOMPARE(rows.size(), 7);
    QVERIFY(rows.last().startsWith("60,"));
    QVERIFY(QFile::exists(out + "/checkpoint.gsckpt"));
    QVERIFY(QFile::exists(out + "/step-00000030.gsckpt"));
    QImage samples(out + "/samples.png");
    QVERIFY(!samples.isNull());
    QVERIFY(samples.width() > 200);

    r = cli({"sample", "--checkpoint", out + "/checkpoint.gsckpt", "--n", "16", "--seed", "5", "--out", dir.filePath("s.png")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QImage s(dir.filePath("s.png"));
    QCOMPARE(s.width(), 4 * 28 + 5 * 2);

    for (const char* ext : {"png", "gif", "mp4"}) {
      const QString file = dir.filePath(QString("i.%1").arg(ext));
      r = cli({"interpolate", "--checkpoint", out + "/checkpoint.gsckpt", "--from-seed", "1", "--to-seed", "2",
               "--frames", "6", "--mode", "slerp", "--out", file});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY(QFileInfo(file).size() > 0);
    }
    QCOMPARE(QImage(dir.filePath("i.png")).width(), 6 * 28 + 7 * 2);
    r = cli({"interpolate", "--checkpoint", out + "/checkpoint.gsckpt", "--frames", "6", "--mode", "cubic", "--out", dir.filePath("x.gif")});
    QVERIFY(r.code != 0 && r.err.contains("lerp or slerp"));

    r = cli({"train", "--resume", out + "/checkpoint.gsckpt", "--steps", "80", "--log-every", "10", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains("from step 60 to 80"));
    QFile csv2(out + "/metrics.csv");
    QVERIFY(csv2.open(QIODevice::ReadOnly));
    const QStringList rows2 = QString::fromUtf8(csv2.readAll()).trimmed().split('\n');
    QCOMPARE(rows2.size(), 9);
    QVERIFY(rows2.last().startsWith("80,"));
  }
};

GS_TEST_MAIN(TestCli)
#include "test_cli.moc"
