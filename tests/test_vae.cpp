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
#include "core/models/vae/vae_model.h"
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
    // bf16 runs everywhere: natively with AVX-512/AMX, emulated by LibTorch elsewhere.
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

  // One bfloat16 step against one float32 step from the same weights, batch and
  // noise: close (bfloat16 keeps 8 bits of mantissa) but not identical (the
  // products really ran in bfloat16); after a few more steps both still agree.
  void bf16StepMatchesFp32_data() {
    QTest::addColumn<QString>("arch");
    QTest::newRow("mlp") << "mlp";
    QTest::newRow("conv") << "conv";
  }
  void bf16StepMatchesFp32() {
    QFETCH(QString, arch);
    auto build = [&](const char* precision) {
      torch::manual_seed(3);
      return make("vae", {{"arch", arch.toStdString()}, {"latent_dim", "4"}, {"batch_size", "32"}, {"precision", precision}});
    };
    auto f = build("fp32"), b = build("bf16");
    QVERIFY(!dynamic_cast<gs::VaeModel&>(*f).runs_bf16());
    QVERIFY(dynamic_cast<gs::VaeModel&>(*b).runs_bf16());
    const torch::Tensor x = toy_images(32);
    torch::manual_seed(4);
    const torch::Tensor lf = f->train_step(x);
    torch::manual_seed(4);
    const torch::Tensor lb = b->train_step(x);
    QVERIFY(!at::autocast::is_cpu_enabled());
    for (int i = 0; i < 3; ++i) {
      const double vf = lf[i].item<double>(), vb = lb[i].item<double>();
      const double rel = std::abs(vb - vf) / std::max(1.0, std::abs(vf));
      QVERIFY2(rel < 0.02, qPrintable(QString("loss %1: fp32 %2, bf16 %3").arg(i).arg(vf).arg(vb)));
    }
    QVERIFY2(lf[0].item<double>() != lb[0].item<double>(), "bf16 gave the float32 loss bit for bit: autocast did not run");
    for (int step = 0; step < 5; ++step) {
      torch::manual_seed(10 + step);
      f->train_step(x);
      torch::manual_seed(10 + step);
      b->train_step(x);
    }
    torch::NoGradGuard ng;
    const double gap = (f->reconstruct(x) - b->reconstruct(x)).abs().mean().item<double>();
    QVERIFY2(gap < 0.02, qPrintable(QString("mean pixel gap %1").arg(gap)));
  }

  // auto chooses bfloat16 exactly where the CPU has AMX-BF16.
  void autoPrecisionFollowsAmx() {
    auto m = make("vae", {{"precision", "auto"}, {"batch_size", "8"}});
    QCOMPARE(dynamic_cast<gs::VaeModel&>(*m).runs_bf16(), gs::detect_cpu_features().amx_bf16);
  }

  // The reported terms recomputed outside the model from its own outputs: the
  // encoder's μ and log σ², the same noise, the decoded images, and the
  // textbook formulas (Bernoulli cross-entropy or squared error; Gaussian KL).
  void lossTermsMatchAnIndependentRecomputation_data() {
    QTest::addColumn<QString>("recon");
    QTest::addColumn<double>("beta");
    QTest::newRow("bce beta 1") << "bce" << 1.0;
    QTest::newRow("bce beta 2.5") << "bce" << 2.5;
    QTest::newRow("mse beta 1") << "mse" << 1.0;
    QTest::newRow("mse beta 4") << "mse" << 4.0;
  }
  void lossTermsMatchAnIndependentRecomputation() {
    QFETCH(QString, recon);
    QFETCH(double, beta);
    const int64_t L = 3, B = 16;
    torch::manual_seed(6);
    auto m = make("vae", {{"latent_dim", std::to_string(L)}, {"hidden1", "64"}, {"hidden2", "32"},
                          {"recon_loss", recon.toStdString()}, {"beta", QString::number(beta).toStdString()},
                          {"precision", "fp32"}});
    auto& vae = dynamic_cast<gs::VaeModel&>(*m);
    QCOMPARE(vae.beta(), beta);
    const torch::Tensor x = toy_images(B).to(torch::kDouble) * 0.8 + 0.1;  // not only 0 and 1
    for (int i = 0; i < 40; ++i) m->train_step(x.to(torch::kFloat32));  // until the KL term is sizeable
    double want_recon = 0, want_kl = 0;
    {
      torch::NoGradGuard ng;
      const torch::Tensor head = vae.encoder_head(x.to(torch::kFloat32)).to(torch::kDouble);
      const torch::Tensor mu = head.narrow(1, 0, L), logvar = head.narrow(1, L, L);
      torch::manual_seed(9);
      const torch::Tensor eps = torch::randn({B, L}).to(torch::kDouble);
      const torch::Tensor z = mu + torch::exp(0.5 * logvar) * eps;
      const torch::Tensor p = m->decode(z.to(torch::kFloat32)).to(torch::kDouble);
      if (recon == "bce") {
        want_recon = -(x * torch::log(p) + (1 - x) * torch::log(1 - p)).sum().item<double>() / B;
      } else {
        want_recon = (p - x).pow(2).sum().item<double>() / B;
      }
      want_kl = 0.5 * (mu.pow(2) + torch::exp(logvar) - logvar - 1).sum().item<double>() / B;
    }
    torch::manual_seed(9);  // the same noise inside the step
    const torch::Tensor l = m->train_step(x.to(torch::kFloat32));
    auto near = [](double a, double b) { return std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(b)); };
    QVERIFY2(near(l[1].item<double>(), want_recon), qPrintable(QString("recon %1 vs %2").arg(l[1].item<double>()).arg(want_recon)));
    QVERIFY2(near(l[2].item<double>(), want_kl), qPrintable(QString("kl %1 vs %2").arg(l[2].item<double>()).arg(want_kl)));
    QVERIFY2(want_kl > 0.2, qPrintable(QString("KL %1 too small to tell β apart").arg(want_kl)));
    const double beta_kl = l[0].item<double>() - l[1].item<double>();  // what the total adds to recon
    QVERIFY2(std::abs(beta_kl - beta * want_kl) < 1e-3 * (1 + l[0].item<double>()),
             qPrintable(QString("total − recon = %1, β·KL = %2").arg(beta_kl).arg(beta * want_kl)));
  }

  // Changes sent through TrainControl reach the optimizer and the loss.
  void liveChangesReachTheModel() {
    torch::manual_seed(1);
    auto m = make("vae", {{"batch_size", "16"}, {"latent_dim", "2"}, {"hidden1", "64"}, {"hidden2", "0"}});
    auto& vae = dynamic_cast<gs::VaeModel&>(*m);
    QCOMPARE(vae.learning_rate(), 1e-3);
    QCOMPARE(vae.beta(), 1.0);
    gs::BatchSampler sampler(toy_images(64), 16, 1);
    gs::TrainControl control;
    Recorder rec;
    long step = 0;
    gs::RunOptions o;
    o.total_steps = 60;
    o.log_every = 20;
    o.sample_seconds = 0;
    gs::TrainerHooks hooks;
    hooks.set_param = [&](const std::string& k, const std::string& v) { return m->set_live_param(k, v); };
    control.set_learning_rate(3e-4);
    control.set_param("beta", "4");
    gs::run_training(*m, sampler, &step, o, control, rec, hooks);
    QCOMPARE(vae.learning_rate(), 3e-4);
    QCOMPARE(vae.beta(), 4.0);
    const auto& v = rec.stats.back().values;  // total = recon + 4·KL
    QVERIFY2(v[2] > 0.2, qPrintable(QString("KL %1 too small to tell β apart").arg(v[2])));
    QVERIFY2(std::abs(v[0] - v[1] - 4 * v[2]) < 0.02 * 4 * v[2],
             qPrintable(QString("%1 vs %2 + 4·%3").arg(v[0]).arg(v[1]).arg(v[2])));
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
