// The diffusion model "ddpm": the closed form q(x_t | x_0) against iterated
// one-step noising, the schedules' ᾱ (monotone, right ends), DDIM at η = 0
// deterministic for a seed, DDIM over all T steps at η = 1 equal to DDPM (per
// step variance and whole samples), training lowering the loss, the checkpoint
// round trip with the EMA, per-quarter losses that never go NaN, bad
// parameters refused with sentences, and kIterative ⇔ diffusion().
#include <cmath>
#include <sstream>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/ddpm/ddpm_model.h"
#include "core/models/ddpm/reverse_process.h"
#include "test_main.h"
#include "test_support.h"

namespace {

using Sampler = gs::DiffusionSampling::Sampler;

std::unique_ptr<gs::DdpmModel> model_of(gs::ImageShape shape, gs::ParamValues extra = {}) {
  torch::manual_seed(5);
  gs::ParamValues p{{"channels", "8"}, {"timesteps", "50"}, {"sample_steps", "10"}, {"hidden", "32"},
                    {"lr", "0.003"}};
  for (const auto& [k, v] : extra) p[k] = v;
  return std::make_unique<gs::DdpmModel>(gs::resolve_params(gs::DdpmModel::param_specs(), p), shape);
}

// Bright squares at random places on black, [n, 1, s, s] in [0, 1].
torch::Tensor squares(int64_t n, int64_t side) {
  torch::manual_seed(0);
  torch::Tensor x = torch::zeros({n, 1, side, side});
  auto pos = torch::randint(0, side / 2, {n, 2});
  for (int64_t i = 0; i < n; ++i) {
    x[i].narrow(1, pos[i][0].item<int64_t>(), side / 2).narrow(2, pos[i][1].item<int64_t>(), side / 2).fill_(1.0);
  }
  return x;
}

gs::DiffusionSampling how(Sampler s, int steps, double eta = 0) {
  gs::DiffusionSampling h;
  h.sampler = s;
  h.steps = steps;
  h.eta = eta;
  return h;
}

}  // namespace

class TestDdpm : public QObject {
  Q_OBJECT
 private slots:
  void closedFormMatchesIteratedNoising() {
    for (const char* name : {"linear", "cosine"}) {
      auto model = model_of(gs::ImageShape{2, 1, 1, true}, {{"schedule", name}});
      const gs::NoiseSchedule& s = model->schedule();
      const int64_t M = 40000;
      torch::Tensor x0 = torch::tensor({1.5f, -0.5f}).repeat({M, 1});
      for (int64_t t : {0, 7, 24, 49}) {
        torch::manual_seed(100 + t);
        torch::Tensor x = x0.clone();
        for (int64_t k = 0; k <= t; ++k) x = x * std::sqrt(1.0 - s.beta(k)) + torch::randn_like(x) * std::sqrt(s.beta(k));
        torch::Tensor closed = model->q_sample(x0, torch::full({M}, t, torch::kLong), torch::randn_like(x0));
        const double ab = s.alpha_bar(t);
        for (const torch::Tensor& y : {x, closed}) {
          torch::Tensor mean = y.mean(0), var = y.var(0);
          for (int d = 0; d < 2; ++d) {
            const double want_mean = std::sqrt(ab) * x0[0][d].item<double>();
            QVERIFY2(std::abs(mean[d].item<double>() - want_mean) < 0.02,
                     qPrintable(QString("%1 t=%2 mean %3 vs %4").arg(name).arg(t).arg(mean[d].item<double>()).arg(want_mean)));
            QVERIFY2(std::abs(var[d].item<double>() - (1.0 - ab)) < 0.03 * (1.0 - ab) + 1e-5,
                     qPrintable(QString("%1 t=%2 var %3 vs %4").arg(name).arg(t).arg(var[d].item<double>()).arg(1 - ab)));
          }
        }
      }
    }
  }

  void alphaBarIsMonotoneWithTheRightEnds() {
    for (const char* name : {"linear", "cosine"}) {
      for (int64_t T : {100, 1000}) {
        gs::NoiseSchedule s(name, T);
        QCOMPARE(s.timesteps(), T);
        QCOMPARE(s.alpha_bar(-1), 1.0);
        for (int64_t t = 0; t < T; ++t) QVERIFY(s.alpha_bar(t) < s.alpha_bar(t - 1));
        QVERIFY2(s.alpha_bar(0) > 0.998, qPrintable(QString("%1 T=%2 ᾱ_0 %3").arg(name).arg(T).arg(s.alpha_bar(0))));
        QVERIFY2(s.alpha_bar(T - 1) < 1e-3, qPrintable(QString("%1 T=%2 ᾱ_T-1 %3").arg(name).arg(T).arg(s.alpha_bar(T - 1))));
        torch::Tensor ab = s.alpha_bar_tensor();
        QCOMPARE(ab.size(0), T);
        QVERIFY(std::abs(ab[T / 2].item<double>() - s.alpha_bar(T / 2)) < 1e-6);
      }
    }
    // The cosine schedule's midpoint: ᾱ at t = T/2 is about cos²(π/4) = 0.5.
    QVERIFY(std::abs(gs::NoiseSchedule("cosine", 1000).alpha_bar(499) - 0.5) < 0.02);
    QVERIFY(errorOf([] { gs::NoiseSchedule("quadratic", 100); }).contains("linear or cosine"));
    QVERIFY(errorOf([] { gs::NoiseSchedule("linear", 5000); }).contains("between 2 and 1000"));
  }

  void samplerTimestepsAreEvenlySpaced() {
    QCOMPARE(gs::sampler_timesteps(how(Sampler::DDIM, 5), 1000), (std::vector<int64_t>{999, 749, 500, 250, 0}));
    QCOMPARE(gs::sampler_timesteps(how(Sampler::DDIM, 1), 1000), (std::vector<int64_t>{999}));
    QCOMPARE(gs::sampler_timesteps(how(Sampler::DDPM, 50), 50).size(), size_t(50));
    QCOMPARE(gs::sampler_timesteps(how(Sampler::DDIM, 50), 50).front(), int64_t(49));
  }

  void ddimAtEtaZeroIsDeterministicForASeed() {
    auto model = model_of(gs::ImageShape{1, 8, 8});
    torch::Tensor data = squares(16, 8);
    for (int i = 0; i < 5; ++i) model->train_step(data);
    model->set_training(false);
    torch::manual_seed(9);
    torch::Tensor x_T = torch::randn({4, 1, 8, 8});
    auto g1 = at::make_generator<at::CPUGeneratorImpl>(1), g2 = at::make_generator<at::CPUGeneratorImpl>(2);
    torch::Tensor a = model->sample(x_T, how(Sampler::DDIM, 10), g1);
    torch::Tensor b = model->sample(x_T, how(Sampler::DDIM, 10), g2);
    QVERIFY(torch::equal(a, b));
    QVERIFY(a.std().item<float>() > 0);
    // With η > 0 the generator matters: the same seed repeats, another differs.
    auto g3 = at::make_generator<at::CPUGeneratorImpl>(1), g4 = at::make_generator<at::CPUGeneratorImpl>(1);
    auto g5 = at::make_generator<at::CPUGeneratorImpl>(2);
    torch::Tensor c = model->sample(x_T, how(Sampler::DDIM, 10, 0.5), g3);
    QVERIFY(torch::equal(c, model->sample(x_T, how(Sampler::DDIM, 10, 0.5), g4)));
    QVERIFY(!torch::allclose(c, model->sample(x_T, how(Sampler::DDIM, 10, 0.5), g5)));
    // decode is DDIM at η = 0 with sample_steps: deterministic, images in [0, 1].
    torch::Tensor d1 = model->decode(x_T.reshape({4, 64})), d2 = model->decode(x_T.reshape({4, 64}));
    QVERIFY(torch::equal(d1, d2));
    QVERIFY(d1.min().item<float>() >= 0 && d1.max().item<float>() <= 1);
    // The step callback sees every step and can stop the chain.
    int seen = 0;
    model->sample(x_T, how(Sampler::DDIM, 10), g1, [&](int i, int64_t, const torch::Tensor&, const auto& p) {
      ++seen;
      return p.x0_hat.defined() && i < 3;
    });
    QCOMPARE(seen, 4);
  }

  void ddimOverAllStepsAtEtaOneIsDdpm() {
    for (const char* name : {"linear", "cosine"}) {
      gs::NoiseSchedule s(name, 50);
      for (int64_t t = 0; t < 50; ++t) {
        const double sigma = gs::ddim_sigma(s, t, t - 1, 1.0);
        QVERIFY2(std::abs(sigma * sigma - s.posterior_variance(t)) <= 1e-9 + 1e-6 * s.posterior_variance(t),
                 qPrintable(QString("%1 t=%2").arg(name).arg(t)));
        QCOMPARE(gs::ddim_sigma(s, t, t - 1, 0.0), 0.0);
      }
      QCOMPARE(s.posterior_variance(0), 0.0);
      // Whole samples: the same x_T and the same noise draws give the same result.
      auto model = model_of(gs::ImageShape{2, 1, 1, true}, {{"schedule", name}});
      torch::Tensor pts = torch::randn({256, 2}) * 0.3 + 1.0;
      for (int i = 0; i < 20; ++i) model->train_step(pts);
      model->set_training(false);
      torch::Tensor x_T = torch::randn({64, 2});
      auto g1 = at::make_generator<at::CPUGeneratorImpl>(7), g2 = at::make_generator<at::CPUGeneratorImpl>(7);
      torch::Tensor ddpm = model->sample(x_T, how(Sampler::DDPM, 50), g1);
      torch::Tensor ddim = model->sample(x_T, how(Sampler::DDIM, 50, 1.0), g2);
      QVERIFY2(torch::allclose(ddpm, ddim, 1e-4, 1e-4),
               qPrintable(QString("%1: max difference %2").arg(name).arg((ddpm - ddim).abs().max().item<double>())));
      auto g3 = at::make_generator<at::CPUGeneratorImpl>(7);
      QVERIFY(!torch::allclose(ddpm, model->sample(x_T, how(Sampler::DDIM, 50, 0.0), g3), 1e-3, 1e-3));
    }
  }

  void trainingLowersTheLoss() {
    auto model = model_of(gs::ImageShape{1, 8, 8});
    torch::Tensor data = squares(32, 8);
    torch::manual_seed(1);
    bool finite = true;
    auto mean_loss = [&](int steps) {
      double sum = 0;
      for (int i = 0; i < steps; ++i) {
        torch::Tensor l = model->train_step(data);
        finite = finite && torch::isfinite(l).all().item<bool>();
        sum += l[0].item<double>();
      }
      return sum / steps;
    };
    const double first = mean_loss(10);
    mean_loss(130);
    const double last = mean_loss(10);
    QVERIFY(finite);
    QVERIFY2(last < 0.6 * first, qPrintable(QString("loss %1 → %2").arg(first).arg(last)));
    QCOMPARE(model->ema_updates(), int64_t(150));
  }

  void quarterLossesNeverGoNaN() {
    auto model = model_of(gs::ImageShape{2, 1, 1, true}, {{"draws", "1"}});
    QCOMPARE(model->loss_names().size(), size_t(1 + gs::DdpmModel::kBuckets));
    torch::Tensor one = torch::randn({1, 2});
    for (int i = 0; i < 30; ++i) {  // one item per batch: three quarters have no t each step
      torch::Tensor l = model->train_step(one);
      QCOMPARE(l.size(0), int64_t(5));
      QVERIFY2(torch::isfinite(l).all().item<bool>(), qPrintable(QString("step %1").arg(i)));
      QVERIFY(l.narrow(0, 1, 4).min().item<float>() > 0);
    }
  }

  void checkpointRoundTripKeepsTheEma() {
    auto a = model_of(gs::ImageShape{1, 8, 8}, {{"ema_decay", "0.9"}});
    torch::Tensor data = squares(16, 8);
    for (int i = 0; i < 12; ++i) a->train_step(data);
    std::stringstream bytes;
    torch::serialize::OutputArchive out;
    a->save_state(out);
    out.save_to(bytes);
    auto b = model_of(gs::ImageShape{1, 8, 8}, {{"ema_decay", "0.9"}});
    bytes.seekg(0);
    torch::serialize::InputArchive in;
    in.load_from(bytes);
    b->load_state(in);
    QVERIFY(torch::equal(a->ema_weights(), b->ema_weights()));
    QCOMPARE(b->ema_updates(), a->ema_updates());
    a->set_training(false);
    b->set_training(false);
    torch::Tensor x = torch::randn({3, 1, 8, 8});
    torch::Tensor t = torch::tensor({0, 20, 49}, torch::kLong);
    gs::DiffusionSampling live;
    live.use_ema = false;
    const gs::DiffusionSampling ema;
    QVERIFY(torch::equal(a->predict(x, t, ema).eps, b->predict(x, t, ema).eps));
    QVERIFY(torch::equal(a->predict(x, t, live).eps, b->predict(x, t, live).eps));
    QVERIFY(!torch::allclose(a->predict(x, t, live).eps, a->predict(x, t, ema).eps));  // the EMA is its own weights
    // The next step continues identically (optimizer moments and loss buckets restored).
    torch::manual_seed(4);
    torch::Tensor la = a->train_step(data);
    torch::manual_seed(4);
    torch::Tensor lb = b->train_step(data);
    QVERIFY(torch::allclose(la, lb));
    // Another shape refuses with a sentence.
    auto wider = model_of(gs::ImageShape{1, 8, 8}, {{"channels", "16"}});
    bytes.seekg(0);
    torch::serialize::InputArchive in2;
    in2.load_from(bytes);
    const QString err = errorOf([&] { wider->load_state(in2); });
    QVERIFY2(err.contains("other parameters"), qPrintable(err));
  }

  void badParametersAreRefusedWithSentences() {
    const gs::ImageShape img{1, 8, 8};
    QVERIFY(errorOf([&] { gs::create_model("ddpm", {{"timesteps", "5000"}}, img); }).contains("timesteps"));
    QVERIFY(errorOf([&] { gs::create_model("ddpm", {{"schedule", "quadratic"}}, img); }).contains("schedule"));
    QVERIFY(errorOf([&] { gs::create_model("ddpm", {{"timesteps", "20"}, {"sample_steps", "50"}}, img); })
                .contains("cannot exceed the timesteps"));
    QVERIFY(errorOf([&] { gs::create_model("ddpm", {}, gs::ImageShape{1, 30, 30}); }).contains("multiples of 4"));
    QVERIFY(errorOf([&] { gs::create_model("ddpm", {{"channels", "12"}}, img); }).contains("multiple of 8"));
    QVERIFY(errorOf([&] { gs::create_model("ddpm", {}, gs::ImageShape{1, 8, 8, false, 2}); }).contains("two image domains"));
    auto model = model_of(img);
    torch::Tensor x = torch::randn({2, 1, 8, 8});
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    QVERIFY(errorOf([&] { model->sample(x, how(Sampler::DDIM, 0), gen); }).contains("between 1 and 50"));
    QVERIFY(errorOf([&] { model->sample(x, how(Sampler::DDIM, 51), gen); }).contains("between 1 and 50"));
    QVERIFY(errorOf([&] { model->sample(x, how(Sampler::DDPM, 10), gen); }).contains("every one of the model's 50"));
    QVERIFY(errorOf([&] { model->sample(x, how(Sampler::DDIM, 10, -1), gen); }).contains("η"));
    QVERIFY(errorOf([&] { model->sample(torch::randn({2, 1, 6, 6}), how(Sampler::DDIM, 10), gen); }).contains("1×8×8"));
    QVERIFY(errorOf([&] { model->q_sample(x, torch::tensor({0, 50}, torch::kLong), x); }).contains("outside 0 … 49"));
    QVERIFY(errorOf([&] { model->q_sample(x, torch::tensor({0}, torch::kLong), x); }).contains("one per item"));
    gs::DiffusionSampling labelled;
    labelled.class_label = 3;
    QVERIFY(errorOf([&] { model->predict(x, torch::tensor({1, 2}, torch::kLong), labelled); }).contains("class labels"));
    QVERIFY(errorOf([&] { model->decode(torch::zeros({2, 10})); }).contains("64"));
    QVERIFY(errorOf([&] { model->set_live_param("sample_steps", "60"); }).contains("cannot exceed"));
    QVERIFY(model->set_live_param("sample_steps", "25"));
    QVERIFY(!model->set_live_param("timesteps", "100"));  // needs a rebuild
  }

  void iterativeExactlyWithDiffusion() {
    for (const gs::ImageShape& shape : {gs::ImageShape{1, 28, 28}, gs::ImageShape{3, 32, 32}, gs::ImageShape{2, 1, 1, true}}) {
      auto m = gs::create_model("ddpm", {}, shape);
      QCOMPARE(m->capabilities(), unsigned(gs::kCanSample | gs::kCanDecode | gs::kIterative));
      QVERIFY(m->diffusion() != nullptr);
      QCOMPARE(m->latent_dim(), shape.numel());
      QCOMPARE(m->diffusion()->timesteps(), int64_t(1000));
      QCOMPARE(QString::fromStdString(m->diffusion()->schedule_name()), QString("cosine"));
    }
    QVERIFY(gs::find_model("ddpm"));
    QCOMPARE(gs::find_model("ddpm")->capabilities & gs::kIterative, unsigned(gs::kIterative));
  }
};

GS_TEST_MAIN(TestDdpm)
#include "test_ddpm.moc"
