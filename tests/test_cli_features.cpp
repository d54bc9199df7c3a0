// genstudio-cli features the README promises, end to end: `eval` of an RBM by AIS, `sample --truncation`,
// sampling an imported TorchScript generator, `bench-sgemm`, Ctrl-C during
// `train`, folder datasets with --data-path / --image-size / --channels, and
// the BLAS selection and OpenMP wait policy `info` reports (GENSTUDIO_NO_BLAS_TUNING,
// the re-exec, a user's own OMP_WAIT_POLICY).
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cmath>
#include <csignal>

#include "core/common/blas_setup.h"
#include "test_main.h"

namespace {

struct Result {
  int code = -1;
  QString out, err;
  QProcess::ExitStatus status = QProcess::CrashExit;
};

Result cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(GENSTUDIO_CLI, args);
  p.waitForFinished(120000);
  Result r;
  r.code = p.exitCode();
  r.status = p.exitStatus();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

QString line(const QString& text, const QString& key) {
  for (const QString& l : text.split('\n')) {
    if (l.startsWith(key)) return l.mid(key.size()).trimmed();
  }
  return {};
}

}  // namespace

class TestCliFeatures : public QObject {
  Q_OBJECT
 private slots:
  void evalEstimatesAnRbmLogLikelihoodByAis() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir dir;
    Result r = cli({"train", "--model", "rbm", "--limit", "2000", "--steps", "200", "--set", "hidden=32", "--quiet",
                    "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile(dir.filePath("metrics.csv")).open(QIODevice::ReadOnly));
    Result e = cli({"eval", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--ais-runs", "20", "--ais-betas", "300",
                    "--limit", "500"});
    QVERIFY2(e.code == 0, qPrintable(e.err));
    QVERIFY2(e.err.contains("AIS 100%"), qPrintable(e.err));
    const QStringList rows = e.out.trimmed().split('\n');
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows[0].endsWith("test_log_likelihood_nats"));
    const double ll = rows[1].split(',').last().toDouble();
    QVERIFY2(ll < 0 && ll > 784 * -std::log(2.0), qPrintable(rows[1]));  // better than coin flips
    Result bad = cli({"eval", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--ais-betas", "1"});
    QVERIFY(bad.code != 0);
    QVERIFY2(bad.err.contains("temperatures"), qPrintable(bad.err));
  }

  void truncationZeroGivesOneImage() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir dir;
    Result r = cli({"train", "--model", "stylegan", "--dataset", "fashion-mnist", "--limit", "64", "--steps", "2",
                    "--set", "channels=8", "--set", "batch_size=4", "--quiet", "--out", dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto sample = [&](const char* psi, const char* seed) {
      const QString out = dir.filePath(QString("s-%1-%2.png").arg(psi, seed));
      Result s = cli({"sample", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--n", "1", "--seed", seed,
                      "--truncation", psi, "--out", out});
      return s.code == 0 ? QImage(out) : QImage();
    };
    const QImage a0 = sample("0", "1"), b0 = sample("0", "2"), a1 = sample("1", "1"), b1 = sample("1", "2");
    QVERIFY(!a0.isNull() && !a1.isNull());
    QVERIFY2(a0 == b0, "with ψ = 0 every seed must give the mean style's image");
    QVERIFY2(a1 != b1, "with ψ = 1 different seeds must differ");
  }

  void samplesAnImportedTorchScriptGenerator() {
    QTemporaryDir dir;
    const QString module = QString(GENSTUDIO_FIXTURES) + "/generator.pt";
    Result r = cli({"sample", "--checkpoint", module, "--n", "4", "--seed", "1", "--out", dir.filePath("a.png")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({"sample", "--checkpoint", module, "--n", "4", "--seed", "2", "--out", dir.filePath("b.png")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QImage a(dir.filePath("a.png")), b(dir.filePath("b.png"));
    QCOMPARE(a.size(), QSize(2 * 8 + 3 * 2, 2 * 8 + 3 * 2));  // 2×2 tiles of 8×8, 2 px apart
    QVERIFY(a != b);
  }

  void benchSgemmPrintsARate() {
    Result r = cli({"bench-sgemm", "--size", "256", "--seconds", "0.3", "--threads", "1"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QRegularExpressionMatch m = QRegularExpression(R"(([0-9.]+) GFLOP/s)").match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));
    const double gflops = m.captured(1).toDouble();
    QVERIFY2(gflops > 0.5 && gflops < 5000, qPrintable(r.out));  // one core: a few to a few hundred
  }

  void ctrlCStopsCleanlyAndSaves() {
    QTemporaryDir dir;
    QProcess p;
    p.start(GENSTUDIO_CLI, {"train", "--model", "gan", "--dataset", "ring8", "--steps", "10000000", "--log-every",
                            "20", "--threads", "1", "--out", dir.path()});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(dir.filePath("metrics.csv")).size() > 200, 60000);  // rows are coming
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("stopped at step"), qPrintable(err));
    Result s = cli({"sample", "--checkpoint", dir.filePath("checkpoint.gsckpt"), "--out", dir.filePath("s.png")});
    QVERIFY2(s.code == 0, qPrintable(s.err));
    QVERIFY(s.err.contains("(step "));
  }

  void trainsOnAFolderOfImages() {
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("images"));
    for (int i = 0; i < 12; ++i) {
      QImage im(40, 30, QImage::Format_RGB888);
      im.fill(QColor(20 * i, 255 - 20 * i, 100));
      QVERIFY(im.save(dir.filePath(QString("images/%1.png").arg(i))));
    }
    Result r = cli({"train", "--model", "vae", "--dataset", "folder", "--data-path", dir.filePath("images"),
                    "--image-size", "16", "--channels", "3", "--steps", "4", "--log-every", "2", "--set",
                    "batch_size=4", "--out", dir.filePath("run")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("3×16×16"), qPrintable(r.err));
    Result s = cli({"sample", "--checkpoint", dir.filePath("run/checkpoint.gsckpt"), "--n", "4", "--out",
                    dir.filePath("s.png")});
    QVERIFY2(s.code == 0, qPrintable(s.err));
    const QImage grid(dir.filePath("s.png"));
    QCOMPARE(grid.size(), QSize(2 * 16 + 3 * 2, 2 * 16 + 3 * 2));
    QVERIFY(!grid.isGrayscale());
  }

  // The environment a user starts genstudio-cli from: none of what GenStudio itself
  // sets before re-executing (this test binary has already done that for itself).
  static QProcessEnvironment userEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"OPENBLAS_CORETYPE", "OMP_WAIT_POLICY", "GENSTUDIO_BLAS_REEXEC", "GENSTUDIO_CHOSE_CORETYPE",
                             "GOMP_SPINCOUNT", "GENSTUDIO_CHOSE_SPINCOUNT", "GENSTUDIO_NO_BLAS_TUNING"})
      env.remove(name);
    return env;
  }

  void infoReportsTheOpenMpWaitPolicy() {
    QProcessEnvironment env = userEnvironment();
    Result r = cli({"info"}, env);
    QCOMPARE(r.code, 0);
    const QString chosen = QStringLiteral("spin %1 rounds, then sleep (GOMP_SPINCOUNT, set by GenStudio)").arg(gs::kOpenMpSpinCount);
    QCOMPARE(line(r.out, "OpenMP waiting:"), chosen);

    env.insert("OMP_WAIT_POLICY", "PASSIVE");  // a user's own choice is kept, and no spin count added
    r = cli({"info"}, env);
    QCOMPARE(r.code, 0);
    QCOMPARE(line(r.out, "OpenMP waiting:"), QString("OMP_WAIT_POLICY=PASSIVE (from the environment)"));

    env.remove("OMP_WAIT_POLICY");
    env.insert("GOMP_SPINCOUNT", "5");
    r = cli({"info"}, env);
    QCOMPARE(r.code, 0);
    QCOMPARE(line(r.out, "OpenMP waiting:"), QString("spin 5 rounds, then sleep (GOMP_SPINCOUNT, from the environment)"));

    env.remove("GOMP_SPINCOUNT");
    env.insert("GENSTUDIO_NO_BLAS_TUNING", "1");  // only about BLAS kernels; waiting is still set up
    r = cli({"info"}, env);
    QCOMPARE(r.code, 0);
    QCOMPARE(line(r.out, "OpenMP waiting:"), chosen);
  }

  void infoReportsTheBlasSelection() {
    QProcessEnvironment env = userEnvironment();
    env.insert("GENSTUDIO_NO_BLAS_TUNING", "1");
    Result r = cli({"info"}, env);
    QCOMPARE(r.code, 0);
    QCOMPARE(line(r.out, "BLAS selection:"), QString("none (library's own CPU detection)"));
    const QString own_kernel = line(r.out, "BLAS kernel:");
    const bool avx512 = line(r.out, "CPU features:").contains("avx512vl");

    env.remove("GENSTUDIO_NO_BLAS_TUNING");
    env.insert("OPENBLAS_CORETYPE", "Haswell");
    r = cli({"info"}, env);
    QCOMPARE(line(r.out, "BLAS kernel:"), QString("Haswell"));
    QVERIFY2(line(r.out, "BLAS selection:").contains("from the environment"), qPrintable(r.out));

    env.remove("OPENBLAS_CORETYPE");
    r = cli({"info"}, env);
    const QString own_lower = own_kernel.toLower();
    const bool own_is_avx512 = own_lower.contains("skylakex") || own_lower.contains("cooperlake") || own_lower.contains("sapphire");
    if (!avx512) QSKIP("This CPU has no AVX-512, so GenStudio never re-executes to pick other BLAS kernels.");
    if (own_is_avx512) QSKIP("OpenBLAS already picks AVX-512 kernels on this CPU, so GenStudio does not re-execute.");
    QCOMPARE(line(r.out, "BLAS kernel:"), QString("SkylakeX"));
    QVERIFY2(line(r.out, "BLAS selection:").contains("chosen by GenStudio"), qPrintable(r.out));
  }
};

GS_TEST_MAIN(TestCliFeatures)
#include "test_cli_features.moc"
