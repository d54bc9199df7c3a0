// test_install: `cmake --install` into a temporary prefix gives a GenStudio that
// works from there — the installed CLI reports its version, finds the shipped
// classifier under PREFIX/share/genstudio/models (not the source tree), trains a
// tiny model; the .desktop entry passes desktop-file-validate; the icon, the
// MIME types (checked by building a MIME database from them) and the man pages
// are installed.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include "test_main.h"

namespace {

struct Result {
  int code = -1;
  QString out, err;
};

Result run(const QString& program, const QStringList& args, int timeout_ms = 240000) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForStarted(20000)) return {-2, {}, program + " did not start"};
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished();
    return {-3, {}, program + " timed out"};
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

QString readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestInstall : public QObject {
  Q_OBJECT
  QTemporaryDir prefix_;
  QString p(const QString& rel) const { return prefix_.filePath(rel); }

 private slots:
  void initTestCase() {
    QVERIFY(prefix_.isValid());
    const Result r = run(GENSTUDIO_CMAKE, {"--install", GENSTUDIO_BUILD_DIR, "--prefix", prefix_.path()});
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
  }

  void executablesAndModels() {
    QVERIFY(QFileInfo(p("bin/genstudio-cli")).isExecutable());
    QVERIFY(QFileInfo(p("bin/genstudio")).isExecutable());
    QVERIFY(QFileInfo::exists(p("share/genstudio/models/fashion-classifier.gsclf")));
    QVERIFY(QFileInfo::exists(p("share/genstudio/models/stylegan-fashion.gsckpt")));
    QVERIFY(QFileInfo::exists(p("share/genstudio/models/README.md")));
    if (QFileInfo::exists(QStringLiteral(GENSTUDIO_SOURCE_DIR "/resources/lessons")))
      QVERIFY(!QDir(p("share/genstudio/lessons")).isEmpty());
  }

  void installedCliRuns() {
    Result r = run(p("bin/genstudio-cli"), {"--version"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(GENSTUDIO_VERSION), qPrintable(r.out));
    r = run(p("bin/genstudio-cli"), {"info"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("LibTorch"));
    // The installed copy of the classifier, found relative to the executable.
    const QString classifier = QFileInfo(p("share/genstudio/models/fashion-classifier.gsclf")).canonicalFilePath();
    const QString line = r.out.section("Quality classifier: ", 1).section('\n', 0, 0);
    QVERIFY2(QFileInfo(line).canonicalFilePath() == classifier, qPrintable(r.out));

    // A short train of a tiny model on a toy 2-D dataset (no data package needed).
    QTemporaryDir out;
    r = run(p("bin/genstudio-cli"), {"train", "--model", "gan", "--dataset", "ring8", "--steps", "20", "--threads",
                                     "1", "--quiet", "--out", out.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFileInfo(out.filePath("checkpoint.gsckpt")).size() > 0);
    QVERIFY(readAll(out.filePath("metrics.csv")).count('\n') >= 2);
    r = run(p("bin/genstudio-cli"), {"models"});
    QCOMPARE(r.code, 0);
  }

  void installedStudioAnswersVersion() {
    QProcess studio;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir config;
    env.insert("XDG_CONFIG_HOME", config.path());
    studio.setProcessEnvironment(env);
    studio.start(p("bin/genstudio"), {"--version"});
    QVERIFY(studio.waitForFinished(60000));
    QCOMPARE(studio.exitCode(), 0);
    QVERIFY(QString::fromUtf8(studio.readAllStandardOutput()).contains(GENSTUDIO_VERSION));
  }

  void desktopEntryValidates() {
    const QString desktop = p("share/applications/genstudio.desktop");
    QVERIFY(QFileInfo::exists(desktop));
    const Result r = run("desktop-file-validate", {desktop});
    QVERIFY2(r.code != -2, "desktop-file-validate is missing (package desktop-file-utils, scripts/setup.sh)");
    // Hints (three main categories, as asked: Education, Science, Graphics) are fine; errors and warnings not.
    QVERIFY2(r.code == 0 && !r.out.contains("error:") && !r.out.contains("warning:"), qPrintable(r.out + r.err));
    const QString text = readAll(desktop);
    QVERIFY(text.contains("Exec=genstudio %f"));
    QVERIFY(text.contains("application/x-genstudio-checkpoint;application/x-genstudio-session;"));
    QVERIFY(QFileInfo::exists(p("share/icons/hicolor/scalable/apps/genstudio.svg")));
    QVERIFY(QFileInfo::exists(p("share/icons/hicolor/256x256/apps/genstudio.png")));
  }

  void mimeTypesInstalled() {
    const QString xml = p("share/mime/packages/genstudio.xml");
    QVERIFY(QFileInfo::exists(xml));
    // Build a MIME database from the installed package alone: its globs must come out.
    const Result r = run("update-mime-database", {p("share/mime")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString globs = readAll(p("share/mime/globs2"));
    QVERIFY2(globs.contains("application/x-genstudio-checkpoint:*.gsckpt"), qPrintable(globs));
    QVERIFY2(globs.contains("application/x-genstudio-session:*.gssession"), qPrintable(globs));
  }

  void manPagesInstalled() {
    for (const char* page : {"genstudio", "genstudio-cli"}) {
      const QString text = readAll(p(QStringLiteral("share/man/man1/%1.1").arg(page)));
      QVERIFY2(text.contains(QStringLiteral(".TH %1 \"1\"").arg(QString(page).toUpper())), qPrintable(text.left(400)));
      QVERIFY2(text.contains(QStringLiteral(".SH NAME\n%1 \\-").arg(page)),
               qPrintable(text.left(400)));
      QVERIFY2(text.contains(GENSTUDIO_VERSION), page);
    }
    // Generated from --help: the options are in them.
    QVERIFY(readAll(p("share/man/man1/genstudio-cli.1")).contains("checkpoint"));
    QVERIFY(readAll(p("share/man/man1/genstudio.1")).contains("explore"));
  }
};

GS_TEST_MAIN(TestInstall)
#include "test_install.moc"
