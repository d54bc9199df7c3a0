// The Gated PixelCNN: causal masks without a blind spot (gradients, every pixel
// of a small image, both stacks), the cached sampler drawing exactly what the
// naive full-recompute sampler draws, bits/dim by hand-computed cases, training
// lowering bits/dim, the checkpoint round trip, and bad input refused.
#include <cmath>
#include <sstream>

#include <QFileInfo>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/pixelcnn/pixelcnn_model.h"
#include "core/train/training_session.h"
#include "test_main.h"
#include "test_support.h"

namespace {

gs::ParamValues small_params() {
  return {{"features", "6"}, {"layers", "3"}, {"kernel", "3"}, {"head", "8"}, {"lr", "0.003"}};
}

std::unique_ptr<gs::PixelCnnModel> small_model(int64_t side, gs::ParamValues extra = {}) {
  torch::manual_seed(3);
  gs::ParamValues p = small_params();
  for (const auto& [k, v] : extra) p[k] = v;
  const gs::ParamValues resolved = gs::resolve_params(gs::PixelCnnModel::param_specs(), p);
  return std::make_unique<gs::PixelCnnModel>(resolved, gs::ImageShape{1, side, side});
}

// Gradient of a random projection of out[0, :, r, c] with respect to the input image.
torch::Tensor grad_at(const std::function<torch::Tensor(const torch::Tensor&)>& f, const torch::Tensor& x0,
                      int64_t r, int64_t c) {
  torch::Tensor x = x0.clone().requires_grad_(true);
  torch::Tensor out = f(x).select(3, c).select(2, r).select(0, 0);
  torch::Tensor w = torch::randn_like(out);
  (out * w).sum().backward();
  return x.grad().select(1, 0).select(0, 0).abs();  // [H, W]
}

// Toy structured images: bright squares at random places on black.
torch::Tensor squares(int64_t n, int64_t side) {
  torch::manual_seed(0);
  torch::Tensor x = torch::zeros({n, 1, side, side});
  auto pos = torch::randint(0, side / 2, {n, 2});
  for (int64_t i = 0; i < n; ++i) {
    x[i].narrow(1, pos[i][0].item<int64_t>(), side / 2).narrow(2, pos[i][1].item<int64_t>(), side / 2).fill_(1.0);
  }
  return x;
}

}  // namespace

class TestPixelCnn : public QObject {
  Q_OBJECT
 private slots:
  void masksAreCausalWithoutBlindSpot() {
    const int64_t S = 6;
    auto model = small_model(S);
    gs::PixelCnnNetImpl& net = model->net();
    torch::Tensor x = torch::rand({1, 1, S, S});
    for (int64_t r = 0; r < S; ++r) {
      for (int64_t c = 0; c < S; ++c) {
        const int64_t i = r * S + c;
        // The whole network: zero for pixels ≥ i, non-zero for some before it.
        torch::Tensor g = grad_at([&](const torch::Tensor& t) { return net.forward(t); }, x, r, c).reshape({-1});
        QVERIFY2(g.narrow(0, i, S * S - i).max().item<float>() == 0.0f, qPrintable(QString("pixel %1").arg(i)));
        if (i > 0) QVERIFY(g.narrow(0, 0, i).max().item<float>() > 0.0f);
        torch::Tensor g2 = g.reshape({S, S});
        // No blind spot: the pixels up-right (row above, columns to the right) reach it.
        if (r > 0 && c + 1 < S) {
          QVERIFY2(g2[r - 1][c + 1].item<float>() > 0, qPrintable(QString("blind spot above-right of %1").arg(i)));
        }
        if (c > 0) QVERIFY(g2[r][c - 1].item<float>() > 0);
        // Vertical stack (as the horizontal one receives it): rows above only.
        torch::Tensor gv = grad_at([&](const torch::Tensor& t) { return net.vertical_to_horizontal(t); }, x, r, c);
        QVERIFY(gv.narrow(0, r, S - r).max().item<float>() == 0.0f);
        if (r > 0) QVERIFY(gv[r - 1][c].item<float>() > 0);
        // Horizontal stack with the links cut: the pixels to the left in the same row only.
        torch::Tensor gh = grad_at([&](const torch::Tensor& t) { return net.horizontal_only(t); }, x, r, c);
        torch::Tensor outside = gh.clone();
        outside[r].narrow(0, 0, c).zero_();
        QVERIFY(outside.max().item<float>() == 0.0f);
        if (c > 0) QVERIFY(gh[r][c - 1].item<float>() > 0);
        else QVERIFY(gh.max().item<float>() == 0.0f);
      }
    }
  }

  void cachedSamplerDrawsWhatNaiveDraws() {
    const int64_t S = 8;
    auto model = small_model(S);
    // A few steps so the distributions are not flat.
    torch::Tensor data = squares(16, S);
    for (int i = 0; i < 20; ++i) model->train_step(data);
    model->set_training(false);
    c10::InferenceMode guard;
    torch::manual_seed(11);
    const int64_t N = 5;
    torch::Tensor noise = torch::rand({N, 1, S, S});
    torch::Tensor blank = torch::zeros({N, 1, S, S});
    torch::Tensor all = torch::ones({N, 1, S, S}, torch::kBool);
    torch::Tensor a = model->sample_with_noise(blank, all, 1.0, noise, /*cached=*/true);
    torch::Tensor b = model->sample_with_noise(blank, all, 1.0, noise, /*cached=*/false);
    QVERIFY(torch::equal(a, b));
    QVERIFY(a.std().item<float>() > 0);  // not a constant image
    // Completion of the bottom half at another temperature, the top kept as given.
    torch::Tensor given = squares(N, S);
    torch::Tensor todo = torch::zeros({N, 1, S, S}, torch::kBool);
    todo.narrow(2, S / 2, S / 2).fill_(true);
    int drawn = 0;
    torch::Tensor probs_sum;
    auto count = [&](int64_t, int64_t, const torch::Tensor& p) {
      ++drawn;
      probs_sum = p.sum(-1);
      return true;
    };
    torch::Tensor ca = model->sample_with_noise(given, todo, 0.7, noise, true, count);
    torch::Tensor cb = model->sample_with_noise(given, todo, 0.7, noise, false);
    QVERIFY(torch::equal(ca, cb));
    QCOMPARE(drawn, int(S * S / 2));
    QVERIFY(torch::allclose(probs_sum, torch::ones_like(probs_sum), 1e-5, 1e-5));
    QVERIFY(torch::equal(ca.narrow(2, 0, S / 2), given.narrow(2, 0, S / 2)));
    // Each drawn pixel's distribution is the model's at that pixel of the finished image.
    torch::Tensor full = model->pixel_distribution(a);  // [N, 1, S, S, 256]
    int checked = 0;
    model->sample_with_noise(blank, all, 1.0, noise, true, [&](int64_t r, int64_t c, const torch::Tensor& p) {
      checked += torch::allclose(p.select(1, 0), full.select(3, c).select(2, r).select(1, 0), 1e-4, 1e-5);
      return true;
    });
    QCOMPARE(checked, int(S * S));
    // A callback returning false stops the drawing.
    int calls = 0;
    model->sample_with_noise(blank, all, 1.0, noise, true, [&](int64_t, int64_t, const torch::Tensor&) {
      return ++calls < 3;
    });
    QCOMPARE(calls, 3);
    // decode(u) is the cached sampler with that noise: deterministic.
    torch::Tensor u = noise.reshape({N, S * S});
    QVERIFY(torch::equal(model->decode(u), a));
  }

  void bitsPerDimByHand() {
    const int64_t S = 6;
    auto model = small_model(S);
    gs::PixelCnnNetImpl& net = model->net();
    {
      torch::NoGradGuard ng;
      net.head2->weight.zero_();
      net.head2->bias.zero_();
    }
    torch::Tensor x = torch::rand({3, 1, S, S});
    // Uniform logits: ln 256 nats per pixel, 8 bits/dim exactly.
    torch::Tensor nll = model->nll_nats(x);
    QVERIFY(torch::allclose(nll, torch::full({3}, S * S * std::log(256.0)), 0, 1e-3));
    QVERIFY(std::abs(gs::nats_to_bits_per_dim(nll[0].item<double>(), S * S) - 8.0) < 1e-6);
    torch::Tensor losses = model->train_step(x);  // the losses before the update
    QVERIFY(std::abs(losses[0].item<double>() - 8.0) < 1e-5);
    QVERIFY(std::abs(losses[1].item<double>() - S * S * std::log(256.0)) < 1e-3);
    // Fixed logits: p(0) = 1/2, p(255) = 1/4, the rest share 1/4.
    {
      torch::NoGradGuard ng;
      net.head2->weight.zero_();
      torch::Tensor p = torch::full({256}, 0.25 / 254);
      p[0] = 0.5;
      p[255] = 0.25;
      net.head2->bias.copy_(p.log());
    }
    torch::Tensor img = torch::zeros({1, 1, S, S});
    img.narrow(2, 0, 2).fill_(1.0);           // 12 pixels of 255
    img[0][0][5][5] = 128.0 / 255.0;          // one of 128
    const double expected = 23 * std::log(2.0) + 12 * std::log(4.0) + std::log(254 / 0.25);
    QVERIFY(std::abs(model->nll_nats(img).item<double>() - expected) < 1e-3);
    torch::Tensor map = model->nll_map(img);
    QCOMPARE(map.sizes(), torch::IntArrayRef({1, 1, S, S}));
    QVERIFY(std::abs(map[0][0][0][0].item<double>() - std::log(4.0)) < 1e-5);
    QVERIFY(std::abs(map[0][0][3][3].item<double>() - std::log(2.0)) < 1e-5);
    QVERIFY(std::abs(map.sum().item<double>() - expected) < 1e-3);
    QVERIFY(!model->nll_is_bound());
  }

  void trainingLowersBitsPerDim() {
    const int64_t S = 12;
    auto model = small_model(S, {{"features", "12"}});
    torch::Tensor data = squares(32, S);
    const double before = model->train_step(data)[0].item<double>();
    double after = before;
    for (int i = 0; i < 60; ++i) after = model->train_step(data)[0].item<double>();
    QVERIFY2(after < 0.5 * before, qPrintable(QString("%1 → %2 bits/dim").arg(before).arg(after)));
    model->set_training(false);
    c10::InferenceMode guard;
    const double test_bpd = gs::nats_to_bits_per_dim(model->nll_nats(data).mean().item<double>(), S * S);
    QVERIFY(test_bpd < 0.6 * before);
  }

  // PixelCNN's fixed grid is drawn pixel by pixel; asked for a grid after
  // every step, the trainer still spends no more than about a tenth of the
  // run on grids (each waits 9× the last grid's cost).
  void sampleGridsTakeATenthOfTheRun() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    gs::SessionConfig c;
    c.model_id = "pixelcnn";
    c.dataset.limit = 256;
    auto session = gs::TrainingSession::create(c);
    struct Count : gs::TrainObserver {
      int samples = 0;
      void on_samples(const gs::SampleImages&) override { ++samples; }
    } count;
    gs::RunOptions o;
    o.total_steps = 30;
    o.log_every = 5;
    o.sample_seconds = 0.001;
    o.threads = 2;
    gs::TrainControl control;
    session->run(o, control, count);
    // Without the rule: a grid after each of the 30 steps.
    QVERIFY2(count.samples <= 8, qPrintable(QString("%1 grids in 30 steps").arg(count.samples)));
    QVERIFY(count.samples >= 2);  // the first timed one and the one at the end
  }

  void checkpointRoundTripAndLiveRate() {
    const int64_t S = 8;
    auto model = small_model(S);
    torch::Tensor data = squares(8, S);
    for (int i = 0; i < 3; ++i) model->train_step(data);
    model->set_learning_rate(0.01);
    QCOMPARE(model->learning_rate(), 0.01);
    QVERIFY(model->set_live_param("lr", "0.002"));
    QCOMPARE(model->learning_rate(), 0.002);
    QVERIFY(!model->set_live_param("features", "8"));
    std::stringstream bytes;
    {
      torch::serialize::OutputArchive out;
      model->save_state(out);
      out.save_to(bytes);
    }
    torch::manual_seed(99);  // a differently initialised model
    auto fresh = std::make_unique<gs::PixelCnnModel>(gs::resolve_params(gs::PixelCnnModel::param_specs(), small_params()),
                                                     gs::ImageShape{1, S, S});
    QVERIFY(!torch::equal(fresh->nll_nats(data), model->nll_nats(data)));
    torch::serialize::InputArchive in;
    in.load_from(bytes);
    fresh->load_state(in);
    QVERIFY(torch::equal(fresh->nll_nats(data), model->nll_nats(data)));
    // A checkpoint of another size is refused.
    auto bigger = small_model(S, {{"features", "8"}});
    bytes.seekg(0);
    torch::serialize::InputArchive in2;
    in2.load_from(bytes);
    QVERIFY(!errorOf([&] { bigger->load_state(in2); }).isEmpty());
  }

  void flagsAndBadInputRefused() {
    const gs::ImageShape shape{1, 8, 8};
    auto m = gs::create_model("pixelcnn", {}, shape);
    QCOMPARE(m->capabilities(), unsigned(gs::kCanSample | gs::kCanLogProb | gs::kSamplesPixels));
    QVERIFY(m->likelihood() && m->pixel_sampler());
    QCOMPARE(m->latent_dim(), int64_t(64));
    QVERIFY(errorOf([&] { gs::create_model("pixelcnn", {{"features", "0"}}, shape); }).contains("features"));
    QVERIFY(errorOf([&] { gs::create_model("pixelcnn", {{"layers", "99"}}, shape); }).contains("layers"));
    QVERIFY(!errorOf([&] { gs::create_model("pixelcnn", {{"kernel", "4"}}, shape); }).isEmpty());
    QVERIFY(errorOf([&] { gs::create_model("pixelcnn", {}, gs::ImageShape{3, 8, 8}); }).contains("1 channel"));
    QVERIFY(errorOf([&] { gs::create_model("pixelcnn", {}, gs::ImageShape{2, 1, 1, true}); }).contains("image dataset"));
    auto model = small_model(8);
    torch::Generator gen = at::detail::getDefaultCPUGenerator();
    torch::Tensor img = torch::zeros({2, 1, 8, 8});
    torch::Tensor todo = torch::ones({2, 1, 8, 8}, torch::kBool);
    QVERIFY(errorOf([&] { model->sample_pixels(img, todo, 0.0, gen); }).contains("temperature"));
    QVERIFY(errorOf([&] { model->sample_pixels(img, todo.narrow(0, 0, 1), 1.0, gen); }).contains("mask"));
    QVERIFY(errorOf([&] { model->nll_nats(torch::zeros({2, 1, 6, 6})); }).contains("1×8×8"));
    QVERIFY(errorOf([&] { model->decode(torch::zeros({2, 10})); }).contains("64"));
  }
};

GS_TEST_MAIN(TestPixelCnn)
#include "test_pixelcnn.moc"
