// The playground's view of a diffusion model (PlaneViewBuilder::add_diffusion_steps),
// checked against a model whose ε̂ is exact: for Gaussian data N(μ, s²I) the best
// noise prediction is known in closed form, so the view's DDIM run must carry the
// fixed noise batch onto the data's mean and spread, its states must be consistent
// (sizes, finite values, trajectories following the points), and its score arrows
// must point at the noised data's centre √ᾱ_t μ. A prediction of the wrong shape is refused with a sentence.
#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>

#include "core/explore/plane_view_builder.h"
#include "core/model/diffusion_model.h"
#include "core/train/train_control.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

constexpr double kMuX = 1.5, kMuY = -0.5, kSpread = 0.3;

// x_0 ~ N(μ, s² I); linear schedule β = 1e-4 … 0.02 over T = 1000 steps.
class GaussianDiffusion : public gs::DiffusionModel {
 public:
  explicit GaussianDiffusion(bool broken = false) : broken_(broken) {
    torch::Tensor beta = torch::linspace(1e-4, 0.02, 1000, torch::kFloat64);
    alpha_bar_ = torch::cumprod(1 - beta, 0).to(torch::kFloat32);
  }
  int64_t timesteps() const override { return 1000; }
  std::string schedule_name() const override { return "linear"; }
  torch::Tensor alpha_bar() const override { return alpha_bar_; }
  torch::Tensor q_sample(const torch::Tensor& x0, const torch::Tensor& t, const torch::Tensor& noise) const override {
    torch::Tensor a = alpha_bar_.index_select(0, t).unsqueeze(1);
    return a.sqrt() * x0 + (1 - a).sqrt() * noise;
  }
  Prediction predict(const torch::Tensor& x_t, const torch::Tensor& t, const gs::DiffusionSampling&) override {
    ++calls;
    torch::Tensor a = alpha_bar_.index_select(0, t).unsqueeze(1);
    torch::Tensor mu = torch::tensor({kMuX, kMuY}, torch::kFloat32).unsqueeze(0).narrow(1, 0, x_t.size(1));
    // E[ε | x_t] for Gaussian data: √(1−ᾱ) (x_t − √ᾱ μ) / (ᾱ s² + 1 − ᾱ).
    torch::Tensor eps = (1 - a).sqrt() * (x_t - a.sqrt() * mu) / (a * kSpread * kSpread + 1 - a);
    Prediction p;
    p.eps = broken_ ? eps.narrow(0, 0, 1) : eps;
    p.x0_hat = (x_t - (1 - a).sqrt() * eps) / a.sqrt();
    return p;
  }
  torch::Tensor sample(const torch::Tensor& x_T, const gs::DiffusionSampling&, torch::Generator&,
                       const StepCallback&) override {
    return x_T;  // not used by the view
  }
  torch::Tensor to_model_space(const torch::Tensor& data) const override { return data; }
  torch::Tensor to_image_space(const torch::Tensor& x) const override { return x; }
  int calls = 0;

 private:
  bool broken_;
  torch::Tensor alpha_bar_;
};

gs::PlaneView emptyView() {
  gs::PlaneView v;
  v.dims = 2;
  v.x0 = -1.5, v.x1 = 3.5, v.y0 = -3, v.y1 = 2;
  return v;
}

torch::Tensor noiseBatch(int n) {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(11);
  return torch::randn({n, 2}, gen);
}

torch::Tensor points(const std::vector<float>& xy) {
  return torch::from_blob(const_cast<float*>(xy.data()), {int64_t(xy.size() / 2), 2}, torch::kFloat32).clone();
}

bool allFinite(const std::vector<float>& v) {
  for (float f : v) {
    if (!std::isfinite(f)) return false;
  }
  return true;
}

}  // namespace

class PlaneViewDiffusionTest : public QObject {
  Q_OBJECT

 private slots:
  void statesAreConsistent() {
    GaussianDiffusion model;
    gs::PlaneView v = emptyView();
    const auto began = std::chrono::steady_clock::now();
    gs::PlaneViewBuilder::add_diffusion_steps(model, noiseBatch(1000), &v);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    qInfo("DDIM view of 1000 points + 144 arrows, 40 steps, analytic ε̂: %.1f ms", ms);
    const int K = gs::PlaneViewBuilder::kDiffusionSteps;
    QCOMPARE(model.calls, K);  // the points and the grid share one call per kept step
    QCOMPARE(v.diffusion_T, 1000);
    QCOMPARE(int(v.diffusion_t.size()), K + 1);
    QCOMPARE(v.diffusion_t.front(), 999);
    QCOMPARE(v.diffusion_t[K - 1], 0);
    QCOMPARE(v.diffusion_t.back(), -1);
    for (int k = 1; k < K; ++k) QVERIFY(v.diffusion_t[k] < v.diffusion_t[k - 1]);
    QCOMPARE(int(v.diffusion_alpha_bar.size()), K + 1);
    QVERIFY(v.diffusion_alpha_bar.front() < 1e-3f);
    QCOMPARE(v.diffusion_alpha_bar.back(), 1.0f);
    const int g = gs::PlaneViewBuilder::kScoreGrid;
    QCOMPARE(v.score_grid_n, g);
    QCOMPARE(int(v.score_grid.size()), g * g * 2);
    QCOMPARE(int(v.diffusion_points.size()), K + 1);
    QCOMPARE(int(v.score_field.size()), K + 1);
    for (int k = 0; k <= K; ++k) {
      QCOMPARE(int(v.diffusion_points[k].size()), 2000);
      QCOMPARE(int(v.score_field[k].size()), g * g * 2);
      QVERIFY(allFinite(v.diffusion_points[k]));
      QVERIFY(allFinite(v.score_field[k]));
    }
    // The first state is the noise batch itself, the last the generated points.
    const torch::Tensor noise = noiseBatch(1000);
    QCOMPARE(v.diffusion_points.front(), std::vector<float>(noise.data_ptr<float>(), noise.data_ptr<float>() + 2000));
    QCOMPARE(v.fake, v.diffusion_points.back());
    // Grid cells lie inside the bounds.
    for (size_t i = 0; i + 1 < v.score_grid.size(); i += 2) {
      QVERIFY(v.score_grid[i] > v.x0 && v.score_grid[i] < v.x1);
      QVERIFY(v.score_grid[i + 1] > v.y0 && v.score_grid[i + 1] < v.y1);
    }
    // Trajectories follow points 0 … count−1 through every state.
    QCOMPARE(v.trajectory_count, gs::PlaneViewBuilder::kTrajectories);
    QCOMPARE(int(v.trajectories.size()), v.trajectory_count * (K + 1) * 2);
    const int i = 5, k = 17;
    QCOMPARE(v.trajectories[size_t(i * (K + 1) + k) * 2], v.diffusion_points[k][2 * i]);
    QCOMPARE(v.trajectories[size_t(i * (K + 1) + k) * 2 + 1], v.diffusion_points[k][2 * i + 1]);
  }

  void noiseIsCarriedOntoTheData() {
    GaussianDiffusion model;
    gs::PlaneView v = emptyView();
    gs::PlaneViewBuilder::add_diffusion_steps(model, noiseBatch(4000), &v);
    const torch::Tensor start = points(v.diffusion_points.front()), end = points(v.fake);
    const torch::Tensor mu = torch::tensor({float(kMuX), float(kMuY)});
    QVERIFY(start.mean(0).norm().item<double>() < 0.1);
    const double endMean = (end.mean(0) - mu).norm().item<double>();
    QVERIFY2(endMean < 0.05, qPrintable(QString::number(endMean)));
    const torch::Tensor sd = end.std(0);
    for (int d = 0; d < 2; ++d) {
      const double s = sd[d].item<double>();
      QVERIFY2(std::abs(s - kSpread) < 0.05, qPrintable(QString::number(s)));
    }
    // Half-way the batch is between the noise and the data.
    auto meanDistance = [&](const std::vector<float>& xy) { return (points(xy) - mu).norm(2, 1).mean().item<double>(); };
    const int K = int(v.diffusion_points.size()) - 1;
    QVERIFY(meanDistance(v.diffusion_points[K / 2]) < meanDistance(v.diffusion_points[0]));
    QVERIFY(meanDistance(v.diffusion_points[K]) < meanDistance(v.diffusion_points[K / 2]));
  }

  void scoreArrowsPointAtTheData() {
    GaussianDiffusion model;
    gs::PlaneView v = emptyView();
    gs::PlaneViewBuilder::add_diffusion_steps(model, noiseBatch(100), &v);
    for (size_t k : {size_t(0), v.score_field.size() / 2, v.score_field.size() - 1}) {
      // At t the noisy data is centred on √ᾱ_t μ (the origin at t = T−1, μ itself at t = 0).
      const std::vector<float>& s = v.score_field[k];
      const double c = std::sqrt(double(v.diffusion_alpha_bar[k]));
      for (size_t i = 0; i + 1 < v.score_grid.size(); i += 2) {
        const double tx = c * kMuX - v.score_grid[i], ty = c * kMuY - v.score_grid[i + 1];
        if (std::hypot(tx, ty) < 0.3) continue;  // near the centre the direction is ill-defined
        QVERIFY2(s[i] * tx + s[i + 1] * ty > 0, qPrintable(QString("state %1, cell %2").arg(k).arg(i / 2)));
      }
    }
    // Near the data (t = 0) the pull is far stronger than at t = T−1, where the data is forgotten.
    auto norm = [](const std::vector<float>& f) { return points(f).norm(2, 1).mean().item<double>(); };
    QVERIFY(norm(v.score_field.back()) > 5 * norm(v.score_field.front()));
  }

  void oneDimensionalDataGetsOnlyTheSamples() {
    GaussianDiffusion model;
    gs::PlaneView v;
    v.dims = 1;
    // A 1-D view still runs the reverse process; the 2-D lists stay empty.
    gs::PlaneViewBuilder::add_diffusion_steps(model, noiseBatch(50).narrow(1, 0, 1).contiguous(), &v);
    QCOMPARE(int(v.fake.size()), 50);
    QVERIFY(v.diffusion_points.empty());
    QCOMPARE(v.diffusion_T, 0);
  }

  // The registered diffusion family on two moons through a session (a few steps: the
  // quality of the samples is the GUI test's business): the playground's view carries the
  // reverse run instead of a generator manifold, every value finite, and what it costs.
  void registeredModelGivesTheReverseRun() {
    gs::SessionConfig c;
    c.model_id = "ddpm";
    c.dataset.id = "moons";
    c.params = {{"batch_size", "64"}};
    c.seed = 5;
    auto session = gs::TrainingSession::create(c);
    gs::RunOptions o;
    o.total_steps = 20;
    o.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(o, control, quiet);
    const auto built = std::chrono::steady_clock::now();
    const gs::PlaneView v = session->plane_view();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - built).count();
    qInfo("plane view of the default 2-D model (1000 points, 144 arrows, 40 DDIM steps): %.0f ms", ms);
    QVERIFY(v.diffusion_T > 0);
    QCOMPARE(v.diffusion_t.front(), v.diffusion_T - 1);
    QCOMPARE(int(v.diffusion_points.size()), gs::PlaneViewBuilder::kDiffusionSteps + 1);
    QCOMPARE(int(v.score_field.size()), gs::PlaneViewBuilder::kDiffusionSteps + 1);
    QCOMPARE(int(v.fake.size()), 2000);
    QCOMPARE(v.fake, v.diffusion_points.back());
    QVERIFY(v.mesh.empty());  // no generator manifold for a diffusion model
    QVERIFY(v.field.empty());
    for (const auto& p : v.diffusion_points) QVERIFY(allFinite(p));
    for (const auto& f : v.score_field) QVERIFY(allFinite(f));
    // The session's fixed batch is the noise: the same view twice is the same run.
    QCOMPARE(session->plane_view().diffusion_points.front(), v.diffusion_points.front());
  }

  void wrongShapedPredictionIsRefused() {
    GaussianDiffusion model(true);
    gs::PlaneView v = emptyView();
    const QString message = errorOf([&] { gs::PlaneViewBuilder::add_diffusion_steps(model, noiseBatch(10), &v); });
    QVERIFY2(message.contains(QStringLiteral("does not have the shape of its input")), qPrintable(message));
  }
};

GS_TEST_MAIN(PlaneViewDiffusionTest)
#include "test_plane_view_diffusion.moc"
