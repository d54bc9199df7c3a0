// test_anomaly_gui.cpp — the Explore tab's Anomaly view on the offscreen
// platform, with a VAE trained here for a few steps on one Fashion-MNIST class
// alone: the normal class defaults to it, the AUROC shown equals the core's,
// the histograms count every image, the strips hold the lowest and highest
// scores; another normal class; a dropped folder (a broken file named); the tab
// disabled with its sentence for a GAN; the loss plot's held-out curves.
#include <QTabWidget>
#include <QTemporaryDir>
#include <opencv2/imgcodecs.hpp>
#include <qcustomplot.h>

#include "core/explore/anomaly_explorer.h"
#include "core/metrics/anomaly.h"
#include "explore/anomaly/anomalyplots.h"
#include "explore/anomaly/anomalyview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"
#include "training/losspanel.h"

using namespace exploretest;

class AnomalyGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void scoresHistogramsAndRoc();
    void lossPlotHeldOutCurves();

private:
    QTemporaryDir mDir;
    QString mVae;
};

void AnomalyGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mVae = trainCheckpoint(mDir.path(), "vae", 60, 4, /*onlyClass=*/1);
}

void AnomalyGuiTest::scoresHistogramsAndRoc()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    auto *anomaly = view->view<AnomalyView>(QStringLiteral("anomaly"));
    QVERIFY(anomaly);
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(anomaly);
    QVERIFY(tab >= 0);
    QVERIFY(tabs->isTabEnabled(tab));
    anomaly->setTestLimit(600);
    QVERIFY(view->showSubView(QStringLiteral("anomaly")));
    QCOMPARE(view->currentViewId(), QStringLiteral("anomaly"));
    QVERIFY(QTest::qWaitFor([&] { return anomaly->isUpToDate() && anomaly->scores().scores.size() == 600; },
                            kTimeoutMs));

    // The core's answer for the same checkpoint and images.
    auto reference = gs::Explorer::open(QFile::encodeName(mVae).toStdString());
    const gs::AnomalyExplorer core(*reference);
    const gs::AnomalyScores scores = core.score_test_set(600);
    QCOMPARE(anomaly->normalClass(), 1); // the class the checkpoint was trained on
    const gs::RocCurve roc = gs::roc_for_normal_class(scores.scores, scores.labels, 1);
    QVERIFY(std::abs(anomaly->shownAuroc() - roc.auroc) < 1e-12);
    QVERIFY2(roc.auroc > 0.6, qPrintable(QString::number(roc.auroc))); // trousers stand apart already
    QVERIFY2(anomaly->captionText().contains(QString::number(roc.auroc, 'f', 3)), qPrintable(anomaly->captionText()));
    QVERIFY(anomaly->plots()->rocTitle().contains(QStringLiteral("AUROC")));
    QCOMPARE(anomaly->plots()->rocPoints(), int(roc.fpr.size()));
    // Every image counted once, one curve per class.
    QCOMPARE(anomaly->plots()->histogramTotal(), 600);
    QCOMPARE(anomaly->plots()->histogramCurves(), 10);
    // Strips: the lowest and the highest scores, in order.
    const std::vector<int> order = gs::rank_by_score(scores.scores);
    QCOMPARE(anomaly->typicalImages().size(), AnomalyView::kStripLength);
    QCOMPARE(anomaly->typicalImages().first(), toQImage(reference->dataset_image(order.front())));
    QCOMPARE(anomaly->atypicalImages().first(), toQImage(reference->dataset_image(order.back())));

    // Another normal class: the core's AUROC for it.
    anomaly->setNormalClass(7);
    QVERIFY(std::abs(anomaly->shownAuroc() - gs::roc_for_normal_class(scores.scores, scores.labels, 7).auroc) < 1e-12);
    QCOMPARE(anomaly->plots()->histogramTotal(), 600);

    // A dropped folder: its images scored, the broken file named.
    QDir folder(mDir.filePath(QStringLiteral("drop")));
    QVERIFY(folder.mkpath(QStringLiteral(".")));
    for (int i = 0; i < 4; ++i) {
        const gs::Image img = reference->dataset_image(i);
        cv::Mat m(img.height, img.width, CV_8UC1, const_cast<uint8_t *>(img.pixels.data()));
        cv::imwrite(folder.filePath(QStringLiteral("img%1.png").arg(i)).toStdString(), m);
    }
    QFile broken(folder.filePath(QStringLiteral("broken.png")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not an image");
    broken.close();
    QSignalSpy notices(anomaly, &AnomalyView::notice);
    drop(view.get(), folder.path());
    QVERIFY(QTest::qWaitFor([&] { return anomaly->isUpToDate() && anomaly->scores().files.size() == 4; },
                            kTimeoutMs));
    QVERIFY(notices.count() >= 1);
    QVERIFY(notices.last().at(0).toString().contains(QStringLiteral("broken.png")));
    QCOMPARE(anomaly->plots()->histogramTotal(), 4);
    QVERIFY(std::isnan(anomaly->shownAuroc())); // a folder without classes has no ROC
    for (int i = 0; i < 4; ++i)
        QVERIFY(std::abs(anomaly->scores().scores[i] - scores.scores[i]) < 0.05 * scores.scores[i]);

    // A model with neither a likelihood nor reconstructions: the tab says why.
    const quint64 generation = view->modelInfo().generation;
    view->openCheckpoint(trainCheckpoint(mDir.path(), "gan", 0, 4));
    QVERIFY(waitForModel(view.get(), generation));
    QVERIFY(!tabs->isTabEnabled(tab));
    QVERIFY2(tabs->tabToolTip(tab).contains(QStringLiteral("neither a likelihood nor reconstructions")),
             qPrintable(tabs->tabToolTip(tab)));
}

void AnomalyGuiTest::lossPlotHeldOutCurves()
{
    LossPanel panel;
    panel.setSeries({QStringLiteral("loss")});
    panel.appendPoints({LossPoint{10, {300.0}}});
    panel.appendMetrics(10, {QStringLiteral("test_bits_per_dim"), QStringLiteral("test_nats"), QStringLiteral("modes_covered")},
                        {6.5, 3530.0, 4.0});
    panel.appendMetrics(30, {QStringLiteral("test_bits_per_dim"), QStringLiteral("test_nats")}, {6.1, 3310.0});
    QCOMPARE(panel.evalSeries().names(), (QStringList{QStringLiteral("test_bits_per_dim"), QStringLiteral("test_nats")}));
    QCOMPARE(panel.evalSeries().pointCount(QStringLiteral("test_bits_per_dim")), 2);
    QCOMPARE(panel.evalSeries().lastValue(QStringLiteral("test_nats")), 3310.0);
    const int graphs = panel.plot()->graphCount();
    panel.setSeries({QStringLiteral("loss")}); // the same session: the curves stay
    QCOMPARE(panel.plot()->graphCount(), graphs);
    QCOMPARE(panel.evalSeries().graphs().first()->dataCount(), 2);
    panel.clear(); // a new session
    QVERIFY(panel.evalSeries().names().isEmpty());
    QCOMPARE(panel.plot()->graphCount(), 2); // the loss's raw and smoothed curves
}

GS_GUI_TEST_MAIN(AnomalyGuiTest)
#include "test_anomaly_gui.moc"
