// The session file (.gssession): every field survives a write and a read; a
// corrupt file, a foreign JSON, an unknown version and a missing checkpoint
// give sentences; a damaged part is named while the rest is restored; writes
// are atomic and a failed write leaves the old file readable.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/session/session_file.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::SessionFile full_session(const std::string& checkpoint) {
  gs::SessionFile s;
  s.saved_utc = "2026-12-01T21:00:00Z";
  s.clean_exit = true;
  s.config.model_id = "vae";
  s.config.params = {{"latent_dim", "8"}, {"lr", "0.001"}};
  s.config.seed = 77;
  s.config.dataset.id = "image-folder";
  s.config.dataset.path = "/data/faces";
  s.config.dataset.path_b = "/data/paintings";
  s.config.dataset.image_size = 64;
  s.config.dataset.channels = 3;
  s.config.dataset.limit = 500;
  s.config.dataset.drawn_points = {0.5f, -1.25f};
  s.config.dataset.only_class = 3;
  s.total_steps = 4000;
  s.has_session = true;
  s.step = 1250;
  s.checkpoint = checkpoint;
  s.run_folder = "/runs/20261201T2100Z-vae";
  s.bookmarks.push_back({"smiling", "vae", 3, 1200, "2026-12-01T20:59:00Z", {0.1f, -2.5f, 3.0f}});
  s.bookmarks.push_back({"long sleeves", "vae", 2, 10, "", {1.0f, 2.0f}});
  s.losses.names = {"loss", "kl"};
  s.losses.points = {{10, {1.5, 0.25}}, {20, {std::numeric_limits<double>::quiet_NaN(), 0.5}}};
  s.losses.metrics_csv = "/runs/x/metrics.csv";
  s.top_view = "explore";
  s.explorer_view = "interpolation";
  s.view_states["latent"] = R"({"sliders":[0.5,-1]})";
  s.view_states["samples"] = R"({"seed":9,"count":64})";
  s.window_geometry = "AdnQywADAAA=";
  s.window_state = "AAAA/wAAAAD9AAAAAQ==";
  return s;
}

void write_text(const QString& path, const QByteArray& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text);
}

}  // namespace

class TestSessionFile : public QObject {
  Q_OBJECT

 private slots:
  void roundTripKeepsEveryField() {
    QTemporaryDir dir;
    const std::string ckpt = dir.filePath("model.gsckpt").toStdString();
    write_text(QString::fromStdString(ckpt), "x");  // exists: no missing-checkpoint problem
    const std::string path = dir.filePath("a.gssession").toStdString();
    const gs::SessionFile in = full_session(ckpt);
    gs::write_session_file(path, in);
    const gs::SessionRead r = gs::read_session_file(path);
    QVERIFY2(r.problems.empty(), r.problems.empty() ? "" : r.problems.front().c_str());
    const gs::SessionFile& s = r.session;
    QCOMPARE(s.version, 1);
    QCOMPARE(s.saved_utc, in.saved_utc);
    QCOMPARE(s.clean_exit, true);
    QCOMPARE(s.config.model_id, in.config.model_id);
    QVERIFY(s.config.params == in.config.params);
    QCOMPARE(s.config.seed, 77UL);
    QCOMPARE(s.config.dataset.id, in.config.dataset.id);
    QCOMPARE(s.config.dataset.path, in.config.dataset.path);
    QCOMPARE(s.config.dataset.path_b, in.config.dataset.path_b);
    QCOMPARE(s.config.dataset.image_size, 64);
    QCOMPARE(s.config.dataset.channels, 3);
    QCOMPARE(s.config.dataset.limit, 500L);
    QVERIFY(s.config.dataset.drawn_points == in.config.dataset.drawn_points);
    QCOMPARE(s.config.dataset.only_class, 3);
    QCOMPARE(s.total_steps, 4000L);
    QCOMPARE(s.has_session, true);
    QCOMPARE(s.step, 1250L);
    QCOMPARE(s.checkpoint, ckpt);
    QCOMPARE(s.run_folder, in.run_folder);
    QCOMPARE(s.bookmarks.size(), size_t(2));
    QCOMPARE(s.bookmarks[0].name, std::string("smiling"));
    QCOMPARE(s.bookmarks[0].model_id, std::string("vae"));
    QCOMPARE(s.bookmarks[0].latent_dim, 3);
    QCOMPARE(s.bookmarks[0].step, 1200L);
    QCOMPARE(s.bookmarks[0].created_utc, in.bookmarks[0].created_utc);
    QVERIFY(s.bookmarks[0].latent == in.bookmarks[0].latent);
    QCOMPARE(s.bookmarks[1].name, std::string("long sleeves"));
    QVERIFY(s.losses.names == in.losses.names);
    QCOMPARE(s.losses.points.size(), size_t(2));
    QCOMPARE(s.losses.points[1].step, 20L);
    QVERIFY(std::isnan(s.losses.points[1].values[0]));  // NaN survives as null
    QCOMPARE(s.losses.points[0].values[1], 0.25);
    QCOMPARE(s.losses.metrics_csv, in.losses.metrics_csv);
    QCOMPARE(s.top_view, in.top_view);
    QCOMPARE(s.explorer_view, in.explorer_view);
    QCOMPARE(s.view_states.size(), size_t(2));
    QCOMPARE(s.view_states.at("samples"), std::string(R"({"count":64,"seed":9})"));
    QCOMPARE(s.view_states.at("latent"), std::string(R"({"sliders":[0.5,-1]})"));
    QCOMPARE(s.window_geometry, in.window_geometry);
    QCOMPARE(s.window_state, in.window_state);
    // Atomic: nothing but the two files is left in the folder.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{"a.gssession", "model.gsckpt"}));
  }

  void saveTimeIsFilledIn() {
    gs::SessionFile s;
    const gs::SessionRead r = gs::read_session_json(gs::session_to_json(s), "x");
    QCOMPARE(r.session.saved_utc.size(), size_t(20));  // 2026-12-01T21:00:00Z
    QCOMPARE(r.session.clean_exit, false);
  }

  void corruptJsonIsASentence() {
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.gssession");
    const std::string good = gs::session_to_json(full_session(""));
    write_text(path, QByteArray::fromStdString(good.substr(0, good.size() / 2)));  // cut off
    const QString err = errorOf([&] { gs::read_session_file(path.toStdString()); });
    QVERIFY2(err.contains("is damaged") && err.contains("bad.gssession") && err.endsWith('.'), qPrintable(err));
    QVERIFY2(!err.contains("parse_error") && !err.contains("[json"), qPrintable(err));
  }

  void foreignJsonAndMissingFileAreSentences() {
    QTemporaryDir dir;
    const QString path = dir.filePath("other.gssession");
    write_text(path, R"({"name": "not a session"})");
    QString err = errorOf([&] { gs::read_session_file(path.toStdString()); });
    QVERIFY2(err.endsWith("is not a GenStudio session file."), qPrintable(err));
    err = errorOf([&] { gs::read_session_file(dir.filePath("none.gssession").toStdString()); });
    QVERIFY2(err.contains("does not exist"), qPrintable(err));
    err = errorOf([&] { gs::read_session_file(dir.path().toStdString()); });
    QVERIFY2(err.contains("is a folder"), qPrintable(err));
  }

  void unknownVersionIsASentence() {
    const QString err = errorOf([] {
      gs::read_session_json(R"({"format": "genstudio-session", "version": 7})", "new.gssession");
    });
    QVERIFY2(err.contains("newer GenStudio") && err.contains("version 7") && err.contains("reads version 1"),
             qPrintable(err));
    const QString none = errorOf([] { gs::read_session_json(R"({"format": "genstudio-session"})", "v.gssession"); });
    QVERIFY2(none.contains("no valid session version"), qPrintable(none));
  }

  void missingCheckpointIsNamedAndTheRestRestored() {
    QTemporaryDir dir;
    const std::string ckpt = dir.filePath("gone.gsckpt").toStdString();
    const std::string path = dir.filePath("s.gssession").toStdString();
    gs::write_session_file(path, full_session(ckpt));
    const gs::SessionRead r = gs::read_session_file(path);
    QCOMPARE(r.problems.size(), size_t(1));
    QVERIFY2(r.problems[0].find("gone.gsckpt") != std::string::npos &&
                 r.problems[0].find("is missing") != std::string::npos,
             r.problems[0].c_str());
    QCOMPARE(r.session.bookmarks.size(), size_t(2));
    QCOMPARE(r.session.config.model_id, std::string("vae"));
  }

  void damagedPartIsNamedAndTheRestRestored() {
    std::string text = gs::session_to_json(full_session(""));
    // Break one bookmark's latent size and the loss history's shape.
    const auto at = text.find("\"latent_dim\": 3");
    QVERIFY(at != std::string::npos);
    text.replace(at, 15, "\"latent_dim\": 9");
    const auto names = text.find("\"kl\"");
    QVERIFY(names != std::string::npos);
    text.replace(names, 4, "\"kl\", \"extra\"");
    const gs::SessionRead r = gs::read_session_json(text, "s");
    QCOMPARE(r.problems.size(), size_t(2));
    QVERIFY(r.problems[0].find("latent bookmarks") != std::string::npos);
    QVERIFY(r.problems[1].find("loss history") != std::string::npos);
    QVERIFY(r.session.bookmarks.empty());
    QVERIFY(r.session.losses.points.empty());
    QCOMPARE(r.session.step, 1250L);
    QCOMPARE(r.session.explorer_view, std::string("interpolation"));
  }

  // Numbers no GenStudio writes (fuzz_session found the first: a converted 5.6e41 is
  // undefined behaviour) leave their part out and are named; whole numbers written
  // as floats still read.
  void hostileNumbersLeaveTheirPartOut() {
    nlohmann::json j = nlohmann::json::parse(gs::session_to_json(full_session("")));
    j["losses"]["points"][0]["step"] = 5.55556e41;
    j["bookmarks"][0]["latent"][1] = 1e39;  // beyond float
    j["form"]["seed"] = -3;
    gs::SessionRead r = gs::read_session_json(j.dump(), "s");
    QCOMPARE(r.problems.size(), size_t(3));
    QVERIFY(r.problems[0].find("training settings") != std::string::npos);
    QVERIFY(r.problems[1].find("latent bookmarks") != std::string::npos);
    QVERIFY(r.problems[2].find("loss history") != std::string::npos);
    QVERIFY(r.session.losses.points.empty());
    QVERIFY(r.session.bookmarks.empty());
    QCOMPARE(r.session.step, 1250L);

    j = nlohmann::json::parse(gs::session_to_json(full_session("")));
    j["model"]["step"] = 1250.0;
    j["form"]["dataset"]["limit"] = 500.0;
    r = gs::read_session_json(j.dump(), "s");
    QVERIFY(r.problems.empty());
    QCOMPARE(r.session.step, 1250L);
    QCOMPARE(r.session.config.dataset.limit, 500L);

    j["model"]["step"] = 2.5;
    j["form"]["dataset"]["channels"] = 1e300;
    r = gs::read_session_json(j.dump(), "s");
    QCOMPARE(r.problems.size(), size_t(2));
    QVERIFY(r.problems[0].find("training settings") != std::string::npos);
    QVERIFY(r.problems[1].find("model and checkpoint") != std::string::npos);
  }

  void failedWriteKeepsTheOldFile() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("keep.gssession").toStdString();
    gs::SessionFile s = full_session("");
    gs::write_session_file(path, s);
    s.step = 9999;
    gs::set_atomic_write_fault([](const std::string& tmp) {
      throw gs::Error("Could not write '" + tmp + "': the disk is full (No space left on device).");
    });
    const QString err = errorOf([&] { gs::write_session_file(path, s); });
    gs::set_atomic_write_fault({});
    QVERIFY2(err.contains("disk is full"), qPrintable(err));
    QCOMPARE(gs::read_session_file(path).session.step, 1250L);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"keep.gssession"});
  }
};

GS_TEST_MAIN(TestSessionFile)
#include "test_session_file.moc"
