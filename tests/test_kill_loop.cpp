// kill -9 during saves: a forked child saves checkpoints and session files in a
// loop and is SIGKILLed at a random moment, 240 times; after every kill each
// checkpoint and session file present opens (the checkpoint loads into a
// model, the session parses with its step). Temporary files of interrupted
// writes (NAME.tmp-PID-N) may remain; they are counted, which shows the kills
// landed mid-write, and never opened by the studio.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <random>
#include <thread>

#include "child_process.h"
#include "core/common/runtime_info.h"
#include "core/session/session_file.h"
#include "core/train/training_session.h"
#include "test_main.h"

namespace {

constexpr int kKills = 240;

gs::SessionConfig small_config() {
  gs::SessionConfig c;
  c.model_id = "vae";
  c.params = {{"latent_dim", "2"}, {"batch_size", "32"}};
  c.dataset.limit = 256;
  c.seed = 5;
  return c;
}

gs::SessionFile session_at(long step, const std::string& checkpoint) {
  gs::SessionFile s;
  s.config = small_config();
  s.has_session = true;
  s.step = step;
  s.checkpoint = checkpoint;
  s.total_steps = 1000;
  s.bookmarks.push_back({"mark", "vae", 2, step, "", {0.5f, -0.5f}});
  s.losses.names = {"loss"};
  for (long i = 0; i < 2000; ++i) s.losses.points.push_back({i * 10, {1.0 / double(i + 1)}});  // ~60 kB
  return s;
}

// One save cycle, as the studio's Save Session does: the checkpoint, then the session.
void save_cycle(gs::TrainingSession& session, const QDir& dir, long n) {
  const std::string ckpt = dir.filePath(QStringLiteral("model-%1.gsckpt").arg(n % 2)).toStdString();
  session.save(ckpt);
  gs::write_session_file(dir.filePath("studio.gssession").toStdString(), session_at(n, ckpt));
}

}  // namespace

class TestKillLoop : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    gs::set_compute_threads(1);  // no pool threads when forking
  }

  void everyFileOpensAfterKills() {
    QTemporaryDir tmp;
    const QDir dir(tmp.path());
    auto session = gs::TrainingSession::create(small_config());

    // How long one cycle takes here, so the kills spread over whole cycles.
    QElapsedTimer clock;
    clock.start();
    for (long n = 0; n < 4; ++n) save_cycle(*session, dir, n);
    const qint64 cycleUs = std::max<qint64>(clock.nsecsElapsed() / 4000, 200);
    const qint64 checkpointBytes = QFileInfo(dir.filePath("model-0.gsckpt")).size();
    for (const QString& f : dir.entryList(QDir::Files)) QFile::remove(dir.filePath(f));

    std::mt19937 rng(16);
    std::uniform_int_distribution<qint64> delay(0, 3 * cycleUs);
    int checkpointsOpened = 0, sessionsOpened = 0, strayTemps = 0;
    clock.restart();
    for (int kill = 0; kill < kKills; ++kill) {
      const pid_t pid = ::fork();
      QVERIFY(pid >= 0);
      if (pid == 0) {
        for (long n = 0;; ++n) {
          try {
            save_cycle(*session, dir, n);
          } catch (...) {
            ::_exit(3);
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
      QCOMPARE(::kill(pid, SIGKILL), 0);
      int status = 0;
      QCOMPARE(::waitpid(pid, &status, 0), pid);
      QVERIFY2(WIFSIGNALED(status), "the saving child ended by itself: a save failed");

      for (const QString& name : dir.entryList(QDir::Files)) {
        const std::string path = dir.filePath(name).toStdString();
        if (name.contains(QStringLiteral(".tmp-"))) {
          ++strayTemps;
          QFile::remove(dir.filePath(name));  // as the person's folder would hold them; not opened
        } else if (name.endsWith(QStringLiteral(".gsckpt"))) {
          try {
            auto opened = gs::TrainingSession::open(path);
            QVERIFY(opened->step() >= 0);
            ++checkpointsOpened;
          } catch (const std::exception& e) {
            QFAIL(qPrintable(QStringLiteral("kill %1: %2 does not open: %3").arg(kill).arg(name, e.what())));
          }
        } else if (name.endsWith(QStringLiteral(".gssession"))) {
          try {
            const gs::SessionRead r = gs::read_session_file(path);
            QCOMPARE(r.session.losses.points.size(), size_t(2000));
            QCOMPARE(r.session.bookmarks.size(), size_t(1));
            ++sessionsOpened;
          } catch (const std::exception& e) {
            QFAIL(qPrintable(QStringLiteral("kill %1: %2 does not parse: %3").arg(kill).arg(name, e.what())));
          }
        } else {
          QFAIL(qPrintable(QStringLiteral("unexpected file %1").arg(name)));
        }
      }
    }
    qInfo("%d kills in %.1f s (cycle %.1f ms, checkpoint %lld bytes): %d checkpoints and %d sessions opened, "
          "%d interrupted temporary files",
          kKills, clock.elapsed() / 1000.0, cycleUs / 1000.0, checkpointBytes, checkpointsOpened, sessionsOpened,
          strayTemps);
    QVERIFY2(strayTemps > kKills / 10, "too few kills landed during a write to prove anything");
    QVERIFY(checkpointsOpened > kKills / 2);
    QVERIFY(sessionsOpened > kKills / 2);
  }
};

GS_TEST_MAIN(TestKillLoop)
#include "test_kill_loop.moc"
