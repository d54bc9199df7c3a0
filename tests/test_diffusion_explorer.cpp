// The diffusion explorer facade on a tiny untrained DDPM (what is checked holds
// for any weights): the schedule (ᾱ_t from ≈ 1
// down towards 0, log SNR decreasing), the forward frame at t = 0 ≈ the image
// and at T − 1 with the statistics of unit noise (a fixed seed, the same noise),
// recorded reverse runs (DDIM's K steps from T − 1 to 0, a 1000-step DDPM chain
// subsampled to at most kMaxFrames), the comparison's DDIM η = 0 sample equal
// to a recorded run of the same seed, bad input refused with a sentence, and a
// raised cancel flag stopping a run, a comparison and guidance rows at their
// next step with gs::Cancelled (a 1000-step chain stops within a step).
#include <QFileInfo>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/common/error.h"
#include "core/explore/diffusion_explorer.h"
#include "core/explore/explorer.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

const char* kFashion = "/usr/share/datasets/fashion-mnist";

std::unique_ptr<gs::Explorer> tinyDdpm(int timesteps) {
  gs::SessionConfig config;
  config.model_id = "ddpm";
  config.params = {{"timesteps", std::to_string(timesteps)}, {"channels", "8"}, {"attention", "false"},
                   {"batch_size", "16"}};
  config.dataset.limit = 64;
  auto session = gs::TrainingSession::create(config);
  return gs::Explorer::from_snapshot(session->snapshot());
}

// Mean absolute difference of two 8-bit images of the same size.
double meanAbsDiff(const gs::Image& a, const gs::Image& b) {
  if (a.pixels.size() != b.pixels.size() || a.pixels.empty()) return 1e9;
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return sum / double(a.pixels.size());
}

}  // namespace

class TestDiffusionExplorer : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (!QFileInfo::exists(kFashion)) QSKIP("dataset-fashion-mnist not installed");
  }

  void scheduleFallsFromCleanToNoise() {
    auto explorer = tinyDdpm(100);
    gs::DiffusionExplorer d(*explorer);
    QCOMPARE(d.timesteps(), 100);
    const gs::DiffusionSchedule s = d.schedule();
    QCOMPARE(s.timesteps, 100);
    QCOMPARE(int(s.alpha_bar.size()), 100);
    QCOMPARE(int(s.log_snr.size()), 100);
    QVERIFY(!s.name.empty());
    QVERIFY2(s.alpha_bar.front() > 0.99, qPrintable(QString::number(s.alpha_bar.front())));
    QVERIFY2(s.alpha_bar.back() < 0.05, qPrintable(QString::number(s.alpha_bar.back())));
    for (int t = 1; t < 100; ++t) {
      QVERIFY(s.alpha_bar[size_t(t)] < s.alpha_bar[size_t(t - 1)]);
      QVERIFY(s.log_snr[size_t(t)] < s.log_snr[size_t(t - 1)]);
    }
    const double a = s.alpha_bar[50];
    QVERIFY(std::abs(s.log_snr[50] - std::log(a / (1 - a))) < 1e-9);
  }

  void forwardAtZeroIsTheImageAndAtTheEndNoise() {
    auto explorer = tinyDdpm(100);
    gs::DiffusionExplorer d(*explorer);
    const gs::Image image = explorer->dataset_image(3);
    const gs::DiffusionForwardFrame clean = d.forward(image, 0, 7);
    QCOMPARE(clean.t, 0);
    QCOMPARE(clean.x_t.width, 28);
    QVERIFY2(meanAbsDiff(clean.x_t, clean.x0) < 3.0, qPrintable(QString::number(meanAbsDiff(clean.x_t, clean.x0))));
    QVERIFY(meanAbsDiff(clean.x0, image) < 0.01);

    const gs::DiffusionForwardFrame noisy = d.forward(image, 99, 7);
    QVERIFY(noisy.alpha_bar < 0.05);
    QVERIFY(meanAbsDiff(noisy.x_t, noisy.x0) > 30);
    // x_t ≈ N(0, 1) in [−1, 1] model space: about 31.7 % of pixels beyond ±1 (black or white),
    // a mean near mid-gray (784 pixels: ± 0.05 is over 3 standard errors).
    int clipped = 0;
    double mean = 0;
    for (uint8_t v : noisy.x_t.pixels) {
      clipped += v == 0 || v == 255;
      mean += v / 255.0;
    }
    const double n = double(noisy.x_t.pixels.size());
    mean /= n;
    QVERIFY2(std::abs(clipped / n - 0.3173) < 0.06, qPrintable(QString::number(clipped / n)));
    QVERIFY2(std::abs(mean - 0.5) < 0.05, qPrintable(QString::number(mean)));
    // The noise seed fixes ε: the same seed gives the same frame, another seed another.
    QCOMPARE(d.forward(image, 99, 7).x_t.pixels, noisy.x_t.pixels);
    QVERIFY(d.forward(image, 99, 8).x_t.pixels != noisy.x_t.pixels);
    QCOMPARE(noisy.noise.pixels, clean.noise.pixels);
    QVERIFY(noisy.x0_hat.width == 28 && noisy.eps_hat.width == 28);
    QVERIFY(std::isfinite(noisy.eps_rmse) && std::isfinite(noisy.x0_rmse));
  }

  void reverseRunsAreRecordedStepByStep() {
    auto explorer = tinyDdpm(100);
    gs::DiffusionExplorer d(*explorer);
    gs::DiffusionRunSettings s;
    s.sampler = gs::DiffusionSamplerKind::DDIM;
    s.steps = 10;
    s.count = 4;
    s.seed = 11;
    const gs::DiffusionRun run = d.reverse(s);
    QCOMPARE(int(run.frames.size()), 10);
    QCOMPARE(run.stride, 1);
    QCOMPARE(run.frames.front().t, 99);
    QCOMPARE(run.frames.back().t, 0);
    for (size_t k = 1; k < run.frames.size(); ++k) {
      QVERIFY(run.frames[k].t < run.frames[k - 1].t);
      QCOMPARE(run.frames[k].index, int(k));
    }
    QCOMPARE(run.grid_columns, 2);
    QCOMPARE(run.final.width, run.frames.front().x_t.width);
    QVERIFY(run.frames.front().x_t.pixels != run.frames.back().x_t.pixels);
    QVERIFY(run.seconds > 0);
    // DDIM with η = 0 is deterministic for a seed; another seed gives other samples.
    QCOMPARE(d.reverse(s).final.pixels, run.final.pixels);
    s.seed = 12;
    QVERIFY(d.reverse(s).final.pixels != run.final.pixels);

    // DDPM: every one of the T steps (0: T).
    gs::DiffusionRunSettings ddpm;
    ddpm.sampler = gs::DiffusionSamplerKind::DDPM;
    ddpm.steps = 0;
    const gs::DiffusionRun chain = d.reverse(ddpm);
    QCOMPARE(chain.settings.steps, 100);
    QCOMPARE(int(chain.frames.size()), 100);
  }

  void longChainsAreSubsampled() {
    auto explorer = tinyDdpm(1000);
    gs::DiffusionExplorer d(*explorer);
    gs::DiffusionRunSettings ddpm;
    ddpm.sampler = gs::DiffusionSamplerKind::DDPM;
    ddpm.steps = 1000;
    const gs::DiffusionRun chain = d.reverse(ddpm);
    QVERIFY(chain.stride > 1);
    QVERIFY(int(chain.frames.size()) <= gs::DiffusionExplorer::kMaxFrames);
    QVERIFY(int(chain.frames.size()) >= gs::DiffusionExplorer::kMaxFrames / 2);
    QCOMPARE(chain.frames.front().t, 999);
    QCOMPARE(chain.frames.back().t, 0);
    QCOMPARE(chain.frames.back().index, 999);
    QCOMPARE(chain.frames[1].index, chain.stride);
  }

  void comparisonTimesEverySamplerOnTheSameSeed() {
    auto explorer = tinyDdpm(100);
    gs::DiffusionExplorer d(*explorer);
    const gs::DiffusionComparison c = d.compare(5, 2);
    QCOMPARE(int(c.entries.size()), 4);
    QVERIFY(c.entries[0].settings.sampler == gs::DiffusionSamplerKind::DDPM);
    QCOMPARE(c.entries[0].settings.steps, 100);
    const int ks[] = {10, 20, 50};
    for (int i = 1; i < 4; ++i) {
      QVERIFY(c.entries[size_t(i)].settings.sampler == gs::DiffusionSamplerKind::DDIM);
      QCOMPARE(c.entries[size_t(i)].settings.steps, ks[i - 1]);
    }
    for (const auto& e : c.entries) QVERIFY(e.seconds > 0 && !e.image.empty());
    QVERIFY2(c.entries[1].seconds < c.entries[0].seconds,
             qPrintable(QString("%1 vs %2").arg(c.entries[1].seconds).arg(c.entries[0].seconds)));
    // The DDIM 50 sample is the recorded run's sample of the same seed.
    gs::DiffusionRunSettings s;
    s.steps = 50;
    s.seed = 5;
    s.count = 2;
    QCOMPARE(d.reverse(s).final.pixels, c.entries[3].image.pixels);
    // A model with fewer than 50 steps compares the samplers it can run.
    auto small = tinyDdpm(20);
    QCOMPARE(int(gs::DiffusionExplorer(*small).compare(1, 1).entries.size()), 3);
  }

  void aRaisedCancelFlagStopsTheWork() {
    auto explorer = tinyDdpm(1000);
    gs::DiffusionExplorer d(*explorer);
    gs::DiffusionRunSettings s;
    s.sampler = gs::DiffusionSamplerKind::DDPM;
    s.steps = 1000;
    s.count = 4;
    s.seed = 3;
    // Raised before: not one step.
    std::atomic<bool> cancel{true};
    explorer->set_cancel_flag(&cancel);
    QVERIFY(explorer->cancel_requested());
    bool cancelled = false;
    try {
      d.reverse(s);
    } catch (const gs::Cancelled&) {
      cancelled = true;
    }
    QVERIFY(cancelled);
    cancelled = false;
    try {
      d.compare(3, 2);
    } catch (const gs::Cancelled&) {
      cancelled = true;
    }
    QVERIFY(cancelled);
    // Raised from another thread while a 1000-step chain runs: it ends far sooner.
    cancel = false;
    const auto t0 = std::chrono::steady_clock::now();
    gs::DiffusionRun whole = d.reverse(s);
    const double full = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    QCOMPARE(whole.frames.back().t, 0);
    std::thread raiser([&] {
      std::this_thread::sleep_for(std::chrono::duration<double>(full / 10));
      cancel = true;
    });
    const auto t1 = std::chrono::steady_clock::now();
    cancelled = false;
    try {
      d.reverse(s);
    } catch (const gs::Cancelled&) {
      cancelled = true;
    }
    const double part = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    raiser.join();
    QVERIFY(cancelled);
    qInfo("a 1000-step chain: %.2f s whole, cancelled after %.2f s", full, part);
    QVERIFY2(part < full * 0.6, qPrintable(QString::number(part) + " of " + QString::number(full)));
    // Cleared (or no flag): the work runs as before.
    cancel = false;
    QCOMPARE(d.reverse(s).final.pixels, whole.final.pixels);
    explorer->set_cancel_flag(nullptr);
    QVERIFY(!explorer->cancel_requested());
    QCOMPARE(d.reverse(s).final.pixels, whole.final.pixels);
  }

  void badInputIsRefusedWithASentence() {
    auto explorer = tinyDdpm(100);
    gs::DiffusionExplorer d(*explorer);
    const gs::Image image = explorer->dataset_image(0);
    QVERIFY(errorOf([&] { d.forward(image, 100, 1); }).contains("between 0 and 99"));
    QVERIFY(errorOf([&] { d.forward(image, -1, 1); }).contains("between 0 and 99"));
    gs::Image wrong = image;
    wrong.width = 14;
    wrong.height = 14;
    wrong.pixels.resize(14 * 14);
    QVERIFY(errorOf([&] { d.forward(wrong, 5, 1); }).contains("model's size"));
    QVERIFY(errorOf([&] { d.forward(gs::Image{}, 5, 1); }).contains("empty"));
    gs::DiffusionRunSettings s;
    s.sampler = gs::DiffusionSamplerKind::DDPM;
    s.steps = 20;
    QVERIFY(errorOf([&] { d.reverse(s); }).contains("every one of the model's 100 steps"));
    s.sampler = gs::DiffusionSamplerKind::DDIM;
    s.steps = 101;
    QVERIFY(errorOf([&] { d.reverse(s); }).contains("between 1 and 100"));
    s.steps = 10;
    s.eta = 1.5;
    QVERIFY(errorOf([&] { d.reverse(s); }).contains("η"));
    s.eta = 0;
    s.count = 17;
    QVERIFY(errorOf([&] { d.reverse(s); }).contains("between 1 and 16"));

    gs::SessionConfig vae;
    vae.model_id = "vae";
    vae.dataset.limit = 16;
    auto other = gs::Explorer::from_snapshot(gs::TrainingSession::create(vae)->snapshot());
    QVERIFY(errorOf([&] { gs::DiffusionExplorer probe(*other); (void)probe; }).contains("diffusion model"));
  }
};

GS_TEST_MAIN(TestDiffusionExplorer)
#include "test_diffusion_explorer.moc"
