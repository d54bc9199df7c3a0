// The restricted Boltzmann machine: the free-energy gradient matches autograd,
// AIS agrees with the exact log Z of an RBM small enough to enumerate (12
// visible, 6 hidden), CD and PCD training lower the reconstruction error,
// clamped units never change in gibbs(), the pseudo-likelihood by hand, the
// checkpoint round trip, and bad parameters and tensors refused.
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <sstream>

#include "core/common/error.h"
#include "core/metrics/energy_eval.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/rbm/rbm_model.h"
#include "test_main.h"
#include "test_support.h"

namespace {

std::unique_ptr<gs::RbmModel> make_rbm(gs::ImageShape shape, gs::ParamValues p = {}) {
  torch::manual_seed(5);
  return std::make_unique<gs::RbmModel>(gs::resolve_params(gs::RbmModel::param_specs(), p), shape);
}

// A small RBM with weights big enough to make the distribution interesting.
std::unique_ptr<gs::RbmModel> random_small_rbm() {
  auto rbm = make_rbm({1, 3, 4}, {{"hidden", "6"}});
  torch::manual_seed(11);
  rbm->set_parameters(torch::randn({12, 6}) * 1.0, torch::randn({12}) * 0.5, torch::randn({6}) * 0.5);
  return rbm;
}

// Every binary configuration of d units, [2^d, d].
torch::Tensor all_configurations(int64_t d) {
  torch::Tensor codes = torch::arange(int64_t(1) << d, torch::kLong).unsqueeze(1);
  torch::Tensor bits = torch::arange(d, torch::kLong).unsqueeze(0);
  return codes.bitwise_right_shift(bits).bitwise_and(1).to(torch::kFloat32);
}

// Toy binary images: a bar in one of four rows of an 8×8 image.
torch::Tensor bars(int64_t n) {
  torch::Tensor x = torch::zeros({n, 1, 8, 8});
  for (int64_t i = 0; i < n; ++i) x[i][0].narrow(0, 2 * (i % 4), 2).fill_(1.0);
  return x;
}

}  // namespace

class TestRbm : public QObject {
  Q_OBJECT
 private slots:
  void freeEnergyGradientMatchesAutograd() {
    auto rbm = random_small_rbm();
    torch::Tensor v = torch::bernoulli(torch::full({5, 1, 3, 4}, 0.5));
    // Autograd through F(v) = −b·v − Σ softplus(c + vW) …
    torch::Tensor W = rbm->weights().clone().requires_grad_(true);
    torch::Tensor b = rbm->visible_bias().clone().requires_grad_(true);
    torch::Tensor c = rbm->hidden_bias().clone().requires_grad_(true);
    torch::Tensor x = v.reshape({5, 12});
    torch::Tensor f = -torch::mv(x, b) - torch::softplus(torch::addmm(c, x, W)).sum(1);
    QVERIFY(torch::allclose(f.detach(), rbm->free_energy(v), 1e-5, 1e-5));
    f.sum().backward();
    // … equals the closed form: ∂F/∂W = −vᵀσ(c + vW), ∂F/∂b = −v, ∂F/∂c = −σ(c + vW).
    torch::Tensor ph = torch::sigmoid(torch::addmm(rbm->hidden_bias(), x, rbm->weights()));
    QVERIFY(torch::allclose(W.grad(), -x.t().mm(ph), 1e-5, 1e-5));
    QVERIFY(torch::allclose(b.grad(), -x.sum(0), 1e-5, 1e-5));
    QVERIFY(torch::allclose(c.grad(), -ph.sum(0), 1e-5, 1e-5));
    // And the free energy is the exact marginal: −F(v) = log Σ_h exp(−E(v, h)).
    torch::Tensor hs = all_configurations(6);                                      // [64, 6]
    torch::Tensor neg_e = torch::mv(x, rbm->visible_bias()).unsqueeze(1) + torch::mv(hs, rbm->hidden_bias()).unsqueeze(0) +
                          x.mm(rbm->weights()).mm(hs.t());                         // [5, 64]
    QVERIFY(torch::allclose(torch::logsumexp(neg_e, 1), -rbm->free_energy(v), 1e-4, 1e-4));
  }

  void aisMatchesExactLogPartition() {
    auto rbm = random_small_rbm();
    const torch::Tensor vs = all_configurations(12).reshape({-1, 1, 3, 4});
    const double exact = torch::logsumexp(-rbm->free_energy(vs).to(torch::kFloat64), 0).item<double>();
    auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
    int calls = 0;
    double last = 0;
    bool monotone = true;
    const auto r = rbm->estimate_log_z(200, 2000, torch::full({12}, 0.4), gen, [&](double f) -> bool {
      monotone = monotone && f >= last;
      last = f;
      ++calls;
      return true;
    });
    QVERIFY(!r.cancelled);
    QVERIFY(monotone);
    QCOMPARE(r.runs, 200);
    QVERIFY(calls >= 100);
    QCOMPARE(last, 1.0);
    QVERIFY2(r.log_z_spread > 0 && r.log_z_spread < 0.05, qPrintable(QString::number(r.log_z_spread)));
    qInfo("AIS log Z %.4f ± %.4f, exact %.4f", r.log_z, r.log_z_spread, exact);
    QVERIFY2(std::abs(r.log_z - exact) < 3 * r.log_z_spread + 0.01,
             qPrintable(QString("AIS %1 ± %2, exact %3").arg(r.log_z).arg(r.log_z_spread).arg(exact)));
    // The base model's log Z is exact too: Σ softplus(logit 0.4) + 6 log 2.
    QVERIFY(std::abs(r.log_z_base - (12 * std::log(1 / 0.6) + 6 * std::log(2.0))) < 1e-3);
    // Too few temperatures is a visibly worse estimate (a weaker test of the same code path).
    auto gen2 = at::make_generator<at::CPUGeneratorImpl>(7);
    const auto coarse = rbm->estimate_log_z(200, 3, torch::full({12}, 0.4), gen2);
    QVERIFY(std::abs(coarse.log_z - exact) > std::abs(r.log_z - exact));
  }

  void aisTestLikelihoodAndProbe() {
    auto rbm = random_small_rbm();
    const torch::Tensor vs = all_configurations(12).reshape({-1, 1, 3, 4});
    const double exact_z = torch::logsumexp(-rbm->free_energy(vs).to(torch::kFloat64), 0).item<double>();
    torch::manual_seed(2);
    const torch::Tensor train = torch::rand({200, 1, 3, 4}), test = torch::rand({50, 1, 3, 4});
    const gs::AisLikelihood r = gs::ais_test_likelihood(*rbm, train, test, 200, 2000);
    const torch::Tensor binary = test.gt(0.5).to(torch::kFloat32);
    const double exact_ll = (-rbm->free_energy(binary).to(torch::kFloat64)).mean().item<double>() - exact_z;
    QCOMPARE(r.images, int64_t(50));
    QVERIFY2(std::abs(r.test_log_likelihood - exact_ll) < 3 * r.spread + 0.01,
             qPrintable(QString("%1 vs %2").arg(r.test_log_likelihood).arg(exact_ll)));
    // The probe reports the free energies and the pseudo-likelihood.
    gs::EnergyProbe probe(train, test);
    std::vector<std::string> names;
    std::vector<double> values;
    probe.maybe_run(*rbm, &names, &values);
    QCOMPARE(names, (std::vector<std::string>{"eval_train_free_energy_per_pixel", "test_free_energy_per_pixel",
                                              "test_pseudo_log_likelihood_per_pixel"}));
    QVERIFY(std::abs(values[1] * 12 + exact_ll + exact_z) < 1e-3);
    QVERIFY(values[2] < 0);
  }

  void aisCanBeCancelled() {
    auto rbm = random_small_rbm();
    auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
    int calls = 0;
    const auto r = rbm->estimate_log_z(10, 1000, torch::full({12}, 0.5), gen, [&](double) { return ++calls < 3; });
    QVERIFY(r.cancelled);
    QCOMPARE(calls, 3);
  }

  void trainingLowersReconstructionError() {
    for (const char* persistent : {"false", "true"}) {
      auto rbm = make_rbm({1, 8, 8}, {{"hidden", "16"}, {"lr", "0.05"}, {"persistent", persistent}});
      torch::manual_seed(1);
      const torch::Tensor data = bars(32);
      const double first = rbm->train_step(data)[0].item<double>();
      double last = first;
      for (int i = 0; i < 300; ++i) last = rbm->train_step(data)[0].item<double>();
      qInfo("%s: reconstruction error %.4f → %.4f", persistent, first, last);
      // PCD's negative chain wanders away from the data, so its reconstructions improve less.
      QVERIFY2(last < (persistent[0] == 't' ? 0.8 : 0.5) * first, qPrintable(QString("%1: %2 → %3").arg(persistent).arg(first).arg(last)));
      // The data became more likely than noise: lower free energy.
      const torch::Tensor noise = torch::bernoulli(torch::full({32, 1, 8, 8}, 0.25));
      QVERIFY(rbm->free_energy(data).mean().item<double>() < rbm->free_energy(noise).mean().item<double>() - 5);
    }
  }

  void clampedUnitsNeverChange() {
    auto rbm = make_rbm({1, 8, 8}, {{"hidden", "16"}, {"lr", "0.05"}});
    const torch::Tensor data = bars(32);
    for (int i = 0; i < 200; ++i) rbm->train_step(data);
    torch::Tensor v0 = data.narrow(0, 0, 4).clone();
    torch::Tensor clamp = torch::zeros({4, 1, 8, 8}, torch::kBool);
    clamp.narrow(2, 0, 4).fill_(true);  // the top half
    auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
    torch::Tensor state;
    for (int k : {1, 5, 50}) {
      torch::Tensor pv = rbm->gibbs(v0, k, clamp, gen, &state);
      QVERIFY(torch::equal(pv.masked_select(clamp), v0.masked_select(clamp)));
      QVERIFY(torch::equal(state.masked_select(clamp), v0.masked_select(clamp)));
      QVERIFY(pv.min().item<double>() >= 0 && pv.max().item<double>() <= 1);
      QVERIFY(state.eq(0).logical_or(state.eq(1)).all().item<bool>());
    }
    // Unclamped, the chain moves.
    torch::Tensor free_state;
    rbm->gibbs(torch::bernoulli(torch::full({4, 1, 8, 8}, 0.5)), 3, {}, gen, &free_state);
    QVERIFY(!torch::equal(free_state, v0));
  }

  void pseudoLikelihoodByHand() {
    auto rbm = random_small_rbm();
    const torch::Tensor v = torch::bernoulli(torch::full({64, 1, 3, 4}, 0.5));
    auto g1 = at::make_generator<at::CPUGeneratorImpl>(9), g2 = at::make_generator<at::CPUGeneratorImpl>(9);
    const torch::Tensor fast = rbm->pseudo_log_likelihood(v, g1);
    const torch::Tensor slow = rbm->gs::EnergyModel::pseudo_log_likelihood(v, g2);  // flip and recompute F
    QVERIFY(torch::allclose(fast, slow, 1e-4, 1e-4));
    QVERIFY((fast <= 0).all().item<bool>());
  }

  void samplesAndFilters() {
    auto rbm = make_rbm({1, 8, 8}, {{"hidden", "16"}, {"sample_steps", "20"}});
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    torch::Tensor z = rbm->prior_sample(6, gen);
    QCOMPARE(z.size(1), rbm->latent_dim());
    torch::Tensor a = rbm->decode(z), b = rbm->decode(z);
    QCOMPARE(a.sizes(), torch::IntArrayRef({6, 1, 8, 8}));
    QVERIFY(torch::equal(a, b));  // reproducible grid for a fixed noise
    QCOMPARE(rbm->filters().sizes(), torch::IntArrayRef({16, 1, 8, 8}));
    QVERIFY(torch::equal(rbm->filters()[3].reshape({64}), rbm->weights().select(1, 3)));
  }

  void checkpointRoundTrip() {
    auto rbm = make_rbm({1, 8, 8}, {{"hidden", "16"}, {"lr", "0.05"}});
    const torch::Tensor data = bars(16);
    for (int i = 0; i < 20; ++i) rbm->train_step(data);
    std::stringstream bytes;
    {
      torch::serialize::OutputArchive out;
      rbm->save_state(out);
      out.save_to(bytes);
    }
    torch::manual_seed(99);
    auto fresh = std::make_unique<gs::RbmModel>(
        gs::resolve_params(gs::RbmModel::param_specs(), {{"hidden", "16"}, {"lr", "0.05"}}), gs::ImageShape{1, 8, 8});
    QVERIFY(!torch::equal(fresh->free_energy(data), rbm->free_energy(data)));
    torch::serialize::InputArchive in;
    in.load_from(bytes);
    fresh->load_state(in);
    QVERIFY(torch::equal(fresh->free_energy(data), rbm->free_energy(data)));
    // Momentum came along: the next steps agree.
    torch::manual_seed(4);
    const torch::Tensor l1 = rbm->train_step(data);
    torch::manual_seed(4);
    const torch::Tensor l2 = fresh->train_step(data);
    QVERIFY(torch::equal(l1, l2));
    auto bigger = make_rbm({1, 8, 8}, {{"hidden", "20"}});
    bytes.seekg(0);
    torch::serialize::InputArchive in2;
    in2.load_from(bytes);
    QVERIFY(errorOf([&] { bigger->load_state(in2); }).contains("shape"));
  }

  void flagsAndBadInputRefused() {
    auto rbm = make_rbm({1, 8, 8}, {{"hidden", "16"}});
    QCOMPARE(rbm->capabilities(), unsigned(gs::kCanSample | gs::kHasEnergy));
    QVERIFY(rbm->energy() == rbm.get());
    QVERIFY(!(rbm->capabilities() & gs::kCanDecode));
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"hidden", "0"}, {"cd_k", "0"}, {"momentum", "1.5"}, {"binarize", "random"}, {"lr", "-1"}}) {
      const QString why = errorOf([&] { gs::resolve_params(gs::RbmModel::param_specs(), {{key, value}}); });
      QVERIFY2(why.contains(QString::fromStdString(key)), qPrintable(why));
    }
    QVERIFY(errorOf([&] { rbm->free_energy(torch::zeros({2, 1, 4, 4})); }).contains("1×8×8"));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    QVERIFY(!errorOf([&] { rbm->gibbs(torch::zeros({2, 1, 8, 8}), 0, {}, gen); }).isEmpty());
    QVERIFY(!errorOf([&] { rbm->gibbs(torch::zeros({2, 1, 8, 8}), 1, torch::zeros({2, 1, 8, 8}), gen); }).isEmpty());
    QVERIFY(!errorOf([&] { rbm->estimate_log_z(0, 10, torch::full({64}, 0.5), gen); }).isEmpty());
    QVERIFY(!errorOf([&] { rbm->estimate_log_z(10, 1, torch::full({64}, 0.5), gen); }).isEmpty());
    QVERIFY(!errorOf([&] { rbm->estimate_log_z(10, 10, torch::full({3}, 0.5), gen); }).isEmpty());
    QVERIFY(!errorOf([&] { gs::create_model("rbm", {}, gs::ImageShape{2, 1, 1, true}); }).isEmpty());
    QVERIFY(!errorOf([&] { rbm->train_step(torch::zeros({4, 3, 8, 8})); }).isEmpty());
  }
};

GS_TEST_MAIN(TestRbm)
#include "test_rbm.moc"
