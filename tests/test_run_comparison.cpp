// The compare view's arithmetic: which direction is better by a column's
// name, TensorBoard's debiased EMA against hand-computed values, curves by
// step and by wall time, and the comparison table's last/best values, best
// rows and CSV on hand-made runs.
#include <cmath>

#include "core/train/run_comparison.h"
#include "test_main.h"

namespace {

const double kNaN = std::nan("");

gs::RunRecord run(const std::string& name, const std::vector<std::vector<double>>& rows) {
  gs::RunRecord r;
  r.name = name;
  r.model_id = "vae";
  r.dataset_id = "fashion-mnist";
  r.metrics.columns = {"step", "seconds", "loss", "test_bits_per_dim"};
  r.metrics.rows = rows;
  return r;
}

}  // namespace

class TestRunComparison : public QObject {
  Q_OBJECT
 private slots:
  void directionsByName() {
    using gs::Better;
    QCOMPARE(gs::metric_direction("loss"), Better::Lower);
    QCOMPARE(gs::metric_direction("d_loss"), Better::Lower);
    QCOMPARE(gs::metric_direction("fid"), Better::Lower);
    QCOMPARE(gs::metric_direction("kid"), Better::Lower);
    QCOMPARE(gs::metric_direction("test_bits_per_dim"), Better::Lower);
    QCOMPARE(gs::metric_direction("precision"), Better::Higher);
    QCOMPARE(gs::metric_direction("recall"), Better::Higher);
    QCOMPARE(gs::metric_direction("psnr_ab"), Better::Higher);
    QCOMPARE(gs::metric_direction("modes_covered"), Better::Higher);
    QCOMPARE(gs::metric_direction("elbo"), Better::Higher);
    QCOMPARE(gs::metric_direction("neg_elbo"), Better::Lower);
    QCOMPARE(gs::metric_direction("step"), Better::Neither);
  }

  void emaMatchesTensorBoard() {
    const std::vector<double> v = {1, 2, 3, kNaN, 4};
    const std::vector<double> s = gs::ema_smooth(v, 0.5);
    // last_1 = 0.5, /(1 − 0.5) = 1; last_2 = 0.25 + 1 = 1.25, /(0.75) = 5/3; last_3 = 0.625 + 1.5 = 2.125, /0.875.
    QCOMPARE(s[0], 1.0);
    QVERIFY(std::abs(s[1] - 5.0 / 3.0) < 1e-12);
    QVERIFY(std::abs(s[2] - 2.125 / 0.875) < 1e-12);
    QVERIFY(std::isnan(s[3]));
    QVERIFY(std::abs(s[4] - (2.125 * 0.5 + 2.0) / 0.9375) < 1e-12);
    QCOMPARE(gs::ema_smooth(v, 0.0)[2], 3.0);
  }

  void curvesAndTable() {
    std::vector<gs::RunRecord> runs = {
        run("a", {{10, 1.0, 5.0, kNaN}, {20, 2.0, 3.0, 4.0}, {30, 3.0, 4.0, kNaN}}),
        run("b, quoted", {{10, 0.5, 6.0, 3.5}, {20, 1.5, 3.5, kNaN}}),
    };
    runs[1].quality.columns = {"step", "seconds", "precision"};
    runs[1].quality.rows = {{20, 1.5, 0.4}, {20, 1.6, 0.7}};
    const gs::RunCurve c = gs::run_curve(runs[0].metrics, "test_bits_per_dim", false);
    QCOMPARE(c.x, std::vector<double>{20});
    const gs::RunCurve t = gs::run_curve(runs[0].metrics, "loss", true);
    QCOMPARE(t.x, (std::vector<double>{1.0, 2.0, 3.0}));
    QCOMPARE(gs::comparison_series(runs), (std::vector<std::string>{"loss", "test_bits_per_dim", "precision"}));

    const gs::ComparisonTable table = gs::compare_runs(runs);
    const auto col = [&](const std::string& title) {
      for (size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i].title == title) return static_cast<int>(i);
      return -1;
    };
    QCOMPARE(table.values[0][col("steps")], 30.0);
    QCOMPARE(table.values[1][col("wall time (s)")], 1.5);
    QCOMPARE(table.values[0][col("loss last")], 4.0);
    QCOMPARE(table.values[0][col("loss best")], 3.0);
    QCOMPARE(table.columns[col("loss last")].best_row, 1);  // 3.5 < 4
    QCOMPARE(table.columns[col("loss best")].best_row, 0);  // 3.0 < 3.5
    QCOMPARE(table.columns[col("test_bits_per_dim best")].best_row, 1);
    QCOMPARE(table.columns[col("precision best")].best_row, 1);  // higher is better, only b has it
    QCOMPARE(table.values[1][col("precision best")], 0.7);
    QVERIFY(std::isnan(table.values[0][col("precision last")]));
    QCOMPARE(table.columns[col("steps")].best_row, -1);

    const std::string csv = gs::comparison_csv(table);
    QVERIFY(csv.rfind("run,model,dataset,steps,wall time (s),loss last,loss best,", 0) == 0);
    QVERIFY(csv.find("\n\"b, quoted\",vae,fashion-mnist,20,1.5,3.5,3.5,") != std::string::npos);
    QVERIFY(csv.find("\na,vae,fashion-mnist,30,3,4,3,4,4,,\n") != std::string::npos);
    QVERIFY(csv.find("\nbest,,,,,\"b, quoted (lower is better)\",a (lower is better),") != std::string::npos);
  }
};

GS_TEST_MAIN(TestRunComparison)
#include "test_run_comparison.moc"
