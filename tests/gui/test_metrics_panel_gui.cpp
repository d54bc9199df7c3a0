// test_metrics_panel_gui.cpp — the Training tab's Metrics panel in the real
// window with tiny real sessions: Evaluate now fills the table with FID, KID,
// precision and recall and their real-vs-real references while the progress
// advances; Cancel stops a running evaluation and keeps the previous results;
// every N steps during a short training run gives at least two evaluations
// whose FID joins the loss plot as a series, and training keeps stepping while
// they run; a 2-D model shows the not-applicable sentences and its mode
// metrics; closing the window mid-evaluation joins in seconds.
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>
#include <memory>

#include <qcustomplot.h>

#include "core/explore/quality_explorer.h"
#include "core/train/run_folder.h"
#include "gui_test_main.h"
#include "shell/mainwindow.h"
#include "support/studiosettings.h"
#include "training/losspanel.h"
#include "training/metrics/evaluationrunner.h"
#include "training/metrics/metricspanel.h"
#include "training/metrics/qualityresultsview.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/parameterform.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kRunTimeoutMs = 90000;
constexpr int kEvalTimeoutMs = 120000;
constexpr long kSmallLimit = 2000;
constexpr int kFewSamples = 200;

int rowOf(QTableWidget *table, const QString &key)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0) && table->item(row, 0)->data(Qt::UserRole).toString() == key)
            return row;
    return -1;
}

double cellValue(QTableWidget *table, int row, int column)
{
    bool ok = false;
    const double value = QLocale().toDouble(table->item(row, column)->text(), &ok);
    return ok ? value : qQNaN();
}

} // namespace

class MetricsPanelTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void evaluateNowFillsTheTable();
    void cancelKeepsThePreviousResults();
    void everyNStepsJoinsTheLossPlot();
    void pointModelSaysWhatDoesNotApply();
    void closingMidEvaluationJoinsQuickly();

private:
    std::unique_ptr<MainWindow> makeWindow();
    void train(MainWindow *window, const QString &model, const QString &dataset, long steps,
               int stepDelayMs = 0);
    MetricsPanel *panelOf(MainWindow *window);
    bool haveData() const;

    QTemporaryDir mDir;
    std::unique_ptr<MainWindow> mWindow; // the VAE session of the first tests
};

void MetricsPanelTest::initTestCase()
{
    QVERIFY(mDir.isValid());
}

bool MetricsPanelTest::haveData() const
{
    // The image tests need Fashion-MNIST and GenStudio's classifier (models/, or
    // $GENSTUDIO_CLASSIFIER); the 2-D test needs neither.
    if (gs::find_shipped_classifier().empty())
        return false;
    return QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte.gz"))
        || QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte"));
}

std::unique_ptr<MainWindow> MetricsPanelTest::makeWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1400, 850);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

MetricsPanel *MetricsPanelTest::panelOf(MainWindow *window)
{
    return window->findChild<MetricsPanel *>(QStringLiteral("metricsPanel"));
}

void MetricsPanelTest::train(MainWindow *window, const QString &model, const QString &dataset,
                             long steps, int stepDelayMs)
{
    TrainingPanel *form = window->trainingPanel();
    QVERIFY(form->selectModel(model));
    QVERIFY(form->selectDataset(dataset));
    form->setTotalSteps(steps);
    form->setImageLimit(kSmallLimit);
    if (auto *batch = qobject_cast<QSpinBox *>(form->parameterForm()->editor(QStringLiteral("batch_size"))))
        batch->setValue(32);
    TrainingController *controller = window->trainingController();
    controller->setStepDelay(stepDelayMs);
    QSignalSpy finished(controller, &TrainingController::runFinished);
    QSignalSpy failed(controller, &TrainingController::failed);
    window->findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(controller->step(), steps);
}

void MetricsPanelTest::evaluateNowFillsTheTable()
{
    if (!haveData())
        QSKIP("Fashion-MNIST or the GenStudio classifier (models/fashion-classifier.gsclf) is missing");
    mWindow = makeWindow();
    train(mWindow.get(), QStringLiteral("vae"), QStringLiteral("fashion-mnist"), 60);
    MetricsPanel *panel = panelOf(mWindow.get());
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    auto *evaluate = panel->findChild<QPushButton *>(QStringLiteral("evaluateNowButton"));
    QVERIFY(evaluate && evaluate->isEnabled());
    panel->setSamples(kFewSamples);

    QSignalSpy progress(panel->runner(), &EvaluationRunner::progress);
    QSignalSpy finished(panel->runner(), &EvaluationRunner::finished);
    QSignalSpy failed(panel->runner(), &EvaluationRunner::failed);
    QTest::mouseClick(evaluate, Qt::LeftButton);
    QVERIFY(finished.wait(kEvalTimeoutMs) || !failed.isEmpty());
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
    QCOMPARE(panel->evaluationsCompleted(), 1);

    // The progress went forward, from the start to the end.
    QVERIFY(progress.count() >= 3);
    double last = -1;
    for (const auto &call : progress) {
        const double fraction = call.at(1).toDouble();
        QVERIFY(fraction >= last - 1e-9);
        last = fraction;
    }
    QCOMPARE(last, 1.0);
    QCOMPARE(panel->progressBar()->value(), panel->progressBar()->maximum());

    // The table: the four image metrics with their real-vs-real references.
    QTableWidget *table = panel->results()->table();
    for (const QString key : {QStringLiteral("fid"), QStringLiteral("kid"), QStringLiteral("precision"),
                              QStringLiteral("recall")}) {
        const int row = rowOf(table, key);
        QVERIFY2(row >= 0, qPrintable(key));
        QVERIFY2(std::isfinite(cellValue(table, row, 1)), qPrintable(key));
        QVERIFY2(std::isfinite(cellValue(table, row, 2)), qPrintable(key));
    }
    const int fid = rowOf(table, QStringLiteral("fid"));
    QVERIFY(table->item(fid, 0)->text().contains(QStringLiteral("GenStudio classifier")));
    QCOMPARE(table->item(fid, 3)->text(), QStringLiteral("lower"));
    QCOMPARE(table->item(rowOf(table, QStringLiteral("precision")), 3)->text(), QStringLiteral("higher"));
    // A 60-step VAE is far from the data: its FID is well above the real-vs-real one.
    QVERIFY(cellValue(table, fid, 1) > cellValue(table, fid, 2));
    QVERIFY(panel->statusText().contains(QStringLiteral("60")));

    // The class histogram (generated against the test images, ten classes).
    QVERIFY(panel->results()->histogram()->isVisibleTo(panel));
    QCOMPARE(panel->results()->generatedBars()->data()->size(), 10);
    QCOMPARE(panel->results()->realBars()->data()->size(), 10);
    double share = 0;
    for (auto it = panel->results()->generatedBars()->data()->constBegin();
         it != panel->results()->generatedBars()->data()->constEnd(); ++it)
        share += it->value;
    QVERIFY(std::fabs(share - 1.0) < 1e-6);

    // The loss plot has each metric as its own series at step 60.
    const EvalSeries &series = mWindow->lossPanel()->evalSeries();
    QVERIFY(series.names().contains(MetricsPanel::seriesName(QStringLiteral("fid"))));
    QCOMPARE(series.pointCount(MetricsPanel::seriesName(QStringLiteral("fid"))), 1);
    const gs::QualityMetric *reported = panel->results()->report().find("fid");
    QVERIFY(reported);
    QCOMPARE(series.lastValue(MetricsPanel::seriesName(QStringLiteral("fid"))), reported->value);
    QCOMPARE(table->item(fid, 1)->text(), QualityResultsView::formatValue(reported->value));
}

void MetricsPanelTest::cancelKeepsThePreviousResults()
{
    if (!mWindow)
        QSKIP("needs the session of evaluateNowFillsTheTable");
    MetricsPanel *panel = panelOf(mWindow.get());
    QTableWidget *table = panel->results()->table();
    const int fid = rowOf(table, QStringLiteral("fid"));
    QVERIFY(fid >= 0);
    const QString before = table->item(fid, 1)->text();
    const int rows = table->rowCount();

    panel->setSamples(5000); // long enough to cancel midway
    QSignalSpy progress(panel->runner(), &EvaluationRunner::progress);
    QSignalSpy finished(panel->runner(), &EvaluationRunner::finished);
    panel->evaluateNow();
    // Cancel once it is under way.
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(1).toDouble() > 0.0, kEvalTimeoutMs);
    auto *cancel = panel->findChild<QPushButton *>(QStringLiteral("cancelEvaluationButton"));
    QVERIFY(cancel->isEnabled());
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY(clock.elapsed() < 30000);
    const auto report = finished.first().at(1).value<QualityReportPtr>();
    QVERIFY(report && report->cancelled);
    // The previous results stay.
    QCOMPARE(panel->evaluationsCompleted(), 1);
    QCOMPARE(table->rowCount(), rows);
    QCOMPARE(table->item(fid, 1)->text(), before);
    QCOMPARE(mWindow->lossPanel()->evalSeries().pointCount(MetricsPanel::seriesName(QStringLiteral("fid"))), 1);
    QTRY_VERIFY(!panel->isEvaluating());
    QVERIFY(!cancel->isEnabled());
}

void MetricsPanelTest::everyNStepsJoinsTheLossPlot()
{
    if (!haveData())
        QSKIP("Fashion-MNIST or the GenStudio classifier (models/fashion-classifier.gsclf) is missing");
    auto window = makeWindow();
    MetricsPanel *panel = panelOf(window.get());
    panel->setSamples(kFewSamples);
    panel->setEverySteps(100);
    panel->setEveryStepsEnabled(true);
    TrainingController *controller = window->trainingController();

    // The training step when each evaluation starts and at each of its progress reports.
    QVector<qint64> startSteps, latestSteps;
    QVector<bool> startedWhileTraining;
    connect(panel->runner(), &EvaluationRunner::started, this, [&](quint64, qint64, bool automatic) {
        QVERIFY(automatic);
        startSteps << controller->step();
        latestSteps << controller->step();
        startedWhileTraining << controller->isTraining();
    });
    connect(panel->runner(), &EvaluationRunner::progress, this, [&](quint64, double, const QString &) {
        if (!latestSteps.isEmpty() && controller->isTraining())
            latestSteps.last() = controller->step();
    });
    QSignalSpy finished(panel->runner(), &EvaluationRunner::finished);
    // Slowed a little so that 400 steps outlast a few evaluations on a loaded machine.
    train(window.get(), QStringLiteral("vae"), QStringLiteral("fashion-mnist"), 400, 15);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isEvaluating(), kEvalTimeoutMs);

    QVERIFY2(panel->evaluationsCompleted() >= 2, qPrintable(QString::number(panel->evaluationsCompleted())));
    const QString fid = MetricsPanel::seriesName(QStringLiteral("fid"));
    const EvalSeries &series = window->lossPanel()->evalSeries();
    QVERIFY(series.pointCount(fid) >= 2);
    QCOMPARE(series.pointCount(fid), panel->evaluationsCompleted());
    // Each point at the step its snapshot was taken: at or after a multiple of 100.
    QCPGraph *graph = nullptr;
    for (QCPGraph *g : series.graphs())
        if (g->name().startsWith(QStringLiteral("fid")))
            graph = g;
    QVERIFY(graph);
    QCOMPARE(graph->data()->size(), series.pointCount(fid));
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
        QVERIFY(it->key >= 100 && it->key <= 400);
        QVERIFY(std::isfinite(it->value));
    }
    // Training kept stepping while an evaluation ran.
    bool advanced = false;
    for (int i = 0; i < startSteps.size(); ++i)
        advanced = advanced || (startedWhileTraining[i] && latestSteps[i] > startSteps[i]);
    QVERIFY(advanced);
    QCOMPARE(controller->step(), 400L);
    // The run folder records every evaluation in quality.csv, FID included.
    QVERIFY(!controller->runFolder().isEmpty());
    const gs::RunRecord run = gs::read_run(controller->runFolder().toStdString());
    QCOMPARE(int(run.quality.rows.size()), panel->evaluationsCompleted());
    const int fidColumn = run.quality.column("fid");
    QVERIFY(fidColumn >= 0);
    for (const auto &row : run.quality.rows)
        QVERIFY(std::isfinite(row[size_t(fidColumn)]));
    // The choice is remembered for the next window.
    QVERIFY(StudioSettings().metricsEveryEnabled());
    QCOMPARE(StudioSettings().metricsEverySteps(0), 100);
    panel->setEveryStepsEnabled(false);
    QVERIFY(!StudioSettings().metricsEveryEnabled());
}

void MetricsPanelTest::pointModelSaysWhatDoesNotApply()
{
    auto window = makeWindow();
    train(window.get(), QStringLiteral("gan"), QStringLiteral("ring8"), 100);
    MetricsPanel *panel = panelOf(window.get());
    panel->setSamples(500);
    QSignalSpy finished(panel->runner(), &EvaluationRunner::finished);
    QSignalSpy failed(panel->runner(), &EvaluationRunner::failed);
    panel->evaluateNow();
    QVERIFY(finished.wait(kEvalTimeoutMs) || !failed.isEmpty());
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
    QLabel *na = panel->results()->notApplicableLabel();
    QVERIFY(na->isVisibleTo(panel));
    QVERIFY(na->text().contains(QStringLiteral("FID")));
    QTableWidget *table = panel->results()->table();
    QVERIFY(rowOf(table, QStringLiteral("fid")) < 0);
    const int modes = rowOf(table, QStringLiteral("modes_covered"));
    QVERIFY(modes >= 0);
    const double covered = cellValue(table, modes, 1);
    QVERIFY(covered >= 0 && covered <= 8);
    QVERIFY(!panel->results()->histogram()->isVisibleTo(panel));
    QVERIFY(window->lossPanel()->evalSeries().names().contains(
        MetricsPanel::seriesName(QStringLiteral("modes_covered"))));
}

void MetricsPanelTest::closingMidEvaluationJoinsQuickly()
{
    if (!mWindow) { // without the image session, a 2-D one
        mWindow = makeWindow();
        train(mWindow.get(), QStringLiteral("gan"), QStringLiteral("ring8"), 50);
    }
    MetricsPanel *panel = panelOf(mWindow.get());
    panel->setSamples(5000);
    QSignalSpy started(panel->runner(), &EvaluationRunner::started);
    panel->evaluateNow();
    QVERIFY(started.wait(kEvalTimeoutMs));
    QElapsedTimer clock;
    clock.start();
    mWindow.reset();
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
}

GS_GUI_TEST_MAIN(MetricsPanelTest)
#include "test_metrics_panel_gui.moc"
