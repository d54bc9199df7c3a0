// RealNVP: coupling layers and whole flows (points and a tiny image flow)
// invert to float precision and their log-determinants equal log|det| of
// autograd's Jacobian; the 2-D density integrates to about 1 after training;
// the bits/dim bookkeeping (dequantisation, logit Jacobian, D·log 256) matches
// hand-computed cases; training lowers the NLL on ring8 and Fashion-MNIST; a
// checkpoint round trip gives the identical NLL; bad settings are refused.
#include <QFileInfo>
#include <cmath>
#include <sstream>

#include "core/data/fashion_mnist.h"
#include "core/data/toy_distributions.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/realnvp/dequantization.h"
#include "core/models/realnvp/realnvp_model.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::ParamValues params(const gs::ParamValues& given = {}) {
  return gs::resolve_params(gs::RealNvpModel::param_specs(), given);
}

const gs::ImageShape kPoints{2, 1, 1, true};

// Random weights everywhere (a fresh coupling is the identity, which proves nothing).
void randomise(torch::nn::Module& m, double std = 0.2) {
  torch::NoGradGuard ng;
  for (auto& p : m.parameters()) p.normal_(0, std);
}

// log|det J| of f at each row of x (small D), by autograd, one output at a time.
torch::Tensor autograd_logabsdet(const std::function<torch::Tensor(const torch::Tensor&)>& f, const torch::Tensor& x) {
  std::vector<torch::Tensor> out;
  for (int64_t n = 0; n < x.size(0); ++n) {
    torch::Tensor xi = x.narrow(0, n, 1).detach().clone().requires_grad_(true);
    torch::Tensor y = f(xi).reshape({-1});
    std::vector<torch::Tensor> rows;
    for (int64_t d = 0; d < y.numel(); ++d) {
      rows.push_back(torch::autograd::grad({y[d]}, {xi}, {}, /*retain_graph=*/true)[0].reshape({-1}));
    }
    const torch::Tensor jac = torch::stack(rows).to(torch::kFloat64);
    out.push_back(std::get<1>(torch::linalg::slogdet(jac)));
  }
  return torch::stack(out).to(torch::kFloat32);
}

double max_abs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

}  // namespace

class TestRealNvp : public QObject {
  Q_OBJECT
 private slots:
  void pointCouplingInvertsWithTheJacobiansLogDet() {
    torch::manual_seed(1);
    gs::PointCoupling c(torch::tensor({1.0f, 0.0f}), 32, 2, 2.0);
    randomise(*c, 0.5);
    const torch::Tensor x = torch::randn({6, 2}) * 2;
    torch::Tensor ld = torch::zeros({6});
    const torch::Tensor y = c->forward(x, ld);
    QVERIFY(max_abs(y - x) > 1e-2);  // it does something
    QVERIFY(max_abs(x.select(1, 0) - y.select(1, 0)) == 0);  // the masked coordinate passes
    QVERIFY2(max_abs(c->inverse(y) - x) < 1e-5, "inverse(forward(x)) != x");
    const torch::Tensor jac = autograd_logabsdet([&](const torch::Tensor& v) { torch::Tensor l = torch::zeros({1}); return c->forward(v, l); }, x);
    QVERIFY2(max_abs(jac - ld) < 1e-4, qPrintable(QString("logdet %1 vs autograd %2").arg(ld[0].item<double>()).arg(jac[0].item<double>())));
  }

  void convCouplingsInvertWithTheJacobiansLogDet() {
    torch::manual_seed(2);
    using Mask = gs::ConvCouplingImpl::Mask;
    for (Mask mask : {Mask::Checkerboard, Mask::Channel}) {
      for (int parity : {0, 1}) {
        gs::ConvCoupling c(mask, parity, 2, 4, 4, 8, 1, 2.0);
        randomise(*c, 0.3);
        const torch::Tensor x = torch::randn({3, 2, 4, 4});
        torch::Tensor ld = torch::zeros({3});
        const torch::Tensor y = c->forward(x, ld);
        QVERIFY(max_abs(y - x) > 1e-2);
        QVERIFY(max_abs(c->inverse(y) - x) < 1e-5);
        const torch::Tensor jac = autograd_logabsdet(
            [&](const torch::Tensor& v) { torch::Tensor l = torch::zeros({1}); return c->forward(v, l); }, x);
        QVERIFY2(max_abs(jac - ld) < 1e-3, qPrintable(QString("mask %1 parity %2: logdet %3 vs %4")
                                                          .arg(int(mask)).arg(parity).arg(ld[0].item<double>()).arg(jac[0].item<double>())));
      }
    }
  }

  void wholeFlowsInvertWithTheJacobiansLogDet() {
    torch::manual_seed(3);
    gs::PointFlowConfig pc;
    gs::PointFlow points(pc);
    randomise(points, 0.08);
    points.eval();
    const torch::Tensor x = torch::randn({5, 2});
    torch::Tensor ld = torch::zeros({5});
    const torch::Tensor z = points.forward(x, points.num_steps(), ld);
    QVERIFY2(max_abs(points.inverse(z, points.num_steps()) - x) < 1e-4, qPrintable(QString("point flow inverse error %1, |z| %2").arg(max_abs(points.inverse(z, points.num_steps()) - x)).arg(max_abs(z))));
    QVERIFY(max_abs(autograd_logabsdet([&](const torch::Tensor& v) { torch::Tensor l = torch::zeros({1}); return points.forward(v, points.num_steps(), l); }, x) - ld) < 1e-3);
    for (int64_t k = 0; k <= points.num_steps(); ++k) {  // forward k steps meets inverse of the rest
      torch::Tensor l = torch::zeros({5});
      QVERIFY(max_abs(points.inverse(z, points.num_steps() - k) - points.forward(x, k, l)) < 1e-4);
    }

    // A tiny multi-scale image flow, 1×4×4: every kind of step (checkerboard and channel
    // couplings, squeeze, factor-out, ActNorm), D = 16.
    gs::ImageFlowConfig ic;
    ic.channels = 1, ic.height = 4, ic.width = 4, ic.scales = 1, ic.net_width = 8;
    gs::ImageFlow image(ic);
    randomise(image, 0.2);
    image.eval();
    const torch::Tensor xi = torch::randn({3, 16});
    torch::Tensor ldi = torch::zeros({3});
    const torch::Tensor zi = image.forward(xi, image.num_steps(), ldi);
    QCOMPARE(zi.sizes().vec(), (std::vector<int64_t>{3, 16}));
    QVERIFY2(max_abs(image.inverse(zi, image.num_steps()) - xi) < 1e-4, "image flow does not invert");
    const torch::Tensor jac = autograd_logabsdet(
        [&](const torch::Tensor& v) { torch::Tensor l = torch::zeros({1}); return image.forward(v, image.num_steps(), l); }, xi);
    QVERIFY2(max_abs(jac - ldi) < 1e-3, qPrintable(QString("logdet %1 vs autograd %2").arg(ldi[0].item<double>()).arg(jac[0].item<double>())));
    // Intermediate steps: forward k, then the inverse of the remaining steps taken from z, meet.
    for (int64_t k = 0; k <= image.num_steps(); ++k) {
      torch::Tensor l = torch::zeros({3});
      const torch::Tensor mid = image.forward(xi, k, l);
      QVERIFY2(max_abs(image.inverse(zi, image.num_steps() - k) - mid) < 1e-4 * (1 + max_abs(mid)), qPrintable(QString("step %1 (%2): error %3").arg(k).arg(QString::fromStdString(k ? image.step_name(k) : "")).arg(max_abs(image.inverse(zi, image.num_steps() - k) - mid))));
    }
  }

  void bitsPerDimBookkeepingMatchesHandComputedCases() {
    // nats → bits/dim.
    QCOMPARE(gs::nats_to_bits_per_dim(784 * std::log(2.0) * 3, 784), 3.0);
    // Dequantisation: 8-bit value v and noise u → (v + u) / 256.
    const torch::Tensor y = gs::dequantize(torch::tensor({0.0f, 1.0f, 128.0f / 255}), torch::tensor({0.5f, 0.0f, 0.25f}));
    QVERIFY(std::abs(y[0].item<double>() - 0.5 / 256) < 1e-7);
    QVERIFY(std::abs(y[1].item<double>() - 255.0 / 256) < 1e-7);
    QVERIFY(std::abs(y[2].item<double>() - 128.25 / 256) < 1e-7);
    // Logit at y = ½ with α = 0.05: x' = 0 and log-Jacobian log(0.9) − 2 log ½ = log 3.6 per dimension.
    torch::Tensor ld = torch::zeros({1});
    const torch::Tensor xp = gs::logit_transform(torch::full({1, 4}, 0.5f), 0.05, ld);
    QVERIFY(max_abs(xp) < 1e-6);
    QVERIFY(std::abs(ld.item<double>() - 4 * std::log(3.6)) < 1e-5);
    // y = 0.9, α = 0.1: p = 0.82, log-Jacobian log 0.8 − log 0.82 − log 0.18.
    torch::Tensor ld2 = torch::zeros({1});
    const torch::Tensor xp2 = gs::logit_transform(torch::full({1, 1}, 0.9f), 0.1, ld2);
    QVERIFY(std::abs(xp2.item<double>() - std::log(0.82 / 0.18)) < 1e-5);
    QVERIFY(std::abs(ld2.item<double>() - (std::log(0.8) - std::log(0.82) - std::log(0.18))) < 1e-5);
    QVERIFY(max_abs(gs::inverse_logit_transform(xp2, 0.1) - 0.9) < 1e-6);
    // The uniform density on [0, 1]^D scores exactly 8 bits per dimension.
    const double nats = gs::discrete_nll_nats(torch::zeros({1}), 784).item<double>();
    QVERIFY(std::abs(gs::nats_to_bits_per_dim(nats, 784) - 8.0) < 1e-5);
    // Bin centres decode back to the same 8-bit image.
    const torch::Tensor img = torch::randint(0, 256, {2, 1, 4, 4}).to(torch::kFloat32) / 255;
    QVERIFY(max_abs(gs::quantized_image(gs::dequantize(img, torch::full_like(img, 0.5))) - img) < 1e-6);

    // The whole model before training is the identity after the logit: its NLL is
    // Σ_d [½x'² + ½ log 2π − log-Jacobian] + D log 256, computed here pixel by pixel in double.
    gs::RealNvpModel m(params(), gs::ImageShape{1, 4, 4});
    m.set_training(false);
    const torch::Tensor x = torch::rand({1, 1, 4, 4});
    torch::manual_seed(9);
    const double got = m.nll_nats(x).item<double>();
    torch::manual_seed(9);
    const torch::Tensor u = torch::rand_like(x);
    double want = 16 * std::log(256.0);
    const double a = 0.05;
    for (int64_t i = 0; i < 16; ++i) {
      const double v = std::round(x.flatten()[i].item<double>() * 255), yy = (v + u.flatten()[i].item<double>()) / 256;
      const double p = a + (1 - 2 * a) * yy, xpi = std::log(p / (1 - p));
      want += 0.5 * xpi * xpi + 0.5 * std::log(2 * M_PI) - (std::log(1 - 2 * a) - std::log(p) - std::log(1 - p));
    }
    QVERIFY2(std::abs(got - want) < 1e-3, qPrintable(QString("%1 vs %2").arg(got).arg(want)));
    QVERIFY(m.nll_is_bound());
  }

  void capabilitiesFollowTheData() {
    gs::RealNvpModel p(params(), kPoints);
    QVERIFY(p.capabilities() & gs::kCanScore);
    QVERIFY(p.critic() && p.likelihood() && p.flow());
    QVERIFY(!p.nll_is_bound());
    QCOMPARE(p.loss_names(), (std::vector<std::string>{"nll"}));
    QCOMPARE(p.latent_dim(), int64_t{2});
    gs::RealNvpModel i(params(), gs::ImageShape{1, 28, 28});
    QVERIFY(i.critic());  // the log-density of whole images
    QCOMPARE(i.loss_names(), (std::vector<std::string>{"bits_per_dim", "nll_nats"}));
    QCOMPARE(i.latent_dim(), int64_t{784});
    QVERIFY(i.flow_step_name(1).find("ActNorm") != std::string::npos);
    QVERIFY(errorOf([&] { i.flow_step_name(999); }).contains("does not exist"));
    QVERIFY(errorOf([&] { i.nll_nats(torch::zeros({2, 3, 28, 28})); }).contains("wrong shape"));
  }

  void trainsRing8AndItsDensityIntegratesToOne() {
    torch::manual_seed(4);
    gs::ImageDataset ring = gs::make_toy_distribution("ring8", 4000, 1);
    gs::RealNvpModel m(params(), kPoints);
    m.set_training(true);
    auto batch = [&](int64_t i) { return ring.train_images.narrow(0, (i * 64) % 3900, 64); };
    const double first = m.train_step(batch(0))[0].item<double>();
    double last = 0;
    for (int64_t i = 1; i <= 400; ++i) {
      const double l = m.train_step(batch(i))[0].item<double>();
      if (i > 380) last += l / 20;
    }
    QVERIFY2(std::isfinite(last) && last < first - 1.0, qPrintable(QString("nll %1 → %2").arg(first).arg(last)));
    // ∫ p over [−5, 5]² on a 300×300 grid.
    m.set_training(false);
    c10::InferenceMode guard;
    const int n = 300;
    const torch::Tensor t = torch::linspace(-5, 5, n);
    auto g = torch::meshgrid({t, t}, "ij");
    const torch::Tensor pts = torch::stack({g[0].reshape({-1}), g[1].reshape({-1})}, 1);
    const double cell = std::pow(10.0 / (n - 1), 2);
    const double mass = (torch::exp(m.score(pts)).sum() * cell).item<double>();
    QVERIFY2(std::abs(mass - 1.0) < 0.05, qPrintable(QString("∫p = %1").arg(mass)));
    // Samples and the round trip.
    const torch::Tensor z = torch::randn({100, 2});
    const torch::Tensor x = m.decode(z);
    QVERIFY(max_abs(m.encode(x) - z) < 1e-3);
    QVERIFY(max_abs(m.inverse_steps(m.forward_steps(x, m.num_flow_steps()), m.num_flow_steps()) - x) < 1e-3);
  }

  void trainsOnFashionMnistAndRoundTripsImages() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    gs::ImageDataset d = gs::load_fashion_mnist("/usr/share/datasets/fashion-mnist", 256);
    torch::manual_seed(5);
    gs::RealNvpModel m(params(), d.shape);
    m.set_training(true);
    auto batch = [&](int64_t i) { return d.train_images.narrow(0, (i * 32) % 224, 32); };
    const torch::Tensor first = m.train_step(batch(0));
    const double first_bpd = first[0].item<double>();
    QVERIFY(std::abs(gs::nats_to_bits_per_dim(first[1].item<double>(), 784) - first_bpd) < 1e-3);
    double last = 0;
    for (int64_t i = 1; i <= 30; ++i) {
      const double l = m.train_step(batch(i))[0].item<double>();
      if (i > 25) last += l / 5;
    }
    QVERIFY2(last < first_bpd - 0.3, qPrintable(QString("bits/dim %1 → %2").arg(first_bpd).arg(last)));
    m.set_training(false);
    c10::InferenceMode guard;
    const torch::Tensor x = d.test_images.narrow(0, 0, 4);
    const torch::Tensor z = m.encode(x);
    QCOMPARE(z.sizes().vec(), (std::vector<int64_t>{4, 784}));
    QVERIFY2(max_abs(m.decode(z) - x) < 1e-4, qPrintable(QString("round trip %1").arg(max_abs(m.decode(z) - x))));
    const torch::Tensor s = m.decode(torch::randn({4, 784}) * 0.7);
    QVERIFY(s.min().item<double>() >= 0 && s.max().item<double>() <= 1);
  }

  void checkpointRoundTripGivesTheSameNll() {
    torch::manual_seed(6);
    gs::ImageDataset ring = gs::make_toy_distribution("moons", 512, 1);
    gs::RealNvpModel a(params(), kPoints);
    a.set_training(true);
    for (int i = 0; i < 20; ++i) a.train_step(ring.train_images.narrow(0, i * 16, 64));
    std::ostringstream bytes;
    {
      torch::serialize::OutputArchive out;
      a.save_state(out);
      out.save_to(bytes);
    }
    gs::RealNvpModel b(params(), kPoints);
    {
      std::istringstream in_bytes(bytes.str());
      torch::serialize::InputArchive in;
      in.load_from(in_bytes);
      b.load_state(in);
    }
    a.set_training(false);
    b.set_training(false);
    const torch::Tensor x = ring.train_images.narrow(0, 0, 100);
    QVERIFY(torch::equal(a.nll_nats(x), b.nll_nats(x)));
    // The ActNorm layers stay initialised: another training step does not re-initialise them.
    b.set_training(true);
    a.set_training(true);
    QVERIFY(torch::allclose(a.train_step(x), b.train_step(x)));
    // Other settings are refused with a sentence.
    gs::RealNvpModel c(params({{"coupling_layers", "4"}}), kPoints);
    std::istringstream in_bytes(bytes.str());
    torch::serialize::InputArchive in;
    in.load_from(in_bytes);
    const QString err = errorOf([&] { c.load_state(in); });
    QVERIFY2(err.contains("checkpoint"), qPrintable(err));
  }

  void refusesBadSettingsWithASentence() {
    QVERIFY(errorOf([] { params({{"coupling_layers", "1"}}); }).contains("coupling_layers"));
    QVERIFY(errorOf([] { params({{"logit_alpha", "0.6"}}); }).contains("logit_alpha"));
    QVERIFY(errorOf([] { params({{"scale_bound", "0"}}); }).contains("scale_bound"));
    const QString one_d = errorOf([] { gs::create_model("realnvp", {}, gs::ImageShape{1, 1, 1, true}); });
    QVERIFY2(one_d.contains("two coordinates"), qPrintable(one_d));
    const QString side = errorOf([] { gs::create_model("realnvp", {{"scales", "2"}}, gs::ImageShape{1, 30, 30}); });
    QVERIFY2(side.contains("divisible by 4"), qPrintable(side));
    gs::RealNvpModel m(params(), kPoints);
    QVERIFY(errorOf([&] { m.decode(torch::zeros({3, 5})); }).contains("2 values"));
  }
};

GS_TEST_MAIN(TestRealNvp)
#include "test_realnvp.moc"
