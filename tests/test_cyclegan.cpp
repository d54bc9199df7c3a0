// CycleGAN: loss terms on hand-made tensors, size-agnostic generators, the
// history pool, image-quality metrics, the built-in domains and a few steps.
#include <QDir>
#include <QTemporaryDir>
#include <opencv2/imgcodecs.hpp>

#include "core/data/unpaired_domains.h"
#include "core/explore/explorer.h"
#include "core/metrics/image_quality.h"
#include "core/model/capabilities.h"
#include "core/model/model_registry.h"
#include "core/models/cyclegan/cyclegan_losses.h"
#include "core/models/cyclegan/cyclegan_model.h"
#include "core/models/cyclegan/cyclegan_nets.h"
#include "core/models/cyclegan/image_pool.h"
#include "core/train/batch_sampler.h"
#include "test_main.h"
#include "test_support.h"

class TestCycleGan : public QObject {
  Q_OBJECT
 private slots:
  void lossTermsOnHandMadeTensors() {
    torch::Tensor real = torch::tensor({0.0f, 1.0f, -1.0f, 0.5f});
    torch::Tensor rec = torch::tensor({0.5f, 1.0f, -0.5f, 0.0f});  // |diff| = .5, 0, .5, .5 → mean .375
    QVERIFY(std::abs(gs::cycle_loss(rec, real, 10).item<float>() - 3.75f) < 1e-6);
    QVERIFY(std::abs(gs::identity_loss(rec, real, 10, 0.5).item<float>() - 1.875f) < 1e-6);
    QCOMPARE(gs::cycle_loss(real, real, 10).item<float>(), 0.0f);
    torch::Tensor scores = torch::tensor({1.0f, 0.0f});  // (0² + 1²)/2 against 1; (1² + 0²)/2 against 0
    QVERIFY(std::abs(gs::least_squares_loss(scores, 1.0).item<float>() - 0.5f) < 1e-6);
    QVERIFY(std::abs(gs::least_squares_loss(scores, 0.0).item<float>() - 0.5f) < 1e-6);
  }

  void generatorIsSizeAgnostic() {
    torch::NoGradGuard ng;
    auto g = gs::make_resnet_generator(3, 3, 8, 2);
    for (auto hw : {std::pair<int64_t, int64_t>{32, 32}, {48, 64}}) {
      torch::Tensor y = g->forward(torch::rand({2, 3, hw.first, hw.second}));
      QCOMPARE(y.sizes(), (torch::IntArrayRef{2, 3, hw.first, hw.second}));
    }
    // Any size through the model: padded to a multiple of 4 and cropped back.
    auto m = gs::create_model("cyclegan", {{"ngf", "8"}, {"ndf", "8"}, {"blocks", "1"}}, [] {
      gs::ImageShape s{1, 28, 28};
      s.domains = 2;
      return s;
    }());
    for (auto hw : {std::pair<int64_t, int64_t>{28, 28}, {37, 51}, {3, 5}}) {
      torch::Tensor y = m->translator()->translate(torch::rand({1, 1, hw.first, hw.second}), true);
      QCOMPARE(y.sizes(), (torch::IntArrayRef{1, 1, hw.first, hw.second}));
      QVERIFY(y.min().item<float>() >= 0 && y.max().item<float>() <= 1);
    }
  }

  void historyPool() {
    gs::ImagePool pool(4);
    torch::Tensor first = torch::zeros({4, 1, 2, 2});
    QVERIFY(torch::equal(pool.query(first), first));  // filling: returned as given
    torch::manual_seed(0);
    torch::Tensor later = pool.query(torch::ones({64, 1, 2, 2}));
    const double old_share = (later.sum({1, 2, 3}) == 0).to(torch::kFloat64).mean().item<double>();
    QVERIFY(old_share > 0.0 && old_share < 0.2);  // some old fakes come back, most are new
    gs::ImagePool none(0);
    QVERIFY(torch::equal(none.query(first), first));
  }

  void imageQuality() {
    torch::manual_seed(1);
    torch::Tensor x = torch::rand({3, 1, 28, 28});
    QCOMPARE(gs::psnr(x, x), 100.0);
    QVERIFY(std::abs(gs::ssim(x, x) - 1.0) < 1e-9);
    torch::Tensor y = (x + 0.1).clamp(0, 1);
    const double mse = (x - y).pow(2).mean({1, 2, 3}).to(torch::kFloat64).mean().item<double>();
    QVERIFY(std::abs(gs::psnr(x, y) - 10 * std::log10(1 / mse)) < 0.5);
    QVERIFY(gs::ssim(x, torch::rand({3, 1, 28, 28})) < 0.2);
    QVERIFY(gs::ssim(x, y) > gs::ssim(x, torch::rand({3, 1, 28, 28})));
  }

  // Known answers: images that differ by a constant d have MSE d², so PSNR is
  // −20·log10(d) dB exactly (0.1 → 20 dB, 0.01 → 40 dB); the batch value is the
  // mean of the per-image values.
  void psnrKnownAnswers() {
    torch::manual_seed(2);
    const torch::Tensor x = torch::rand({2, 3, 16, 16}) * 0.8;  // room for + 0.1 without clamping
    QVERIFY(std::abs(gs::psnr(x, x + 0.1) - 20.0) < 1e-4);
    QVERIFY(std::abs(gs::psnr(x, x + 0.01) - 40.0) < 1e-3);
    const torch::Tensor mixed = torch::cat({x.narrow(0, 0, 1) + 0.1, x.narrow(0, 1, 1) + 0.01});
    QVERIFY(std::abs(gs::psnr(x, mixed) - 30.0) < 1e-3);
  }

  // Known answers for SSIM: identical images give 1; two flat images a and b give
  // the luminance term (2ab + C1)/(a² + b² + C1) with C1 = 0.01²; one 11×11
  // window of random images matches a direct evaluation of the SSIM formula
  // (Wang et al. 2004, Gaussian window σ = 1.5, C2 = 0.03²) written out in loops.
  void ssimKnownAnswers() {
    torch::manual_seed(3);
    const torch::Tensor x = torch::rand({2, 1, 20, 20});
    QVERIFY(std::abs(gs::ssim(x, x) - 1.0) < 1e-9);
    const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
    const double flat = (2 * 0.5 * 0.25 + c1) / (0.5 * 0.5 + 0.25 * 0.25 + c1);
    QVERIFY(std::abs(gs::ssim(torch::full({1, 1, 16, 16}, 0.5), torch::full({1, 1, 16, 16}, 0.25)) - flat) < 1e-9);

    const torch::Tensor a = torch::rand({1, 1, 11, 11}, torch::kDouble), b = torch::rand({1, 1, 11, 11}, torch::kDouble);
    double w[11][11], wsum = 0;
    for (int i = 0; i < 11; ++i)
      for (int j = 0; j < 11; ++j) wsum += (w[i][j] = std::exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5)));
    double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
    auto A = a.accessor<double, 4>(), B = b.accessor<double, 4>();
    for (int i = 0; i < 11; ++i)
      for (int j = 0; j < 11; ++j) {
        ma += w[i][j] / wsum * A[0][0][i][j];
        mb += w[i][j] / wsum * B[0][0][i][j];
      }
    for (int i = 0; i < 11; ++i)
      for (int j = 0; j < 11; ++j) {
        const double da = A[0][0][i][j] - ma, db = B[0][0][i][j] - mb;
        saa += w[i][j] / wsum * da * da;
        sbb += w[i][j] / wsum * db * db;
        sab += w[i][j] / wsum * da * db;
      }
    const double want = (2 * ma * mb + c1) * (2 * sab + c2) / ((ma * ma + mb * mb + c1) * (saa + sbb + c2));
    QVERIFY2(std::abs(gs::ssim(a, b) - want) < 1e-9, qPrintable(QString("%1 vs %2").arg(gs::ssim(a, b)).arg(want)));
  }

  // After decay_start steps the rate falls linearly to 0 over decay_steps: the
  // step that follows k completed steps runs at lr·max(0, 1 − (k − start)/length).
  void learningRateDecaysLinearlyToZero() {
    gs::ImageShape shape{1, 28, 28};
    shape.domains = 2;
    auto m = gs::create_model("cyclegan", {{"ngf", "8"}, {"ndf", "8"}, {"blocks", "1"}, {"batch_size", "2"}, {"lr", "1e-3"},
                                           {"decay_start", "2"}, {"decay_steps", "4"}}, shape);
    auto& cg = dynamic_cast<gs::CycleGanModel&>(*m);
    torch::manual_seed(1);
    gs::BatchSampler sampler(torch::rand({8, 2, 28, 28}), 2, 1);
    const double want[] = {1e-3, 1e-3, 1e-3, 0.75e-3, 0.5e-3, 0.25e-3, 0, 0};  // after steps 1 … 8
    for (int k = 0; k < 8; ++k) {
      m->train_step(sampler.batch(k));
      QVERIFY2(std::abs(cg.generator_lr() - want[k]) < 1e-12 && std::abs(cg.discriminator_lr() - want[k]) < 1e-12,
               qPrintable(QString("after step %1: G %2, D %3, want %4").arg(k + 1).arg(cg.generator_lr())
                              .arg(cg.discriminator_lr()).arg(want[k])));
    }
  }

  // The photo2painting domains from opencv-doc's example photos, and two folders of one's own.
  void photoAndFolderDomains() {
    if (!QFileInfo::exists("/usr/share/doc/opencv-doc/examples/data")) QSKIP("opencv-doc (the example photos) is not installed");
    gs::SessionConfig c;
    c.model_id = "cyclegan";
    c.params = {{"ngf", "8"}, {"ndf", "8"}, {"blocks", "1"}, {"batch_size", "2"}};
    c.dataset.id = "photo2painting";
    c.dataset.image_size = 32;
    c.dataset.limit = 8;
    auto s = gs::TrainingSession::create(c);
    QVERIFY2(QString::fromStdString(s->dataset_description()).contains("8 photo crops"), s->dataset_description().c_str());
    gs::RunOptions o;
    o.total_steps = 2;
    o.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    s->run(o, control, quiet);
    QCOMPARE(s->step(), 2L);

    QTemporaryDir dir;
    for (const char* side : {"a", "b"}) {
      QDir().mkpath(dir.filePath(side));
      for (int i = 0; i < 4; ++i) {
        cv::Mat im(20, 24, CV_8UC3, cv::Scalar(side[0] == 'a' ? 40 * i : 200, 90, side[0] == 'a' ? 10 : 30 * i));
        QVERIFY(cv::imwrite(dir.filePath(QString("%1/%2.png").arg(side).arg(i)).toStdString(), im));
      }
    }
    c.dataset.id = "folders";
    c.dataset.path = dir.filePath("a").toStdString();
    c.dataset.path_b = dir.filePath("b").toStdString();
    c.dataset.image_size = 16;
    c.dataset.channels = 3;
    c.dataset.limit = 0;
    auto f = gs::TrainingSession::create(c);
    QVERIFY2(QString::fromStdString(f->dataset_description()).contains("4 images in A") &&
                 QString::fromStdString(f->dataset_description()).contains("4 in B"), f->dataset_description().c_str());
    f->run(o, control, quiet);
    QCOMPARE(f->step(), 2L);
    c.dataset.path_b = "/nonexistent";
    QVERIFY(errorOf([&] { gs::TrainingSession::create(c); }).contains("does not exist"));
  }

  void edgesToFashionAndAFewSteps() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    gs::ImageDataset d = gs::make_edges2fashion("", 64);
    QCOMPARE(d.shape.domains, int64_t(2));
    QCOMPARE(d.train_images.sizes(), (torch::IntArrayRef{64, 2, 28, 28}));
    // Domain A holds binary edge maps, domain B grey garments.
    torch::Tensor a = d.train_images.narrow(1, 0, 1);
    QVERIFY(((a == 0) | (a == 1)).all().item<bool>());
    // Truth pairs: the A side is the edge map of the B side.
    torch::Tensor tb = d.test_images.narrow(0, 0, 4).narrow(1, 1, 1);
    QVERIFY(torch::equal(gs::edge_maps(tb), d.test_images.narrow(0, 0, 4).narrow(1, 0, 1)));

    auto m = gs::create_model("cyclegan", {{"ngf", "8"}, {"ndf", "8"}, {"blocks", "1"}, {"batch_size", "4"}}, d.shape);
    gs::BatchSampler sampler(d.train_images, 4, 1);
    for (int step = 0; step < 3; ++step) {
      torch::Tensor l = m->train_step(sampler.batch(step));
      QCOMPARE(l.numel(), int64_t(8));
      QVERIFY(torch::isfinite(l).all().item<bool>());
    }
    QVERIFY(errorOf([&] { gs::create_model("vae", {}, d.shape); }).contains("only translation models"));
    QVERIFY(errorOf([&] { gs::create_model("cyclegan", {}, gs::ImageShape{1, 28, 28}); }).contains("two image domains"));
  }

  void translateAndEvaluateFromACheckpoint() {
    if (!QFileInfo::exists("/usr/share/datasets/fashion-mnist")) QSKIP("dataset-fashion-mnist not installed");
    QTemporaryDir dir;
    gs::SessionConfig c;
    c.model_id = "cyclegan";
    c.params = {{"ngf", "8"}, {"ndf", "8"}, {"blocks", "1"}, {"batch_size", "4"}};
    c.dataset.id = "edges2fashion";
    c.dataset.limit = 64;
    auto s = gs::TrainingSession::create(c);
    gs::RunOptions o;
    o.total_steps = 4;
    o.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    s->run(o, control, quiet);
    s->save(dir.filePath("c.gsckpt").toStdString());
    auto e = gs::Explorer::open(dir.filePath("c.gsckpt").toStdString());
    QVERIFY(e->capabilities() & gs::kCanTranslate);
    gs::Image rgb{40, 30, 3, std::vector<uint8_t>(40 * 30 * 3, 128)};
    gs::Image out = e->translate(rgb, false);
    QCOMPARE(out.width, 40);
    QCOMPARE(out.height, 30);
    gs::TranslationScores sc = e->evaluate_translation(50);
    QCOMPARE(sc.pairs, 50);
    QVERIFY(sc.identity_psnr_ab > 0 && sc.psnr_ab > 0);
    QVERIFY(errorOf([&] { e->translate(gs::Image{}, true); }).contains("empty"));

    // The translation panel's views: forward, cycle and identity, same size as the input.
    QVERIFY(e->capabilities() & gs::kTranslatesBack);
    const gs::Image garment = e->dataset_image(3, 1);
    const gs::Image edges = e->dataset_image(3, 0);
    QCOMPARE(garment.channels, 1);
    QCOMPARE(garment.width, 28);
    QVERIFY(garment.pixels != edges.pixels);
    QCOMPARE(e->dataset_domains(), 2);
    gs::TranslationViews v = e->translation_views(rgb, true);
    QCOMPARE(v.input.channels, 1);  // converted to the model's channels
    for (const gs::Image* im : {&v.input, &v.forward, &v.cycle, &v.identity}) {
      QCOMPARE(im->width, 40);
      QCOMPARE(im->height, 30);
    }
    QVERIFY(v.forward.pixels == e->translate(rgb, true).pixels);
    QVERIFY(v.identity.pixels == e->translate(rgb, false).pixels);  // G_BA on the A input
    // The cycle runs on the unrounded forward output: through the 8-bit image it is off by rounding only.
    const gs::Image cycle8 = e->translate(v.forward, false);
    double diff = 0;
    for (size_t i = 0; i < cycle8.pixels.size(); ++i) diff += std::abs(int(cycle8.pixels[i]) - int(v.cycle.pixels[i]));
    QVERIFY2(diff / cycle8.pixels.size() < 2.0, qPrintable(QString::number(diff / cycle8.pixels.size())));
    QVERIFY(v.cycle_psnr > 0 && v.cycle_psnr < 100 && v.identity_psnr > 0);
    QVERIFY(errorOf([&] { e->dataset_image(0, 2); }).contains("domains A and B"));
  }
};

GS_TEST_MAIN(TestCycleGan)
#include "test_cyclegan.moc"
