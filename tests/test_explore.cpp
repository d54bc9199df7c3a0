// Latent operations against closed forms, PCA on constructed data, the
// Explorer on a snapshot of a training session, and exports that open again.
#include <QDir>
#include <QTemporaryDir>

#include "core/common/error.h"
#include "core/explore/animation_writer.h"
#include "core/explore/explorer.h"
#include "core/explore/latent_ops.h"
#include "core/model/capabilities.h"
#include "test_main.h"
#include "test_support.h"

namespace {


std::unique_ptr<gs::TrainingSession> trained(const std::string& model, long steps) {
  gs::SessionConfig c;
  c.model_id = model;
  c.params = {{"latent_dim", "4"}, {"batch_size", "32"}};
  c.dataset.limit = 256;
  auto s = gs::TrainingSession::create(c);
  gs::RunOptions o;
  o.total_steps = steps;
  o.sample_seconds = 0;
  gs::TrainControl control;
  gs::TrainObserver quiet;
  s->run(o, control, quiet);
  return s;
}

}  // namespace

class TestExplore : public QObject {
  Q_OBJECT
 private slots:
  void lerpAndSlerpMatchClosedForms() {
    torch::Tensor a = torch::tensor({1.0f, 0.0f}), b = torch::tensor({0.0f, 2.0f});
    const auto ts = gs::interpolation_steps(5);
    QCOMPARE(ts.size(), size_t(5));
    QCOMPARE(ts[2], 0.5);
    torch::Tensor l = gs::lerp_path(a, b, ts);
    QVERIFY(torch::allclose(l[2], torch::tensor({0.5f, 1.0f})));
    torch::Tensor s = gs::slerp_path(a, b, ts);
    QVERIFY(torch::allclose(s[0], a) && torch::allclose(s[4], b, 1e-5, 1e-6));
    // Halfway along the quarter circle, with the magnitude halfway between 1 and 2.
    const float r = 1.5f, c = std::cos(static_cast<float>(M_PI) / 4);
    QVERIFY(torch::allclose(s[2], torch::tensor({r * c, r * c}), 1e-5, 1e-5));
    for (int i = 0; i < 5; ++i) {
      const float angle = std::atan2(s[i][1].item<float>(), s[i][0].item<float>());
      QVERIFY(std::abs(angle - static_cast<float>(M_PI) / 2 * ts[i]) < 1e-4);  // constant angular speed
    }
    // Parallel endpoints fall back to lerp.
    QVERIFY(torch::allclose(gs::slerp_path(a, 3 * a, ts)[2], 2 * a));
    QVERIFY_THROWS_EXCEPTION(gs::Error, gs::interpolation_steps(1));
  }

  void pcaRecoversKnownAxes() {
    torch::manual_seed(0);
    // Variance 9 along (1,1,0)/√2, 1 along (1,−1,0)/√2, 0.01 along z.
    torch::Tensor coeffs = torch::randn({5000, 3}) * torch::tensor({3.0f, 1.0f, 0.1f});
    torch::Tensor axes = torch::tensor({{0.70710678f, 0.70710678f, 0.0f}, {0.70710678f, -0.70710678f, 0.0f}, {0.0f, 0.0f, 1.0f}});
    torch::Tensor x = coeffs.matmul(axes) + torch::tensor({5.0f, -2.0f, 1.0f});
    gs::PrincipalDirections p = gs::principal_directions(x, 2);
    QCOMPARE(p.directions.size(0), int64_t(2));
    QVERIFY(std::abs(std::abs(torch::dot(p.directions[0], axes[0]).item<float>()) - 1) < 1e-3);
    QVERIFY(std::abs(std::abs(torch::dot(p.directions[1], axes[1]).item<float>()) - 1) < 1e-3);
    QVERIFY(std::abs(p.stddev[0].item<float>() - 3) < 0.1);
    QVERIFY(std::abs(p.explained[0].item<float>() - 9.0f / 10.01f) < 0.02);
    QVERIFY(torch::allclose(p.mean, torch::tensor({5.0f, -2.0f, 1.0f}), 0, 0.1));
  }

  void explorerWorksOnASnapshotWhileTheSessionTrainsOn() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    auto session = trained("vae", 30);
    auto explorer = gs::Explorer::from_snapshot(session->snapshot());
    QCOMPARE(explorer->step(), 30L);
    QCOMPARE(explorer->latent_dim(), 4);
    QVERIFY(explorer->capabilities() & gs::kCanEncode);
    const gs::Latent z = explorer->random_latent(3);
    QCOMPARE(z, explorer->random_latent(3));
    const gs::Image before = explorer->decode(z);
    QCOMPARE(before.width, 28);
    // Training on does not touch the explorer's copy.
    gs::RunOptions o;
    o.total_steps = 60;
    o.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(o, control, quiet);
    QVERIFY(explorer->decode(z).pixels == before.pixels);
    QVERIFY(gs::Explorer::from_snapshot(session->snapshot())->decode(z).pixels != before.pixels);

    const gs::Latent code = explorer->encode(explorer->dataset_image(0));
    QCOMPARE(code.size(), size_t(4));
    const auto path = explorer->interpolate({z, code, explorer->random_latent(9)}, 5, true);
    QCOMPARE(path.size(), size_t(9));  // 5 + 4: the shared endpoint once
    QCOMPARE(path.front(), z);
    gs::LatentMap map = explorer->latent_map(300);
    QCOMPARE(map.codes.size(), size_t(300 * 4));
    QCOMPARE(map.class_names.size(), size_t(10));
    gs::Directions d = explorer->principal_directions(3, 500);
    QCOMPARE(d.directions.size(), size_t(3));
    QVERIFY(d.explained[0] >= d.explained[1]);

    QVERIFY(errorOf([&] { explorer->decode({1.0f}); }).contains("expects 4"));
    QVERIFY(errorOf([&] { explorer->encode(gs::Image{}); }).contains("empty"));
    QVERIFY(errorOf([&] { explorer->dataset_image(-1); }).contains("no image"));
  }

  void ganDirectionsAndNoEncoder() {
    gs::SessionConfig c;
    c.model_id = "gan";
    c.params = {{"latent_dim", "8"}, {"batch_size", "16"}};
    c.dataset.limit = 64;
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    auto s = gs::TrainingSession::create(c);
    auto e = gs::Explorer::from_snapshot(s->snapshot());
    gs::Directions d = e->principal_directions(4, 300);
    QCOMPARE(d.directions.size(), size_t(4));
    QVERIFY(QString::fromStdString(d.source).contains("GANSpace"));
    for (const auto& u : d.directions) {
      double n = 0;
      for (float v : u) n += v * v;
      QVERIFY(std::abs(n - 1) < 1e-4);
    }
    QVERIFY(errorOf([&] { e->encode(e->dataset_image(0)); }).contains("cannot encode"));
    QVERIFY(errorOf([&] { e->latent_map(); }).contains("cannot encode"));
  }

  void exportsOpenAgain() {
    QTemporaryDir dir;
    std::vector<gs::Image> frames;
    for (int i = 0; i < 7; ++i) {
      gs::Image f{10, 8, 1, std::vector<uint8_t>(80, static_cast<uint8_t>(30 * i))};
      frames.push_back(f);
    }
    gs::write_sequence(frames, dir.filePath("a.gif").toStdString());
    QCOMPARE(gs::count_animation_frames(dir.filePath("a.gif").toStdString()), 7);
    gs::write_sequence(frames, dir.filePath("a.mp4").toStdString());
    QCOMPARE(gs::count_animation_frames(dir.filePath("a.mp4").toStdString()), 7);
    gs::write_sequence(frames, dir.filePath("a.png").toStdString());
    QImage strip(dir.filePath("a.png"));
    QCOMPARE(strip.width(), 7 * 10 + 8 * 2);
    QVERIFY(errorOf([&] { gs::write_sequence(frames, dir.filePath("a.bmp").toStdString()); }).contains("Unknown export format"));
    QVERIFY(errorOf([&] { gs::write_sequence({}, dir.filePath("b.gif").toStdString()); }).contains("no frames"));
    QVERIFY(!QFile::exists(dir.filePath("b.gif")));
    QVERIFY(errorOf([&] { gs::count_animation_frames(dir.filePath("missing.gif").toStdString()); }).contains("Could not read"));
  }

  // Frame by frame (recordings): held frames count, sizes must match, an
  // unfinished stream leaves no file, and the pixels come back (gray palette).
  void animationStreamWritesFrameByFrame() {
    QTemporaryDir dir;
    const std::string gif = dir.filePath("stream.gif").toStdString();
    {
      gs::AnimationStream stream(gif, 10, 1, true);
      stream.add(gs::Image{6, 4, 1, std::vector<uint8_t>(24, 40)});
      stream.add(gs::Image{6, 4, 1, std::vector<uint8_t>(24, 200)}, 4);  // held 4 frames
      QCOMPARE(stream.frames(), 5);
      QVERIFY(errorOf([&] { stream.add(gs::Image{5, 4, 1, std::vector<uint8_t>(20, 0)}); }).contains("differ in size"));
    }
    QVERIFY(!QFile::exists(dir.filePath("stream.gif")));  // failed, nothing left
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    {
      gs::AnimationStream stream(gif, 10, 2, true);
      stream.add(gs::Image{6, 4, 1, std::vector<uint8_t>(24, 40)});
      stream.add(gs::Image{6, 4, 1, std::vector<uint8_t>(24, 200)}, 4);
      stream.finish();
    }
    QCOMPARE(gs::count_animation_frames(gif), 5);
    QImage first(dir.filePath("stream.gif"));
    QCOMPARE(first.size(), QSize(12, 8));  // scale 2
    QCOMPARE(qGray(first.pixel(5, 5)), 40);
    {
      gs::AnimationStream stream(dir.filePath("dropped.mp4").toStdString(), 5);
      stream.add(gs::Image{8, 8, 3, std::vector<uint8_t>(192, 90)}, 3);
    }  // destroyed without finish()
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"stream.gif"});
    QVERIFY(errorOf([&] { gs::AnimationStream(dir.filePath("x.avi").toStdString(), 5); }).contains("Unknown animation format"));
    QVERIFY(errorOf([&] { gs::AnimationStream(dir.filePath("y.gif").toStdString(), 5).finish(); }).contains("no frames"));
  }
};

GS_TEST_MAIN(TestExplore)
#include "test_explore.moc"
