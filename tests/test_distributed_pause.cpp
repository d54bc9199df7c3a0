// Pause and live changes in a run across processes (core/train/trainer.h), as
// the studio drives them: rank 0 is a TrainingSession in this process with a
// TrainControl the test pauses, rank 1 a real genstudio-cli child. A pause
// longer than the run's timeout holds both ranks (neither times out, no step
// is taken), resuming finishes the run with identical weights on both ranks,
// a learning-rate change is refused with a warning instead of letting the
// replicas drift apart, and a stop while paused stops both ranks.
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "core/train/training_session.h"
#include "test_main.h"

namespace {

int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

struct Watch : gs::TrainObserver {
  std::atomic<long> step{0};
  std::mutex mutex;
  std::vector<std::string> warnings;
  void on_stats(const gs::StepStats& s) override { step = s.step; }
  void on_warning(const std::string& m) override {
    std::lock_guard<std::mutex> lock(mutex);
    warnings.push_back(m);
  }
};

// Rank 0 here, rank 1 a genstudio-cli child, of a ring8 GAN run to `steps`.
struct TwoRanks {
  QTemporaryDir tmp;
  std::unique_ptr<gs::TrainingSession> session;
  gs::RunOptions options;
  gs::TrainControl control;
  Watch watch;
  QProcess child;
  std::thread thread;
  std::atomic<bool> done{false};
  gs::RunEnd end = gs::RunEnd::Stopped;
  std::string error;

  explicit TwoRanks(long steps) {
    gs::SessionConfig config;
    config.model_id = "gan";
    config.dataset.id = "ring8";
    session = gs::TrainingSession::create(config);
    options.total_steps = steps;
    options.log_every = 10;
    options.sample_seconds = 0;
    options.threads = 1;
    options.distributed.world_size = 2;
    options.distributed.master_port = freePort();
    options.distributed.timeout_seconds = 3;  // a pause of 6 s would time out without the held agreement
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(GENSTUDIO_CLI, {"train", "--model", "gan", "--dataset", "ring8", "--steps", QString::number(steps),
                                "--log-every", "10", "--threads", "1", "--world-size", "2", "--rank", "1", "--master",
                                "127.0.0.1:" + QString::number(options.distributed.master_port), "--dist-timeout",
                                "3", "--quiet", "--out", tmp.filePath("r1")});
    thread = std::thread([this] {
      try {
        end = session->run(options, control, watch);
      } catch (const std::exception& e) {
        error = e.what();
      }
      done = true;
    });
  }
  ~TwoRanks() {
    control.request_stop();
    if (thread.joinable()) thread.join();
    if (child.state() != QProcess::NotRunning) {
      child.kill();
      child.waitForFinished();
    }
  }
  bool waitForStep(long s, int ms) {
    QElapsedTimer t;
    t.start();
    while (watch.step < s && !done && t.elapsed() < ms) QTest::qWait(20);
    return watch.step >= s;
  }
  bool waitDone(int ms) {
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < ms) QTest::qWait(20);
    if (done) thread.join();
    return done;
  }
};

}  // namespace

class TestDistributedPause : public QObject {
  Q_OBJECT
 private slots:
  void pauseHoldsEveryRankLongerThanTheTimeout() {
    TwoRanks run(1500);
    QVERIFY2(run.waitForStep(50, 60000), run.error.c_str());
    run.control.set_learning_rate(1e-2);  // only rank 0 would change: refused
    run.control.pause();
    QTest::qWait(1500);  // the pause is agreed at the next log interval
    const long held = run.watch.step;
    QTest::qWait(6000);  // twice the run's timeout
    QVERIFY2(!run.done, run.error.c_str());
    QCOMPARE(run.child.state(), QProcess::Running);
    QCOMPARE(run.watch.step.load(), held);
    qInfo("both ranks held at step %ld for 6 s (timeout 3 s)", held);
    run.control.resume();
    QVERIFY(run.waitDone(120000));
    QVERIFY2(run.error.empty(), run.error.c_str());
    QVERIFY(run.end == gs::RunEnd::Finished);
    QCOMPARE(run.session->step(), 1500L);
    QVERIFY(run.child.waitForFinished(20000));
    QVERIFY2(run.child.exitCode() == 0, run.child.readAll().constData());  // the replicas matched
    std::lock_guard<std::mutex> lock(run.watch.mutex);
    QCOMPARE(run.watch.warnings.size(), size_t(1));
    QVERIFY(run.watch.warnings[0].find("cannot change its parameters") != std::string::npos);
  }

  void stopWhilePausedStopsEveryRank() {
    TwoRanks run(100000);
    QVERIFY2(run.waitForStep(30, 60000), run.error.c_str());
    run.control.pause();
    QTest::qWait(1000);
    run.control.request_stop();
    QVERIFY(run.waitDone(20000));
    QVERIFY2(run.error.empty(), run.error.c_str());
    QVERIFY(run.end == gs::RunEnd::Stopped);
    QVERIFY(run.child.waitForFinished(20000));
    QCOMPARE(run.child.exitCode(), 130);  // stopped with rank 0, not failed
  }
};

GS_TEST_MAIN(TestDistributedPause)
#include "test_distributed_pause.moc"
