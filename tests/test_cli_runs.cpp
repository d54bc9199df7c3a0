// genstudio-cli train writes a run folder (run_folder.h) that read_run reads
// back: run.json, metrics.csv in its usual format, step checkpoints thinned by
// --keep; --resume appends to the same run with its wall time going on.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include "core/train/run_folder.h"
#include "test_main.h"

namespace {

struct Result {
  int code = -1;
  QString err;
};

Result cli(const QStringList& args) {
  QProcess p;
  p.start(GENSTUDIO_CLI, args);
  p.waitForFinished(120000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError())};
}

std::vector<long> stepsOf(const gs::RunRecord& r) {
  std::vector<long> steps;
  for (const auto& c : r.checkpoints) steps.push_back(c.step);
  return steps;
}

std::vector<long> every(long interval, long last) {
  std::vector<long> steps;
  for (long s = interval; s <= last; s += interval) steps.push_back(s);
  return steps;
}

}  // namespace

class TestCliRuns : public QObject {
  Q_OBJECT
 private slots:
  void trainWritesARunFolderAndResumeAppends() {
    QTemporaryDir tmp;
    const QString out = tmp.filePath("gan");
    Result r = cli({"train", "--model", "gan", "--dataset", "ring8", "--steps", "120", "--log-every", "20", "--threads",
                    "1", "--checkpoint-every", "10", "--keep", "3", "--quiet", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(out + "/run.json"));
    QVERIFY(QFile::exists(out + "/checkpoint.gsckpt"));
    gs::RunRecord run = gs::read_run(out.toStdString());
    QCOMPARE(QString::fromStdString(run.model_id), QString("gan"));
    QCOMPARE(QString::fromStdString(run.dataset_id), QString("ring8"));
    QCOMPARE(run.seed, 1UL);
    QCOMPARE(run.metrics.rows.size(), size_t(6));
    QCOMPARE(run.metrics.columns.front(), std::string("step"));
    QVERIFY(run.metrics.column("modes_covered") > 0);
    QCOMPARE(run.skipped_rows, 0);
    QCOMPARE(stepsOf(run), gs::checkpoints_to_keep(every(10, 120), 3));
    QVERIFY(stepsOf(run).size() < 12);  // thinned
    const double seconds = run.metrics.rows.back()[1];

    r = cli({"train", "--resume", out + "/checkpoint.gsckpt", "--steps", "160", "--log-every", "20", "--threads", "1",
             "--checkpoint-every", "10", "--keep", "3", "--quiet", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    run = gs::read_run(out.toStdString());
    QCOMPARE(run.metrics.rows.size(), size_t(8));
    QCOMPARE(run.metrics.rows.back()[0], 160.0);
    QVERIFY(run.metrics.rows[6][1] >= seconds);  // the wall time goes on
    QCOMPARE(stepsOf(run), gs::checkpoints_to_keep(every(10, 160), 3));
    QFile json(out + "/run.json");
    QVERIFY(json.open(QIODevice::ReadOnly));
    QVERIFY(json.readAll().contains("resumed_utc"));

    r = cli({"train", "--model", "gan", "--dataset", "ring8", "--steps", "5", "--keep", "0", "--out", out});
    QVERIFY(r.code != 0 && r.err.contains("--keep must be at least 1"));
  }
};

GS_TEST_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
