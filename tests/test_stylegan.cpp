// The style-based generator: style mixing with identical seeds equals the
// unmixed output, truncation ψ = 0 gives the w̄ image for every seed, a few
// training steps, checkpoint round trip of w̄, bookmarked latents as mixing
// sources, exploring w instead of z, and a clear refusal of a checkpoint whose
// networks differ.
#include <QTemporaryDir>

#include "core/explore/explorer.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/stylegan/stylegan_model.h"
#include "core/train/batch_sampler.h"
#include "core/train/checkpoint.h"
#include "test_main.h"
#include "test_support.h"

namespace {

std::unique_ptr<gs::Explorer> small_trained_explorer(QTemporaryDir& dir) {
  gs::SessionConfig c;
  c.model_id = "stylegan";
  c.params = {{"latent_dim", "16"}, {"w_dim", "16"}, {"channels", "8"}, {"batch_size", "8"}};
  c.dataset.limit = 64;
  auto s = gs::TrainingSession::create(c);
  gs::RunOptions o;
  o.total_steps = 5;
  o.sample_seconds = 0;
  gs::TrainControl control;
  gs::TrainObserver quiet;
  s->run(o, control, quiet);
  const std::string path = dir.filePath("s.gsckpt").toStdString();
  s->save(path);
  return gs::Explorer::open(path);
}

}  // namespace

class TestStyleGan : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
  }

  void mixingAndTruncation() {
    QTemporaryDir dir;
    auto e = small_trained_explorer(dir);
    QVERIFY(e->capabilities() & gs::kHasStyles);
    const int layers = e->style_layers();
    QCOMPARE(layers, 8);  // 32×32: 4×4 (1 conv), 8, 16, 32 (2 each), toRGB
    gs::StyleMix plain;
    plain.seed_a = plain.seed_b = 5;
    const gs::Image unmixed = e->style_mix(plain);
    QCOMPARE(unmixed.width, 28);  // cropped back from the padded 32×32
    gs::StyleMix mixed = plain;
    mixed.layer_from_b = std::vector<int>(layers, 0);
    for (int i = layers / 2; i < layers; ++i) mixed.layer_from_b[i] = 1;
    QVERIFY(e->style_mix(mixed).pixels == unmixed.pixels);  // identical seeds: mixing changes nothing
    mixed.seed_b = 6;
    QVERIFY(e->style_mix(mixed).pixels != unmixed.pixels);  // a different B changes the fine layers

    gs::StyleMix zero;
    zero.psi = 0;
    zero.noise = false;
    zero.seed_a = zero.seed_b = 1;
    const gs::Image mean_image = e->style_mix(zero);
    for (unsigned long seed : {2UL, 3UL, 99UL}) {
      zero.seed_a = zero.seed_b = seed;
      QVERIFY(e->style_mix(zero).pixels == mean_image.pixels);  // ψ = 0: every seed gives the w̄ image
    }
    gs::StyleMix noisy = zero;
    noisy.noise = true;
    noisy.noise_seed = 3;
    const gs::Image n3 = e->style_mix(noisy);
    QVERIFY(e->style_mix(noisy).pixels == n3.pixels);  // the noise seed makes noise repeatable
    mixed.layer_from_b = {1, 0};
    QVERIFY(errorOf([&] { e->style_mix(mixed); }).contains("8 style layers"));

    // Latents (bookmarks) instead of seeds: the latent of seed 5 gives the seed-5 image.
    gs::StyleMix bookmarked = plain;
    bookmarked.seed_a = bookmarked.seed_b = 77;
    bookmarked.latent_a = bookmarked.latent_b = e->random_latent(5);
    QVERIFY(e->style_mix(bookmarked).pixels == unmixed.pixels);
  }

  void exploresWSpace() {
    QTemporaryDir dir;
    auto e = small_trained_explorer(dir);
    const gs::Latent z = e->random_latent(7);
    const gs::Image from_z = e->decode(z);
    QCOMPARE(e->latent_dim(), 16);
    e->set_w_space(true);
    QVERIFY(e->w_space());
    const gs::Latent w = e->random_latent(7);  // mapping(z(7))
    QCOMPARE(int(w.size()), 16);
    QVERIFY(w != z);
    QVERIFY(e->decode(w).pixels == from_z.pixels);  // the same image through w
    e->set_truncation(0.0);
    QVERIFY(e->decode(w).pixels == e->decode(e->random_latent(8)).pixels);  // ψ = 0 in w too
    e->set_truncation(1.0);
    const gs::Directions d = e->principal_directions(3, 200);
    QCOMPARE(int(d.directions.size()), 3);
    QCOMPARE(int(d.directions[0].size()), 16);
    QVERIFY(d.source.find("mapping") != std::string::npos);
    QVERIFY(d.explained[0] >= d.explained[1]);
    QCOMPARE(int(e->interpolate({w, e->random_latent(9)}, 5, false).size()), 5);
    e->set_w_space(false);
    QVERIFY(e->decode(z).pixels == from_z.pixels);

    QTemporaryDir vdir;
    gs::SessionConfig c;
    c.model_id = "vae";
    c.dataset.limit = 64;
    auto s = gs::TrainingSession::create(c);
    const std::string path = vdir.filePath("v.gsckpt").toStdString();
    s->save(path);
    auto vae = gs::Explorer::open(path);
    QVERIFY(errorOf([&] { vae->set_w_space(true); }).contains("w space"));
  }

  void trainsAndKeepsMeanStyleAcrossCheckpoints() {
    QTemporaryDir dir;
    auto e = small_trained_explorer(dir);
    auto again = gs::Explorer::open(dir.filePath("s.gsckpt").toStdString());
    gs::StyleMix zero;
    zero.psi = 0;
    zero.noise = false;
    QVERIFY(e->style_mix(zero).pixels == again->style_mix(zero).pixels);
    e->set_truncation(0.0);
    QVERIFY(e->decode(e->random_latent(1)).pixels == e->decode(e->random_latent(2)).pixels);
  }
  // The mapping network learns at 1/100 of the learning rate (StyleGAN's
  // learning-rate multiplier), at construction and after every change.
  void mappingLearnsAtOneHundredthOfTheRate() {
    auto m = gs::create_model("stylegan", {{"channels", "8"}, {"lr", "3e-3"}}, gs::ImageShape{});
    auto& sg = dynamic_cast<gs::StyleGanModel&>(*m);
    QCOMPARE(sg.synthesis_lr(), 3e-3);
    QCOMPARE(sg.discriminator_lr(), 3e-3);
    QVERIFY(std::abs(sg.mapping_lr() - 3e-5) < 1e-15);
    m->set_learning_rate(1e-3);
    QCOMPARE(sg.synthesis_lr(), 1e-3);
    QVERIFY(std::abs(sg.mapping_lr() - 1e-5) < 1e-15);
    QVERIFY(m->set_live_param("lr", "5e-4"));
    QCOMPARE(sg.discriminator_lr(), 5e-4);
    QVERIFY(std::abs(sg.mapping_lr() - 5e-6) < 1e-15);
  }

  // Per-pixel noise enters through learned per-channel strengths that start at
  // zero (StyleGAN): an untrained generator's output does not depend on the
  // noise, and training moves the strengths.
  void noiseStrengthsStartAtZeroAndAreTrained() {
    torch::manual_seed(3);
    auto m = gs::create_model("stylegan", {{"channels", "8"}, {"w_dim", "16"}, {"latent_dim", "16"}, {"lr", "1e-2"}},
                              gs::ImageShape{});
    auto& sg = dynamic_cast<gs::StyleGanModel&>(*m);
    const auto before = sg.noise_strengths();
    QCOMPARE(int(before.size()), 7);  // 32×32: one conv at 4×4, two at 8, 16 and 32
    for (const auto& t : before) QCOMPARE(t.abs().max().item<double>(), 0.0);
    const torch::Tensor ws = sg.map_latent(torch::randn({2, 16})).unsqueeze(1).repeat({1, sg.num_style_layers(), 1});
    QVERIFY(torch::equal(sg.synthesize(ws, true, 1), sg.synthesize(ws, true, 2)));  // noise has no effect yet
    const torch::Tensor batch = torch::rand({8, 1, 28, 28});
    for (int i = 0; i < 4; ++i) m->train_step(batch);
    double moved = 0;
    for (const auto& t : sg.noise_strengths()) moved = std::max(moved, t.abs().max().item<double>());
    QVERIFY2(moved > 0, "training left every noise strength at zero");
  }

  // With g_ema > 0 samples come from the generator's weight average; it differs
  // from the trained generator after training and survives a checkpoint; the
  // default (0) samples the generator itself.
  void samplesFromTheGeneratorAverage() {
    QCOMPARE(dynamic_cast<gs::StyleGanModel&>(*gs::create_model("stylegan", {{"channels", "8"}}, gs::ImageShape{}))
                 .generator_ema(),
             0.0);
    auto averaged = [](double decay) {
      torch::manual_seed(4);
      auto m = gs::create_model("stylegan",
                                {{"channels", "8"}, {"w_dim", "16"}, {"latent_dim", "16"}, {"g_ema", std::to_string(decay)}},
                                gs::ImageShape{});
      const torch::Tensor batch = torch::rand({8, 1, 28, 28});
      for (int i = 0; i < 3; ++i) m->train_step(batch);
      return m;
    };
    auto with = averaged(0.999), without = averaged(0);
    QCOMPARE(dynamic_cast<gs::StyleGanModel&>(*with).generator_ema(), 0.999);
    torch::manual_seed(9);
    const torch::Tensor z = torch::randn({2, 16});
    const torch::Tensor a = with->decode(z), b = without->decode(z);
    QVERIFY(!torch::allclose(a, b));  // the same training, but sampled from the average
    QTemporaryDir dir;
    const std::string path = dir.filePath("ema.gsckpt").toStdString();
    gs::write_checkpoint(path, gs::CheckpointMetadata{}, *with);
    auto again = gs::create_model("stylegan", {{"channels", "8"}, {"w_dim", "16"}, {"latent_dim", "16"}, {"g_ema", "0.999"}},
                                  gs::ImageShape{});
    gs::load_checkpoint_state(path, *again);
    QVERIFY(torch::allclose(again->decode(z), a));
  }

  void refusesCheckpointOfOtherNetworks() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("narrow.gsckpt").toStdString();
    auto narrow = gs::create_model("stylegan", {{"channels", "8"}}, gs::ImageShape{});
    gs::write_checkpoint(path, gs::CheckpointMetadata{}, *narrow);
    auto wide = gs::create_model("stylegan", {{"channels", "16"}}, gs::ImageShape{});
    const QString message = errorOf([&] { gs::load_checkpoint_state(path, *wide); });
    QVERIFY2(message.contains("networks differ from the checkpoint's"), qPrintable(message));
    QVERIFY2(message.contains("adam_g"), qPrintable(message));
  }
};

GS_TEST_MAIN(TestStyleGan)
#include "test_stylegan.moc"
