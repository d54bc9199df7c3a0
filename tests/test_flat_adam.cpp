// FlatAdam must update exactly like LibTorch's Adam, and keep parameters and
// gradients as views of its flat buffers.
#include "core/common/error.h"
#include "core/train/flat_adam.h"
#include "test_main.h"

class TestFlatAdam : public QObject {
  Q_OBJECT
 private slots:
  void matchesTorchAdam() {
    torch::manual_seed(3);
    auto make = [] {
      torch::manual_seed(11);
      return torch::nn::Sequential(torch::nn::Linear(5, 7), torch::nn::ReLU(), torch::nn::Linear(7, 3));
    };
    auto flat_net = make();
    auto ref_net = make();
    gs::AdamOptions o;
    o.lr = 0.01;
    gs::FlatAdam flat(flat_net->parameters(), o);
    torch::optim::Adam ref(ref_net->parameters(), torch::optim::AdamOptions(0.01));
    torch::Tensor x = torch::randn({16, 5}), y = torch::randn({16, 3});
    for (int step = 0; step < 20; ++step) {
      flat.zero_grad();
      torch::mse_loss(flat_net->forward(x), y).backward();
      flat.step();
      ref.zero_grad();
      torch::mse_loss(ref_net->forward(x), y).backward();
      ref.step();
    }
    auto a = flat_net->parameters(), b = ref_net->parameters();
    for (size_t i = 0; i < a.size(); ++i) {
      QVERIFY2(torch::allclose(a[i], b[i], 1e-5, 1e-6), qPrintable(QString("parameter %1 differs").arg(i)));
    }
    QCOMPARE(flat.steps_taken(), int64_t(20));
    QCOMPARE(flat.numel(), int64_t(5 * 7 + 7 + 7 * 3 + 3));
  }

  void saveAndLoadRestoreState() {
    torch::manual_seed(5);
    auto net = torch::nn::Linear(4, 2);
    gs::FlatAdam opt(net->parameters(), {});
    torch::Tensor x = torch::randn({8, 4});
    for (int i = 0; i < 3; ++i) {
      opt.zero_grad();
      net->forward(x).pow(2).sum().backward();
      opt.step();
    }
    torch::serialize::OutputArchive out;
    opt.save(out, "adam");
    std::ostringstream buf;
    out.save_to(buf);
    const torch::Tensor saved = net->weight.clone();

    opt.zero_grad();
    net->forward(x).pow(2).sum().backward();
    opt.step();
    QVERIFY(!torch::equal(saved, net->weight));

    torch::serialize::InputArchive in;
    std::istringstream is(buf.str());
    in.load_from(is);
    opt.load(in, "adam");
    QVERIFY(torch::equal(saved, net->weight));
    QCOMPARE(opt.steps_taken(), int64_t(3));

    auto other = torch::nn::Linear(4, 3);
    gs::FlatAdam wrong(other->parameters(), {});
    torch::serialize::InputArchive in2;
    std::istringstream is2(buf.str());
    in2.load_from(is2);
    const torch::Tensor before = other->weight.clone();
    QVERIFY_THROWS_EXCEPTION(gs::Error, wrong.load(in2, "adam"));
    QVERIFY(torch::equal(before, other->weight));  // unchanged after the refusal
  }
};

GS_TEST_MAIN(TestFlatAdam)
#include "test_flat_adam.moc"
