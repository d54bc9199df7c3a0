// A full disk while training: the automatic checkpoints fail with a sentence,
// training runs on to its target, and the previous checkpoint stays valid.
// Two ways to fill a disk as the machine allows: a file size limit
// (RLIMIT_FSIZE, any user) in a forked child, and, when running as root, a
// small tmpfs mounted in the child's own mount namespace. A session save and a
// manual checkpoint save into the full place give the same kind of sentence.
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include "child_process.h"
#include "core/common/error.h"
#include "core/common/runtime_info.h"
#include "core/session/session_file.h"
#include "core/train/training_session.h"
#include "test_main.h"

namespace {

gs::SessionConfig small_config() {
  gs::SessionConfig c;
  c.model_id = "vae";
  c.params = {{"latent_dim", "2"}, {"batch_size", "32"}};
  c.dataset.limit = 256;
  c.seed = 3;
  return c;
}

struct Warnings : gs::TrainObserver {
  std::vector<std::string> warnings, checkpoints;
  void on_warning(const std::string& m) override { warnings.push_back(m); }
  void on_checkpoint(const std::string& p, long) override { checkpoints.push_back(p); }
};

// In the child: a valid checkpoint at step 4 exists in `dir`; training to step
// 40 with a checkpoint every 4 steps meets the full disk. Returns a report the
// parent checks (lines "key=value").
std::string train_into_full_disk(gs::TrainingSession& session, const std::string& dir) {
  Warnings observer;
  gs::RunOptions o;
  o.total_steps = 40;
  o.sample_seconds = 0;
  o.checkpoint_every = 4;
  o.checkpoint_dir = dir;
  o.threads = 1;
  gs::TrainControl control;
  session.run(o, control, observer);
  std::string report = "step=" + std::to_string(session.step()) + "\n";
  report += "warnings=" + std::to_string(observer.warnings.size()) + "\n";
  if (!observer.warnings.empty()) report += "warning=" + observer.warnings.back() + "\n";
  try {
    gs::SessionFile s;
    s.config = session.config();
    for (int i = 0; i < 200000; ++i) s.losses.points.push_back({i, {}});  // several MB
    gs::write_session_file(dir + "/studio.gssession", s);
    report += "session=written\n";
  } catch (const gs::Error& e) {
    report += std::string("session=") + e.what() + "\n";
  }
  // The earlier checkpoint still opens, at its step.
  report += "old_step=" + std::to_string(gs::TrainingSession::open(dir + "/kept.gsckpt")->step()) + "\n";
  return report;
}

QString value(const std::string& report, const QString& key) {
  for (const QString& line : QString::fromStdString(report).split('\n')) {
    if (line.startsWith(key + '=')) return line.mid(key.size() + 1);
  }
  return {};
}

void checkReport(const ChildResult& r, const QString& reasonWords) {
  QVERIFY2(r.ok(), r.report.c_str());
  QCOMPARE(value(r.report, "step"), QStringLiteral("40"));  // training kept running
  QVERIFY2(value(r.report, "warnings").toInt() >= 1, r.report.c_str());
  const QString warning = value(r.report, "warning");
  qInfo("%s", qPrintable(warning));
  QVERIFY2(warning.startsWith("The checkpoint was not saved: Could not write") && warning.contains(reasonWords) &&
               warning.contains("unchanged"),
           qPrintable(warning));
  QVERIFY2(!warning.contains("PytorchStreamWriter") && !warning.contains("c10"), qPrintable(warning));
  const QString session = value(r.report, "session");
  QVERIFY2(session.startsWith("Could not write") && session.contains(reasonWords), qPrintable(session));
  QCOMPARE(value(r.report, "old_step"), QStringLiteral("4"));
}

}  // namespace

class TestDiskFull : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    gs::set_compute_threads(1);
  }

  void fileSizeLimit() {
    QTemporaryDir tmp;
    auto session = gs::TrainingSession::create(small_config());
    gs::RunOptions o;
    o.total_steps = 4;
    o.sample_seconds = 0;
    o.threads = 1;  // no compute pool before the fork: a child cannot use the parent's
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(o, control, quiet);
    const std::string kept = tmp.filePath("kept.gsckpt").toStdString();
    session->save(kept);
    const qint64 size = QFileInfo(QString::fromStdString(kept)).size();
    const ChildResult r = run_in_child([&] {
      ::signal(SIGXFSZ, SIG_IGN);  // writes past the limit fail with EFBIG instead of killing
      const rlimit limit{rlim_t(size / 2), rlim_t(size / 2)};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) throw std::runtime_error("setrlimit failed");
      return train_into_full_disk(*session, tmp.path().toStdString());
    });
    checkReport(r, QStringLiteral("size limit"));
    // Nothing half-written was left beside the kept checkpoint.
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList{"kept.gsckpt"});
  }

  void smallTmpfs() {
    if (::geteuid() != 0) QSKIP("mounting a tmpfs needs root (the file size limit test covers other users)");
    QTemporaryDir tmp;
    auto session = gs::TrainingSession::create(small_config());
    const ChildResult r = run_in_child([&]() -> std::string {
      if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return "skip=no mount namespace";
      const std::string dir = tmp.path().toStdString();
      gs::RunOptions o;
      o.total_steps = 4;
      o.sample_seconds = 0;
      o.threads = 1;
      gs::TrainControl control;
      gs::TrainObserver quiet;
      session->run(o, control, quiet);
      const std::vector<uint8_t> bytes = session->snapshot();
      // Room for one checkpoint and a half: the next one cannot be written.
      const std::string options = "size=" + std::to_string(bytes.size() * 3 / 2 + 8192);
      if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0) return "skip=tmpfs not mountable";
      session->save(dir + "/kept.gsckpt");
      return train_into_full_disk(*session, dir);
    });
    if (!value(r.report, "skip").isEmpty()) QSKIP(qPrintable(value(r.report, "skip")));
    checkReport(r, QStringLiteral("disk is full"));
  }
};

GS_TEST_MAIN(TestDiskFull)
#include "test_disk_full.moc"
