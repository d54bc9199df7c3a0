// Likelihood plumbing: bits/dim conversion and 8-bit rounding by hand-computed
// cases, the per-pixel histogram baseline on a tiny synthetic set, the VAE's
// discrete pixel likelihoods (normalised, hand-checked masses), its negative
// ELBO against its own training loss, and the session's test-set probe.
#include <chrono>
#include <cmath>
#include <thread>

#include "core/metrics/likelihood_eval.h"
#include "core/model/model_registry.h"
#include "core/models/vae/discrete_pixel_likelihood.h"
#include "core/models/vae/vae_model.h"
#include "test_main.h"
#include "test_support.h"

namespace {

const double kLn2 = std::log(2.0);

// Bright squares at random places (no dataset needed), values on the 8-bit grid.
torch::Tensor toy_images(int64_t n) {
  torch::manual_seed(0);
  torch::Tensor x = torch::full({n, 1, 28, 28}, 10.0 / 255.0);
  auto pos = torch::randint(0, 18, {n, 2});
  for (int64_t i = 0; i < n; ++i) {
    const int64_t r = pos[i][0].item<int64_t>(), c = pos[i][1].item<int64_t>();
    x[i].narrow(1, r, 10).narrow(2, c, 10).fill_(200.0 / 255.0);
  }
  return x;
}

// A model whose likelihood is known in closed form: every pixel uniform over the 256 values.
class UniformModel : public gs::GenerativeModel, public gs::LikelihoodModel {
 public:
  std::string id() const override { return "uniform"; }
  unsigned capabilities() const override { return gs::kCanLogProb; }
  gs::ImageShape image_shape() const override { return gs::ImageShape{1, 4, 4}; }
  int64_t latent_dim() const override { return 0; }
  std::vector<std::string> loss_names() const override { return {"loss"}; }
  torch::Tensor train_step(const torch::Tensor&) override { return torch::zeros({1}); }
  void set_learning_rate(double) override {}
  void set_training(bool t) override { training = t; }
  void save_state(torch::serialize::OutputArchive&) const override {}
  void load_state(torch::serialize::InputArchive&) override {}
  LikelihoodModel* likelihood() override { return this; }
  torch::Tensor nll_nats(const torch::Tensor& x) override {
    ++calls;
    // A stochastic estimate with zero mean noise: it draws from the default generator.
    return torch::full({x.size(0)}, 16 * std::log(256.0), torch::kFloat64) + 0 * torch::randn({x.size(0)}, torch::kFloat64);
  }
  bool nll_is_bound() const override { return false; }
  bool training = true;
  int calls = 0;
};

}  // namespace

class TestLikelihoodEval : public QObject {
  Q_OBJECT
 private slots:
  void bitsPerDimConversion() {
    QCOMPARE(gs::nats_to_bits_per_dim(784 * kLn2, 784), 1.0);
    QCOMPARE(gs::nats_to_bits_per_dim(3 * 8 * kLn2, 3), 8.0);
    QVERIFY(std::abs(gs::nats_to_bits_per_dim(1000.0, 784) - 1000.0 / (784 * 0.6931471805599453)) < 1e-12);
    // 8-bit values: round(255 x), clamped.
    const torch::Tensor v = gs::to_8bit(torch::tensor({0.0f, 0.5f / 255.0f - 1e-6f, 0.5f / 255.0f + 1e-6f, 1.0f, 1.2f, -0.1f}));
    const std::vector<int64_t> expected = {0, 0, 1, 255, 255, 0};
    for (size_t i = 0; i < expected.size(); ++i) QCOMPARE(v[i].item<int64_t>(), expected[i]);
  }

  void evaluateAveragesAndKeepsTheGenerator() {
    UniformModel m;
    const torch::Tensor images = torch::rand({450, 1, 4, 4});
    torch::manual_seed(42);
    const double before = torch::randn({1}).item<double>();
    torch::manual_seed(42);
    const gs::LikelihoodResult r = gs::evaluate_likelihood(m, images, 200);
    QCOMPARE(r.images, int64_t(450));
    QCOMPARE(r.dims, int64_t(16));
    QCOMPARE(m.calls, 3);  // batches of 200, 200, 50
    QVERIFY(std::abs(r.nats - 16 * std::log(256.0)) < 1e-9);
    QVERIFY(std::abs(r.bits_per_dim - 8.0) < 1e-12);
    QVERIFY(!r.bound);
    QVERIFY(!m.training);
    QCOMPARE(torch::randn({1}).item<double>(), before);  // the training stream is untouched
    QVERIFY(errorOf([&] { gs::evaluate_likelihood(m, torch::rand({2, 1, 5, 5})); }).contains("built for"));
    auto ae = gs::create_model("ae", {}, gs::ImageShape{1, 28, 28});
    QVERIFY(errorOf([&] { gs::evaluate_likelihood(*ae, torch::rand({2, 1, 28, 28})); }).contains("no likelihood"));
  }

  // Two training images of 1×1×2 pixels, pseudo-count 1: pixel 0 saw 0 twice,
  // pixel 1 saw 0 once and 255 once; p = (count + 1) / (2 + 256).
  void pixelBaselineByHand() {
    const torch::Tensor train = torch::tensor({0.0f, 0.0f, 0.0f, 1.0f}).reshape({2, 1, 1, 2});
    gs::PixelHistogramBaseline b(train, 1.0);
    QCOMPARE(b.dims(), int64_t(2));
    const torch::Tensor test = torch::tensor({0.0f, 1.0f, 128.0f / 255.0f, 0.0f}).reshape({2, 1, 1, 2});
    const torch::Tensor nll = b.nll_nats(test);
    const double first = -std::log(3.0 / 258) - std::log(2.0 / 258);
    const double second = -std::log(1.0 / 258) - std::log(2.0 / 258);
    QVERIFY(std::abs(nll[0].item<double>() - first) < 1e-9);
    QVERIFY(std::abs(nll[1].item<double>() - second) < 1e-9);
    QVERIFY(std::abs(gs::nats_to_bits_per_dim(first, 2) - first / (2 * kLn2)) < 1e-12);
    // Pixel 0's distribution sums to one: over every v with pixel 1 at 0, Σ p0(v)·p1(0) = p1(0) = 2/258.
    torch::Tensor sweep = torch::zeros({256, 1, 1, 2});
    sweep.select(3, 0).copy_(torch::arange(256).to(torch::kFloat32).div(255).reshape({256, 1, 1}));
    QVERIFY(std::abs(torch::exp(-b.nll_nats(sweep)).sum().item<double>() - 2.0 / 258) < 1e-12);
    QVERIFY(errorOf([&] { gs::PixelHistogramBaseline(train, 0.0); }).contains("pseudo-count"));
  }

  // Continuous Bernoulli bins: masses sum to one for every logit; ℓ = 0 is
  // uniform (ln 256 per pixel); ℓ = ln 3 (λ = 3/4) gives (3^{(v+1)/256} − 3^{v/256}) / 2.
  void continuousBernoulliBins() {
    const torch::Tensor v = torch::arange(256, torch::kInt64);
    for (double l : {-40.0, -5.0, -0.3, -1e-9, 0.0, 1e-8, 0.2, 4.0, 40.0}) {
      const torch::Tensor nll = gs::continuous_bernoulli_bin_nll(torch::full({256}, l, torch::kFloat64), v);
      QVERIFY2(std::abs(torch::exp(-nll).sum().item<double>() - 1.0) < 1e-9, qPrintable(QString::number(l)));
      QVERIFY(torch::isfinite(nll).all().item<bool>());
    }
    const torch::Tensor zero = gs::continuous_bernoulli_bin_nll(torch::zeros({256}), v);
    QVERIFY((zero - std::log(256.0)).abs().max().item<double>() < 1e-12);
    const torch::Tensor l3 = gs::continuous_bernoulli_bin_nll(torch::full({256}, std::log(3.0), torch::kFloat64), v);
    for (int k : {0, 100, 255}) {
      const double mass = (std::pow(3.0, (k + 1) / 256.0) - std::pow(3.0, k / 256.0)) / 2.0;
      QVERIFY(std::abs(l3[k].item<double>() + std::log(mass)) < 1e-10);
    }
    // Gaussian bins: normalised, the outer bins take the tails.
    const torch::Tensor g = gs::gaussian_bin_nll(torch::full({256}, 0.3, torch::kFloat64), 0.05, v);
    QVERIFY(std::abs(torch::exp(-g).sum().item<double>() - 1.0) < 1e-9);
    const double p0 = 0.5 * std::erfc((0.3 - 1.0 / 256) / (0.05 * std::sqrt(2.0)));  // Φ((1/256 − 0.3)/σ)
    QVERIFY(std::abs(g[0].item<double>() + std::log(p0)) < 1e-9);
  }

  // The VAE's negative ELBO, from the same weights and the same posterior
  // sample as a training step at β = 1: the same KL, and the discrete
  // reconstruction NLL equals the training loss's Bernoulli cross-entropy
  // converted by hand: −log P(v|z) − BCE(x, ℓ) = (x − a)ℓ − log w − g(wℓ) + g(ℓ) − softplus(ℓ)
  // with a = v/256, w = 1/256, g(t) = log((e^t − 1)/t).
  void vaeElboMatchesTrainingLoss() {
    torch::manual_seed(5);
    auto model = gs::create_model("vae", {{"latent_dim", "4"}, {"precision", "fp32"}, {"hidden1", "64"}, {"hidden2", "32"}},
                                  gs::ImageShape{1, 28, 28});
    auto& vae = dynamic_cast<gs::VaeModel&>(*model);
    QVERIFY(model->likelihood() == &vae);
    QVERIFY(vae.nll_is_bound());
    QVERIFY(model->capabilities() & gs::kCanLogProb);
    const torch::Tensor x = toy_images(16);
    for (int i = 0; i < 40; ++i) model->train_step(x);  // leave the initial point
    model->set_learning_rate(1e-30);                     // the next step keeps the weights
    torch::manual_seed(9);
    const torch::Tensor loss = model->train_step(x);     // [total, recon, kl], means over the batch
    torch::manual_seed(9);
    const torch::Tensor terms = vae.elbo_terms(x);       // [N, 2]
    QVERIFY(std::abs(terms.select(1, 1).mean().item<double>() - loss[2].item<double>()) < 1e-3 * loss[2].item<double>() + 1e-4);

    torch::manual_seed(9);
    torch::NoGradGuard ng;
    const torch::Tensor head = vae.encoder_head(x);
    const torch::Tensor mu = head.narrow(1, 0, 4), std = torch::exp(0.5 * head.narrow(1, 4, 4));
    const torch::Tensor l = vae.decoder_logits(mu + std * torch::randn_like(std)).to(torch::kFloat64).flatten(1);
    const torch::Tensor xd = x.to(torch::kFloat64).flatten(1);
    const torch::Tensor a = gs::to_8bit(x).to(torch::kFloat64).flatten(1) / 256.0;
    auto g = [](const torch::Tensor& t) { return torch::log(torch::expm1(t) / t); };
    const double w = 1.0 / 256;
    const torch::Tensor correction = (xd - a) * l - std::log(w) - g(w * l) + g(l) - torch::softplus(l);
    const double bce = loss[1].item<double>();
    const double expected = bce + correction.sum(1).mean().item<double>();
    const double got = terms.select(1, 0).mean().item<double>();
    QVERIFY2(std::abs(got - expected) < 1e-4 * std::abs(expected), qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
    // nll_nats is their sum, and the autoencoder has no likelihood.
    torch::manual_seed(9);
    QVERIFY((vae.nll_nats(x) - terms.sum(1)).abs().max().item<double>() < 1e-9);
    auto ae = gs::create_model("ae", {}, gs::ImageShape{1, 28, 28});
    QVERIFY(ae->likelihood() == nullptr);
    QVERIFY(!(ae->capabilities() & gs::kCanLogProb));
  }

  // The training probe: evaluates on the first call, then only once enough
  // time has passed for it to stay under its share of the wall time.
  void probeKeepsItsShare() {
    UniformModel m;
    gs::TestLikelihoodProbe probe(torch::rand({300, 1, 4, 4}), 100, 0.5);
    std::vector<std::string> names;
    std::vector<double> values;
    probe.maybe_run(m, &names, &values);
    QCOMPARE(names, (std::vector<std::string>{"test_bits_per_dim", "test_nats"}));
    QVERIFY(std::abs(values[0] - 8.0) < 1e-12);
    QCOMPARE(m.calls, 1);  // 100 images, one batch
    names.clear();
    values.clear();
    for (int i = 0; i < 20 && names.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      probe.maybe_run(m, &names, &values);
    }
    QCOMPARE(names.size(), size_t(2));  // share 0.5: again after as long as it took
  }
};

GS_TEST_MAIN(TestLikelihoodEval)
#include "test_likelihood_eval.moc"
