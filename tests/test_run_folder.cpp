// The run folder: RunWriter writes run.json, metrics.csv (today's CLI format) and
// quality.csv; read_run reads them back (damaged rows skipped and counted);
// a continued run appends; checkpoints_to_keep thins step checkpoints so their
// number stays bounded, and is monotone and idempotent.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/train/run_folder.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

gs::StepStats stats(long step, double seconds, bool with_metric) {
  gs::StepStats s;
  s.step = step;
  s.seconds = seconds;
  s.names = {"loss", "recon"};
  s.values = {1.5 / static_cast<double>(step), 0.25};
  if (with_metric) {
    s.metric_names = {"test_bits_per_dim"};
    s.metric_values = {3.25};
  }
  return s;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

gs::SessionConfig config() {
  gs::SessionConfig c;
  c.model_id = "vae";
  c.dataset.id = "ring8";
  c.seed = 7;
  c.params = {{"latent_dim", "2"}};
  return c;
}

void touch(const std::string& path) { std::ofstream(path) << "x"; }

}  // namespace

class TestRunFolder : public QObject {
  Q_OBJECT
 private slots:
  void writesAndReadsBack() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("run").toStdString();
    {
      gs::RunWriter w(dir, config(), "my run", false);
      QCOMPARE(QString::fromStdString(w.folder()), QString::fromStdString(dir));
      w.write_stats(stats(10, 0.5, true));  // the first row's names fix the columns, as in the CLI
      w.write_stats(stats(20, 1.0, false));
      w.write_stats(stats(30, 1.5, true));
      w.write_quality(20, 1.0, {"fid", "kid"}, {12.5, 0.01});
    }
    // Exactly the CLI's format: header, then step, seconds (3 decimals), losses, metrics with empty cells.
    const std::string csv = read_text(dir + "/metrics.csv");
    QCOMPARE(QString::fromStdString(csv), QString("step,seconds,loss,recon,test_bits_per_dim\n"
                                                  "10,0.500,0.15,0.25,3.25\n"
                                                  "20,1.000,0.075,0.25,\n"
                                                  "30,1.500,0.05,0.25,3.25\n"));
    QVERIFY(fs::exists(dir + "/run.json"));
    const gs::RunRecord r = gs::read_run(dir);
    QCOMPARE(QString::fromStdString(r.name), QString("my run"));
    QCOMPARE(QString::fromStdString(r.model_id), QString("vae"));
    QCOMPARE(QString::fromStdString(r.dataset_id), QString("ring8"));
    QCOMPARE(r.seed, 7UL);
    QVERIFY(!r.started_utc.empty());
    QCOMPARE(r.metrics.rows.size(), size_t(3));
    QCOMPARE(r.metrics.column("recon"), 3);
    QCOMPARE(r.metrics.column("nope"), -1);
    const int bpd = r.metrics.column("test_bits_per_dim");
    QVERIFY(std::isnan(r.metrics.rows[1][bpd]));
    QCOMPARE(r.metrics.rows[2][bpd], 3.25);
    QCOMPARE(r.quality.rows.size(), size_t(1));
    QCOMPARE(r.quality.rows[0][r.quality.column("fid")], 12.5);
    QCOMPARE(r.skipped_rows, 0);
    QVERIFY(r.checkpoints.empty());
    QVERIFY(r.latest_checkpoint.empty());
  }

  void appendsWhenAResumedRunContinues() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("run").toStdString();
    {
      gs::RunWriter w(dir, config(), "", false);
      w.write_stats(stats(10, 2.0, true));
    }
    {
      gs::RunWriter w(dir, config(), "ignored", true);
      QCOMPARE(w.last_seconds(), 2.0);
      QCOMPARE(w.last_step(), 10L);
      w.write_stats(stats(20, 0.5, true), w.last_seconds());
    }
    const gs::RunRecord r = gs::read_run(dir);
    QCOMPARE(QString::fromStdString(r.name), QString("run"));  // the first writer's name (the folder's) stays
    QCOMPARE(r.metrics.rows.size(), size_t(2));
    QCOMPARE(r.metrics.rows[1][0], 20.0);
    QCOMPARE(r.metrics.rows[1][1], 2.5);
    QCOMPARE(r.metrics.rows[1][r.metrics.column("test_bits_per_dim")], 3.25);  // header from the first run
    QVERIFY(read_text(dir + "/run.json").find("resumed_utc") != std::string::npos);
    // Not appending starts the tables afresh.
    {
      gs::RunWriter w(dir, config(), "", false);
      w.write_stats(stats(5, 0.1, false));
    }
    QCOMPARE(gs::read_run(dir).metrics.rows.size(), size_t(1));
  }

  void damagedRowsAreSkippedAndCounted() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("run").toStdString();
    {
      gs::RunWriter w(dir, config(), "", false);
      w.write_stats(stats(10, 0.5, false));
    }
    {
      std::ofstream out(dir + "/metrics.csv", std::ios::app);
      out << "20,1.0,abc,0.25,\n";   // not a number
      out << "30,1.5,0.1\n";          // too few cells
      out << "40,2.0,0.1,0.2,,9\n";   // too many
      out << "50,2.5,0.1,0.2,";       // cut off by a crash (no newline)
    }
    gs::RunRecord r = gs::read_run(dir);
    QCOMPARE(r.metrics.rows.size(), size_t(1));
    QCOMPARE(r.skipped_rows, 4);
    // Continuing after a crash starts the next row on its own line.
    {
      gs::RunWriter w(dir, config(), "", true);
      w.write_stats(stats(60, 3.0, false));
    }
    r = gs::read_run(dir);
    QCOMPARE(r.metrics.rows.size(), size_t(2));
    QCOMPARE(r.metrics.rows.back()[0], 60.0);
    QCOMPARE(r.skipped_rows, 4);
  }

  void notARun() {
    QTemporaryDir tmp;
    QVERIFY(errorOf([&] { gs::read_run(tmp.path().toStdString()); }).contains("has no metrics.csv and is not a checkpoint"));
    QVERIFY(errorOf([&] { gs::read_run(tmp.filePath("missing").toStdString()); }).contains("does not exist"));
    touch(tmp.filePath("file.gsckpt").toStdString());
    QVERIFY(errorOf([&] { gs::read_run(tmp.filePath("file.gsckpt").toStdString()); }).contains("not a GenStudio checkpoint"));
    // A file under a folder that cannot be created.
    QVERIFY(errorOf([&] { gs::RunWriter(tmp.filePath("file.gsckpt/run").toStdString(), config(), "", false); })
                .contains("Could not create the run folder"));
  }

  void checkpointsAreListedAndThinnedOnDisk() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("run").toStdString();
    gs::RunWriter w(dir, config(), "", false);
    w.write_stats(stats(1, 0.1, false));
    touch(dir + "/step-notanumber.gsckpt");
    for (long step = 100; step <= 10000; step += 100) {
      const std::string path = gs::step_checkpoint_path(dir, step);
      touch(path);
      w.checkpoint_saved(step, path, 4);
    }
    const gs::RunRecord r = gs::read_run(dir);
    std::vector<long> steps;
    for (const auto& c : r.checkpoints) steps.push_back(c.step);
    QVERIFY2(steps.size() < 25, qPrintable(QString::number(steps.size())));
    QCOMPARE(steps.front(), 100L);
    QCOMPARE(steps.back(), 10000L);
    QVERIFY(std::is_sorted(steps.begin(), steps.end()));
    std::vector<long> all;
    for (long step = 100; step <= 10000; step += 100) all.push_back(step);
    QCOMPARE(steps, gs::checkpoints_to_keep(all, 4));  // thinning as we go = thinning once at the end
    QCOMPARE(QString::fromStdString(r.latest_checkpoint), QString::fromStdString(gs::step_checkpoint_path(dir, 10000)));
    QVERIFY(fs::exists(dir + "/step-notanumber.gsckpt"));  // files that are not step checkpoints stay
  }

  void thinningPolicy() {
    for (int keep : {1, 2, 8, 20}) {
      std::vector<long> kept;  // thinning after every new checkpoint, as a run does
      size_t most = 0;
      for (long i = 1; i <= 10000; ++i) {
        const long step = 50 * i;
        std::vector<long> candidates = kept;
        candidates.push_back(step);
        const std::vector<long> next = gs::checkpoints_to_keep(candidates, keep);
        QCOMPARE(next.front(), 50L);   // the first
        QCOMPARE(next.back(), step);   // the newest
        QVERIFY(std::is_sorted(next.begin(), next.end()));
        // The newest keep_recent are all there.
        const size_t recent = std::min<size_t>(static_cast<size_t>(std::max(2, keep)), candidates.size());
        QVERIFY(std::equal(candidates.end() - static_cast<long>(recent), candidates.end(), next.end() - static_cast<long>(recent)));
        for (long s : next) QVERIFY(std::binary_search(candidates.begin(), candidates.end(), s));  // a subset
        if (i % 997 == 0 || i == 10000) {
          QCOMPARE(gs::checkpoints_to_keep(next, keep), next);  // idempotent
          // Monotone: a dropped step is never wanted again, even when offered with the full history.
          std::vector<long> all;
          for (long j = 1; j <= i; ++j) all.push_back(50 * j);
          QCOMPARE(gs::checkpoints_to_keep(all, keep), next);
        }
        most = std::max(most, next.size());
        kept = next;
      }
      // Bounded: the newest keep_recent and about keep_recent/2 per doubling of age (log2(10⁴) < 14).
      const size_t recent = static_cast<size_t>(std::max(2, keep));
      const size_t bound = recent + (recent / 2 + 1) * 14 + 2;
      QVERIFY2(most <= bound, qPrintable(QString("keep %1: %2 checkpoints").arg(keep).arg(most)));
      QVERIFY2(kept.size() >= 10, qPrintable(QString::number(kept.size())));  // still a timeline
      qInfo("keep_recent %d: at most %zu of 10000 checkpoints kept, %zu at the end", keep, most, kept.size());
      // Spacing grows with age: going forward in time the gaps never grow (the first one aside).
      for (size_t i = 2; i + 1 < kept.size(); ++i) QVERIFY(kept[i] - kept[i - 1] >= kept[i + 1] - kept[i]);
    }
    QVERIFY(gs::checkpoints_to_keep({}, 8).empty());
    QCOMPARE(gs::checkpoints_to_keep({30, 10, 20}, 1), (std::vector<long>{10, 20, 30}));
  }

  void aRealRunReadsBackFromItsFolderOrACheckpoint() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("gan").toStdString();
    gs::SessionConfig c;
    c.model_id = "gan";
    c.dataset.id = "ring8";
    c.dataset.limit = 512;
    c.params = {{"batch_size", "32"}};
    auto session = gs::TrainingSession::create(c);
    gs::RunWriter writer(dir, session->config(), "", false);
    struct Observer : gs::TrainObserver {
      gs::RunWriter* w;
      void on_stats(const gs::StepStats& s) override { w->write_stats(s); }
      void on_checkpoint(const std::string& path, long step) override { w->checkpoint_saved(step, path, 2); }
    } observer;
    observer.w = &writer;
    gs::RunOptions run;
    run.total_steps = 60;
    run.log_every = 10;
    run.sample_seconds = 0;
    run.checkpoint_every = 10;
    run.checkpoint_dir = dir;
    run.threads = 1;
    gs::TrainControl control;
    session->run(run, control, observer);
    session->save(dir + "/checkpoint.gsckpt");
    const gs::RunRecord r = gs::read_run(dir);
    std::vector<long> steps;
    for (const auto& k : r.checkpoints) steps.push_back(k.step);
    QCOMPARE(steps, gs::checkpoints_to_keep({10, 20, 30, 40, 50, 60}, 2));
    QCOMPARE(QString::fromStdString(r.model_id), QString("gan"));
    QCOMPARE(r.metrics.rows.size(), size_t(6));
    QCOMPARE(QString::fromStdString(r.latest_checkpoint), QString::fromStdString(dir + "/checkpoint.gsckpt"));
    // A checkpoint in the folder stands for its run.
    const gs::RunRecord viaFile = gs::read_run(gs::step_checkpoint_path(dir, 10));
    QCOMPARE(QString::fromStdString(viaFile.folder), QString::fromStdString(dir));
    QCOMPARE(viaFile.checkpoints.size(), r.checkpoints.size());
    // A checkpoint alone: its metadata describe it.
    fs::copy_file(dir + "/checkpoint.gsckpt", tmp.filePath("alone.gsckpt").toStdString());
    const gs::RunRecord alone = gs::read_run(tmp.filePath("alone.gsckpt").toStdString());
    QVERIFY(alone.folder.empty());
    QCOMPARE(QString::fromStdString(alone.name), QString("alone"));
    QCOMPARE(QString::fromStdString(alone.dataset_id), QString("ring8"));
    QCOMPARE(alone.checkpoints.size(), size_t(1));
    QCOMPARE(alone.checkpoints[0].step, 60L);
    QVERIFY(alone.metrics.rows.empty());
  }

  void folderNames() {
    const std::string name = gs::new_run_folder_name("gan", "my data/set");
    QVERIFY(name.find("-gan-my_data_set") != std::string::npos);
    QCOMPARE(name.size(), std::string("20261201T174800Z-gan-my_data_set").size());
    QCOMPARE(QString::fromStdString(gs::step_checkpoint_path("/r", 30)), QString("/r/step-00000030.gsckpt"));
  }
};

GS_TEST_MAIN(TestRunFolder)
#include "test_run_folder.moc"
