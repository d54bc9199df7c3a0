// The MLP GAN's fused step (gan_fused_path.h) against the autograd step it
// replaces: for every loss the fused path covers, on points (with and without
// PacGAN packing, with label smoothing) and on small images, one D and one G
// step give the same losses, gradients and updated weights within float
// tolerance; a few more steps stay together; configurations it does not cover
// fall back to autograd; and the fused step allocates nothing after its first
// batch (a counting CPU allocator and a counting operator new).
#include <atomic>
#include <cstdlib>
#include <new>

#include <c10/core/CPUAllocator.h>

#include "core/model/model_registry.h"
#include "core/models/gan/gan_fused_path.h"
#include "core/models/gan/gan_model.h"
#include "test_main.h"

namespace {

std::atomic<long> g_news{0};

struct CountingCpuAllocator final : c10::Allocator {
  c10::Allocator* base = nullptr;
  mutable std::atomic<long> count{0};
  c10::DataPtr allocate(size_t n) const override {
    ++count;
    return base->allocate(n);
  }
  c10::DeleterFnPtr raw_deleter() const override { return base->raw_deleter(); }
};

CountingCpuAllocator& counting_allocator() {
  static CountingCpuAllocator* a = [] {
    auto* c = new CountingCpuAllocator;
    c->base = c10::GetCPUAllocator();
    c10::SetCPUAllocator(c, /*priority=*/100);
    return c;
  }();
  return *a;
}

std::unique_ptr<gs::GenerativeModel> make(gs::ParamValues p, const gs::ImageShape& shape, const char* step,
                                          uint64_t seed) {
  p["step"] = step;
  torch::manual_seed(seed);
  return gs::create_model("gan", p, shape);
}

gs::GanModel& gan(const std::unique_ptr<gs::GenerativeModel>& m) { return dynamic_cast<gs::GanModel&>(*m); }

// max |a − b| within atol + rtol · max |b|.
bool close(const torch::Tensor& a, const torch::Tensor& b, double rtol, double atol, const char* what) {
  const double diff = (a - b).abs().max().item<double>();
  const double scale = b.abs().max().item<double>();
  if (diff <= atol + rtol * scale) return true;
  qWarning("%s differ by %g (scale %g)", what, diff, scale);
  return false;
}

// Weights after Adam steps: its first steps are ≈ lr·sign(g), so a gradient within
// rounding of zero may move a weight either way; the bulk must agree to 1 % of lr.
// After several steps these rounding-level splits compound (most in hinge and
// wgan, whose output gradients are exactly ±1/n), so `share` of them may differ.
bool weights_agree(const torch::Tensor& a, const torch::Tensor& b, double lr, const char* what, double share = 0.01) {
  const torch::Tensor d = (a - b).abs();
  const double mean = d.mean().item<double>();
  const double off = (d > 1e-2 * lr).to(torch::kDouble).mean().item<double>();
  if (mean <= 1e-2 * lr && off <= share) return true;
  qWarning("%s: mean difference %g, %g %% of them beyond 1 %% of lr", what, mean, 100 * off);
  return false;
}

}  // namespace

void* operator new(size_t n) {
  ++g_news;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

class TestGanFused : public QObject {
  Q_OBJECT
 private slots:
  void sameStepAsAutograd_data() {
    QTest::addColumn<QString>("loss");
    QTest::addColumn<QString>("pack");
    QTest::addColumn<QString>("smoothing");
    QTest::addColumn<bool>("images");
    for (const char* loss : {"minimax", "nonsaturating", "lsgan", "hinge", "wgan-gp"}) {
      QTest::newRow((std::string(loss) + " points").c_str()) << loss << "1" << "0" << false;
      QTest::newRow((std::string(loss) + " points pack 2 smoothing").c_str()) << loss << "2" << "0.1" << false;
      QTest::newRow((std::string(loss) + " images").c_str()) << loss << "1" << "0" << true;
    }
  }

  void sameStepAsAutograd() {
    QFETCH(QString, loss);
    QFETCH(QString, pack);
    QFETCH(QString, smoothing);
    QFETCH(bool, images);
    const gs::ImageShape shape = images ? gs::ImageShape{1, 6, 6} : gs::ImageShape{2, 1, 1, true};
    gs::ParamValues p = {{"loss", loss.toStdString()}, {"pack", pack.toStdString()},
                         {"label_smoothing", smoothing.toStdString()}, {"batch_size", "32"},
                         {"latent_dim", images ? "8" : "2"}, {"gp_weight", "0"}, {"lr_g", "1e-3"}, {"lr_d", "1e-3"}};
    if (!images) p["width"] = "32";
    auto fused = make(p, shape, "fused", 7);
    auto reference = make(p, shape, "autograd", 7);
    torch::manual_seed(3);
    torch::Tensor batch = images ? torch::rand({32, 1, 6, 6}) : torch::randn({32, 2});
    QVERIFY(gan(fused).uses_fused_step(batch));
    QVERIFY(!gan(reference).uses_fused_step(batch));
    const auto& fg = gan(fused).generator_optimizer();
    const auto& fd = gan(fused).discriminator_optimizer();
    const auto& rg = gan(reference).generator_optimizer();
    const auto& rd = gan(reference).discriminator_optimizer();
    QVERIFY(torch::equal(fg.flat_parameters(), rg.flat_parameters()));
    QVERIFY(torch::equal(fd.flat_parameters(), rd.flat_parameters()));
    // One D and one G step from the same random stream.
    torch::manual_seed(11);
    const torch::Tensor lf = fused->train_step(batch);
    torch::manual_seed(11);
    const torch::Tensor lr = reference->train_step(batch);
    // D's losses (all but g_loss) before any update; g_loss after D's update, whose
    // weights moved by ≈ ±lr each (Adam's first step), so within a fraction of lr.
    const std::vector<int64_t> d_side = {0, 2, 3, 4, 5, 6};
    const torch::Tensor idx = torch::tensor(d_side);
    QVERIFY(close(lf.index_select(0, idx), lr.index_select(0, idx), 1e-5, 1e-6, "D losses"));
    QVERIFY(close(lf[1], lr[1], 2e-3, 5e-4, "G loss"));
    QVERIFY(close(fd.flat_gradient(), rd.flat_gradient(), 1e-4, 1e-7, "D gradients"));
    QVERIFY(close(fg.flat_gradient(), rg.flat_gradient(), 1e-4, 1e-7, "G gradients"));
    // Adam's first step is ≈ lr·sign(g): compare the update itself, relative to lr.
    QVERIFY(weights_agree(fd.flat_parameters(), rd.flat_parameters(), 1e-3, "updated D weights"));
    QVERIFY(weights_agree(fg.flat_parameters(), rg.flat_parameters(), 1e-3, "updated G weights"));
    // A few more steps (same draws) stay together.
    for (int i = 0; i < 5; ++i) {
      torch::manual_seed(20 + i);
      const torch::Tensor a = fused->train_step(batch);
      torch::manual_seed(20 + i);
      const torch::Tensor b = reference->train_step(batch);
      QVERIFY(close(a, b, 1e-3, 5e-4, "losses after more steps"));
    }
    QVERIFY(weights_agree(fg.flat_parameters(), rg.flat_parameters(), 6e-3, "G weights after 6 steps", 0.05));
    QVERIFY(weights_agree(fd.flat_parameters(), rd.flat_parameters(), 6e-3, "D weights after 6 steps", 0.05));
    QCOMPARE(gan(fused).generator_updates(), 6);
    QCOMPARE(gan(fused).discriminator_updates(), 6);
  }

  void fallsBackToAutograd() {
    const gs::ImageShape points{2, 1, 1, true};
    const torch::Tensor batch = torch::randn({32, 2});
    QVERIFY(!gan(make({{"loss", "wgan-gp"}}, points, "fused", 1)).uses_fused_step(batch));  // gradient penalty
    QVERIFY(!gan(make({{"r1_gamma", "1"}}, points, "fused", 1)).uses_fused_step(batch));    // R1 penalty
    auto m = make({{"pack", "4"}, {"batch_size", "32"}}, points, "fused", 1);
    QVERIFY(gan(m).uses_fused_step(batch));
    QVERIFY(!gan(m).uses_fused_step(torch::randn({30, 2})));  // not a multiple of the packing
    // Switching live: the loss and the path.
    QVERIFY(m->set_live_param("step", "autograd"));
    QVERIFY(!gan(m).uses_fused_step(batch));
    QVERIFY(m->set_live_param("step", "fused"));
    QVERIFY(m->set_live_param("r1_gamma", "0.5"));
    QVERIFY(!gan(m).uses_fused_step(batch));
    const torch::Tensor l = m->train_step(batch);  // autograd after fused
    QVERIFY(torch::isfinite(l).all().item<bool>());
    QVERIFY(m->set_live_param("r1_gamma", "0"));
    QVERIFY(torch::isfinite(m->train_step(batch)).all().item<bool>());
  }

  void noAllocationInTheFusedStep() {
    auto m = make({{"batch_size", "64"}, {"latent_dim", "2"}}, gs::ImageShape{2, 1, 1, true}, "fused", 5);
    auto& g = gan(m);
    // The path itself, fed from buffers made before counting.
    gs::GanNetConfig c;
    c.shape = gs::ImageShape{2, 1, 1, true};
    c.latent_dim = 2;
    auto& opt_g = const_cast<gs::FlatAdam&>(g.generator_optimizer());
    auto& opt_d = const_cast<gs::FlatAdam&>(g.discriminator_optimizer());
    gs::GanFusedPath path(c, opt_g, opt_d);
    const torch::Tensor real = torch::randn({64, 2}), z = torch::randn({64, 2});
    path.discriminator_step(real.data_ptr<float>(), 1, 0, z.data_ptr<float>(), 64, gs::GanLoss::NonSaturating, 0);
    path.generator_step(z.data_ptr<float>(), 64, gs::GanLoss::NonSaturating);
    CountingCpuAllocator& counter = counting_allocator();
    const long tensors0 = counter.count, news0 = g_news;
    for (int i = 0; i < 50; ++i) {
      path.discriminator_step(real.data_ptr<float>(), 1, 0, z.data_ptr<float>(), 64, gs::GanLoss::NonSaturating, 0);
      path.generator_step(z.data_ptr<float>(), 64, gs::GanLoss::NonSaturating);
    }
    const long tensors = counter.count - tensors0, news = g_news - news0;
    qInfo("fused path, 50 steps: %ld tensor allocations, %ld operator new", tensors, news);
    QCOMPARE(tensors, 0L);
    QCOMPARE(news, 0L);
    // Through GanModel::train_step: only the returned losses tensor is new each step.
    m->train_step(real);
    const long t1 = counter.count, n1 = g_news;
    for (int i = 0; i < 50; ++i) m->train_step(real);
    qInfo("train_step, 50 steps: %ld tensor allocations, %ld operator new", counter.count - t1, g_news - n1);
    QVERIFY(counter.count - t1 <= 50);
  }
};

GS_TEST_MAIN(TestGanFused)
#include "test_gan_fused.moc"
