// The VAE and autoencoder learn, report their losses, and the training loop
// obeys its control (pause, resume, stop, commands) and pauses itself on NaN.
#include <QTemporaryDir>
#include <atomic>
#include <thread>

#include <ATen/autocast_mode.h>

#include "core/common/error.h"
#include "core/common/runtime_info.h"
#include "core/data/fashion_mnist.h"
#include "core/model/model_registry.h"
#include "core/train/trainer.h"
#include "test_main.h"

namespace {

// Small structured images (so the test needs no dataset): bright squares at random places.
torch::Tensor toy_images(int64_t n) {
  torch::manual_seed(0);
  torch::Tensor x = torch::zeros({n, 1, 28, 28});
  auto pos = torch::randint(0, 18, {n, 2});
  for (int64_t i = 0; i < n; ++i) {
    const int64_t r = pos[i][0].item<int64_t>(), c = pos[i][1].item<int64_t>();
    x[i].narrow(1, r, 10).narrow(2, c, 10).fill_(1.0);
  }
  return x;
}

struct Recorder : gs::TrainObserver {
  std::vector<gs::StepStats> stats;
  std::vector<gs::SampleImages> samples;
  std::vector<std::string> paused, warnings, checkpoints;
  std::atomic<long> last_step{0};
  std::atomic<int> paused_count{0}, warning_count{0}, sample_count{0};
  void on_stats(const gs::StepStats& s) override {
    stats.push_back(s);
    last_step = s.step;
  }
  void on_samples(const gs::SampleImages& s) override {
    samples.push_back(s);
    ++sample_count;
  }
  void on_paused(const std::string& r) override {
    paused.push_back(r);
    ++paused_count;
  }
  void on_warning(const std::string& w) override {
    warnings.push_back(w);
    ++warning_count;
  }
  void on_checkpoint(const std::string& p, long) override { checkpoints.push_back(p); }
  std::atomic<int> snapshot_count{0};
  void on_snapshot(const std::vector<uint8_t>& bytes, long) override {
    if (bytes.size() == 3) ++snapshot_count;
  }
};

std::unique_ptr<gs::GenerativeModel> make(const std::string& id, gs::ParamValues p = {}) {
  return gs::create_model(id, p, gs::ImageShape{1, 28, 28});
}

}  // namespace

class TestVae : public QObject {
  Q_OBJECT
 private slots:
  void lossFalls_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("precision");
    QTest::newRow("vae mlp fp32") << "vae" << "mlp" << "fp32";
    QTest::newRow("vae mlp bf16") << "vae" << "mlp" << "bf16";
    QTest::newRow("vae conv fp32") << "vae" << "conv" << "fp32";
    QTest::newRow("vae conv bf16") << "vae" << "conv" << "bf16";
    QTest::newRow("ae mlp auto") << "ae" << "mlp" << "auto";
  }
  void lossFalls() {
    QFETCH(QString, model);
    QFETCH(QString, arch);
    QFETCH(QString, precision);
    const gs::CpuFeatures cpu = gs::detect_cpu_features();
    if (precision == "bf16" && !(cpu.avx512f && cpu.avx512bw && cpu.avx512vl)) QSKIP("no AVX-512 for bfloat16");
    torch::manual_seed(1);
    auto m = make(model.toStdString(), {{"arch", arch.toStdString()}, {"batch_size", "32"}, {"latent_dim", "4"},
                                        {"precision", precision.toStdString()}});
    gs::BatchSampler sampler(toy_images(256), 32, 1);
    gs::TrainControl control;
    Recorder rec;
    long step = 0;
    gs::RunOptions o;
    o.total_steps = 150;
    o.log_every = 10;
    o.sample_seconds = 0;
    gs::run_training(*m, sampler, &step, o, control, rec, {});
    QCOMPARE(step, 150L);
    QVERIFY(!at::autocast::is_cpu_enabled());  // the bfloat16 region ends with the forward pass
    QCOMPARE(rec.stats.size(), size_t(15));
    QCOMPARE(rec.stats.front().names, m->loss_names());
    const double first = rec.stats.front().values[0], last = rec.stats.back().values[0];
    QVERIFY2(last < 0.7 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
    if (model == "vae") {
      QCOMPARE(rec.stats.back().values.size(), size_t(3));
      const auto& v = rec.stats.back().values;
      QVERIFY(std::abs(v[0] - (v[1] + v[2])) < 1e-3 * std::abs(v[0]));  // total = recon + β·KL, β = 1
      QVERIFY(v[2] > 0);  // KL to the prior is positive
    }
    // Decoded images live in [0, 1] and have the data's shape.
    torch::NoGradGuard ng;
    torch::Tensor x = m->reconstruct(toy_images(4));
    QCOMPARE(x.sizes(), (torch::IntArrayRef{4, 1, 28, 28}));
    QVERIFY(x.min().item<float>() >= 0 && x.max().item<float>() <= 1);
  }

  void lossFallsOnFashionMnistSubset() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    gs::ImageDataset d = gs::load_fashion_mnist("", 512);
    torch::manual_seed(2);
    auto m = make("vae", {{"latent_dim", "2"}, {"batch_size", "64"}});
    gs::BatchSampler sampler(d.train_images, 64, 2);
    gs::TrainControl control;
    Recorder rec;
    long step = 0;
    gs::RunOptions o;
    o.total_steps = 200;
    o.log_every = 20;
    o.sample_seconds = 0;
    gs::run_training(*m, sampler, &step, o, control, rec, {});
    const double first = rec.stats.front().values[0], last = rec.stats.back().values[0];
    QVERIFY2(last < 0.75 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
  }

  void nanLossPausesWithMessage() {
    auto m = make("vae", {{"batch_size", "16"}});
    torch::Tensor data = torch::full({64, 1, 28, 28}, std::numeric_limits<float>::quiet_NaN());
    gs::BatchSampler sampler(data, 16, 1);
    gs::TrainControl control;
    Recorder rec;
    long step = 0;
    gs::RunOptions o;
    o.total_steps = 1000;
    o.log_every = 5;
    o.sample_seconds = 0;
    std::thread t([&] { gs::run_training(*m, sampler, &step, o, control, rec, {}); });
    QTRY_VERIFY_WITH_TIMEOUT(control.paused(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(rec.paused_count.load(), 1, 5000);
    control.request_stop();
    t.join();
    QVERIFY(QString::fromStdString(rec.paused[0]).contains("NaN"));
    QVERIFY(rec.stats.empty());  // a NaN is never plotted
    QCOMPARE(step, 5L);
  }

  void pauseResumeStopAndCommands() {
    auto m = make("vae", {{"batch_size", "16"}});
    gs::BatchSampler sampler(toy_images(64), 16, 1);
    gs::TrainControl control;
    Recorder rec;
    long step = 0;
    gs::RunOptions o;
    o.total_steps = 1000000;
    o.log_every = 1;
    o.sample_seconds = 0;
    std::atomic<int> saves{0};
    gs::TrainerHooks hooks;
    hooks.make_samples = [](long s) { gs::SampleImages im; im.step = s; return im; };
    hooks.snapshot = [] { return std::vector<uint8_t>{1, 2, 3}; };
    hooks.save = [&](const std::string& path) {
      if (path.find("full-disk") != std::string::npos) throw gs::Error("No space left on device.");
      ++saves;
    };
    gs::RunEnd end = gs::RunEnd::Finished;
    std::thread t([&] { end = gs::run_training(*m, sampler, &step, o, control, rec, hooks); });
    QTRY_VERIFY_WITH_TIMEOUT(rec.last_step > 5, 10000);
    control.pause();
    QTest::qWait(100);
    const long at_pause = rec.last_step;
    QTest::qWait(300);
    QVERIFY(rec.last_step <= at_pause + 1);  // at most the step in flight
    control.save_now("/tmp/whatever.gsckpt");  // commands are served while paused
    QTRY_COMPARE_WITH_TIMEOUT(saves.load(), 1, 5000);
    control.save_now("/full-disk/x.gsckpt");
    QTRY_COMPARE_WITH_TIMEOUT(rec.warning_count.load(), 1, 5000);
    QVERIFY(QString::fromStdString(rec.warnings[0]).contains("No space left"));
    control.sample_now();
    QTRY_VERIFY_WITH_TIMEOUT(rec.sample_count > 0, 5000);
    control.request_snapshot();
    QTRY_COMPARE_WITH_TIMEOUT(rec.snapshot_count.load(), 1, 5000);
    control.resume();
    QTRY_VERIFY_WITH_TIMEOUT(rec.last_step > at_pause + 5, 10000);
    control.request_stop();
    t.join();
    QVERIFY(end == gs::RunEnd::Stopped);
    QVERIFY(step < 1000000);
  }
};

GS_TEST_MAIN(TestVae)
#include "test_vae.moc"
