// The BLAS GenStudio selects must compute correct products: compare LibTorch's
// float matmul (which calls sgemm) against an exact double-precision reference.
#include "core/common/runtime_info.h"
#include "test_main.h"

class TestBlas : public QObject {
  Q_OBJECT
 private slots:
  void matmulMatchesReference_data() {
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("transposed");
    QTest::newRow("square 64") << 64 << 64 << 64 << false;
    QTest::newRow("odd 37x129x61") << 37 << 129 << 61 << false;
    QTest::newRow("vae layer 128x784x512") << 128 << 784 << 512 << false;
    QTest::newRow("backward shape 512x128x784 (A^T)") << 512 << 128 << 784 << true;
    QTest::newRow("thin 1x300x3") << 1 << 300 << 3 << false;
  }
  void matmulMatchesReference() {
    QFETCH(int, m);
    QFETCH(int, k);
    QFETCH(int, n);
    QFETCH(bool, transposed);
    for (int threads : {1, 2}) {
      gs::set_compute_threads(threads);
      torch::manual_seed(m * 31 + n);
      torch::Tensor a = transposed ? torch::randn({k, m}).t() : torch::randn({m, k});
      torch::Tensor b = torch::randn({k, n});
      torch::Tensor c = torch::matmul(a, b);
      // Exact reference: plain loops in double precision.
      torch::Tensor ad = a.to(torch::kDouble).contiguous(), bd = b.to(torch::kDouble).contiguous();
      const double* pa = ad.data_ptr<double>();
      const double* pb = bd.data_ptr<double>();
      torch::Tensor cd = c.to(torch::kDouble).contiguous();
      const double* pc = cd.data_ptr<double>();
      double max_err = 0, max_ref = 0;
      for (int i = 0; i < m; ++i) {
        for (int j = 0; j < n; ++j) {
          double s = 0;
          for (int p = 0; p < k; ++p) s += pa[i * k + p] * pb[p * n + j];
          max_err = std::max(max_err, std::abs(s - pc[i * n + j]));
          max_ref = std::max(max_ref, std::abs(s));
        }
      }
      // float32 accumulation over k terms of unit-variance products
      const double tol = 1e-5 * std::sqrt(double(k)) * std::max(1.0, max_ref);
      QVERIFY2(max_err <= tol, qPrintable(QString("threads %1: max error %2 > %3").arg(threads).arg(max_err).arg(tol)));
    }
  }

  void reportsWhatIsLoaded() {
    gs::RuntimeInfo info = gs::runtime_info();
    QVERIFY(!info.torch_version.empty());
    QVERIFY(!info.blas_library.empty());
    QVERIFY(info.hardware_threads >= 1);
    const std::string text = gs::format_runtime_info(info);
    QVERIFY(text.find("BLAS kernel") != std::string::npos);
    qInfo().noquote() << QString::fromStdString(text);
  }
};

GS_TEST_MAIN(TestBlas)
#include "test_blas.moc"
