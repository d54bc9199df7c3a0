// test_rbm_gui.cpp — the Explore tab's Gibbs view on the offscreen platform,
// for a small RBM trained here: the filters shown (one tile per hidden unit),
// the chain advancing frame by frame while playing (and stopping when paused),
// completion keeping the clamped top half of the test image, AIS giving a
// finite test log-likelihood with progress, and a long AIS run cancelled.
#include <QPushButton>
#include <QLabel>
#include <QTabWidget>
#include <QTemporaryDir>

#include <cmath>

#include "core/explore/explorer.h"
#include "core/explore/rbm_explorer.h"
#include "explore/rbm/rbmview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"

using namespace exploretest;

namespace {

QString trainRbm(const QString &dir)
{
    gs::SessionConfig config;
    config.model_id = "rbm";
    config.params = {{"hidden", "36"}, {"batch_size", "32"}, {"sample_steps", "5"}};
    config.dataset.limit = 512;
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = 100;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(options, control, quiet);
    const QString path = QDir(dir).filePath(QStringLiteral("rbm.gsckpt"));
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

} // namespace

class RbmGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void filtersAndChainAdvance();
    void completionKeepsTheClampedHalf();
    void aisRunsAndCanBeCancelled();

private:
    RbmView *openView();

    QTemporaryDir mDir;
    QString mCheckpoint;
    std::unique_ptr<ExploreView> mExplore;
};

void RbmGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mCheckpoint = trainRbm(mDir.path());
    mExplore = openExploreView(mCheckpoint);
    QVERIFY(waitForModel(mExplore.get()));
}

RbmView *RbmGuiTest::openView()
{
    auto *view = mExplore->view<RbmView>(QStringLiteral("gibbs"));
    if (view)
        mExplore->showSubView(QStringLiteral("gibbs"));
    return view;
}

void RbmGuiTest::filtersAndChainAdvance()
{
    RbmView *view = openView();
    QVERIFY(view);
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QCOMPARE(tabs->tabText(tab), QStringLiteral("Gibbs"));
    QVERIFY(tabs->isTabEnabled(tab));
    // An RBM's sample grid starts from noise, not from a latent that decodes: the header names none.
    const QString header = mExplore->findChild<QLabel *>(QStringLiteral("exploreSource"))->text();
    QVERIFY2(header.contains(QStringLiteral("step")) && !header.contains(QStringLiteral("latent")), qPrintable(header));

    // 36 filters of 28×28 in 10 columns, 2-pixel padding: 4 rows.
    QVERIFY(QTest::qWaitFor([&] { return !view->filterImage().isNull(); }, kTimeoutMs));
    QCOMPARE(view->filterImage().width(), 10 * 28 + 11 * 2);
    QCOMPARE(view->filterImage().height(), 4 * 28 + 5 * 2);
    // Shown the first time, the chain plays by itself from noise.
    QVERIFY(QTest::qWaitFor([&] { return view->isPlaying() && view->chainSteps() > 0; }, kTimeoutMs));
    view->pause();
    view->restart();
    QVERIFY(QTest::qWaitFor([&] { return !view->chain().empty() && view->chainSteps() == 0; }, kTimeoutMs));

    // Playing: frames of 3 steps arrive and the images change.
    view->setStepsPerFrame(3);
    const QImage start = view->chainImage();
    view->play();
    QVERIFY(QTest::qWaitFor([&] { return view->chainSteps() >= 9; }, kTimeoutMs));
    QCOMPARE(view->chainSteps() % 3, 0L);
    QVERIFY(view->chainImage() != start);
    view->pause();
    QTest::qWait(300); // a frame in flight lands
    const long paused = view->chainSteps();
    QTest::qWait(300);
    QCOMPARE(view->chainSteps(), paused);
    view->stepOnce();
    QVERIFY(QTest::qWaitFor([&] { return view->chainSteps() == paused + 3; }, kTimeoutMs));
}

void RbmGuiTest::completionKeepsTheClampedHalf()
{
    RbmView *view = openView();
    view->pause();
    view->setChains(4);
    view->setTestIndex(3);
    view->setStart(RbmView::Start::Completion);
    QVERIFY(QTest::qWaitFor([&] { return view->chain().count == 4 && view->chainSteps() == 0; }, kTimeoutMs));
    const gs::GibbsChain before = view->chain();
    QCOMPARE(int(before.clamp.size()), 28 * 28);
    view->setStepsPerFrame(20);
    view->play();
    QVERIFY(QTest::qWaitFor([&] { return view->chainSteps() >= 60; }, kTimeoutMs));
    view->pause();
    QTest::qWait(300);
    const gs::GibbsChain &after = view->chain();
    // The binary test image the chain was clamped to, from the facade on another copy.
    auto explorer = gs::Explorer::open(QFile::encodeName(mCheckpoint).toStdString());
    const QImage test = toQImage(gs::RbmExplorer(*explorer).binary_test_image(3)).convertToFormat(QImage::Format_Grayscale8);
    int changedBelow = 0;
    for (int i = 0; i < after.count; ++i) {
        for (int p = 0; p < 28 * 28; ++p) {
            const size_t k = size_t(i) * 28 * 28 + p;
            if (p < 14 * 28) {
                QCOMPARE(int(before.clamp[p]), 1);
                QCOMPARE(int(after.state[k]), test.constScanLine(p / 28)[p % 28] > 127 ? 1 : 0);
            } else {
                QCOMPARE(int(before.clamp[p]), 0);
                changedBelow += after.state[k] != before.state[k];
            }
        }
    }
    QVERIFY2(changedBelow > 50, qPrintable(QString::number(changedBelow)));
    // The grid shows the clamped rows exactly as the test image.
    const QImage grid = view->chainImage().convertToFormat(QImage::Format_Grayscale8);
    for (int r = 0; r < 14; ++r)
        for (int c = 0; c < 28; ++c)
            QCOMPARE(grid.constScanLine(2 + r)[2 + c] > 127, test.constScanLine(r)[c] > 127);
}

void RbmGuiTest::aisRunsAndCanBeCancelled()
{
    RbmView *view = openView();
    view->pause();
    QSignalSpy finished(view, &RbmView::aisFinished);
    view->setAisRuns(20);
    view->setAisTemperatures(200);
    view->startAis();
    QVERIFY(view->aisRunning());
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    const gs::RbmAisSummary r = view->aisResult();
    QVERIFY(std::isfinite(r.test_log_likelihood) && r.test_log_likelihood < 0);
    QVERIFY(r.test_log_likelihood > -784 * std::log(2.0)); // better than a coin per pixel
    QCOMPARE(r.runs, 20);
    QCOMPARE(view->aisProgressValue(), 1000);
    QVERIFY(view->aisText().contains(QStringLiteral("nats")));

    // A long run: progress moves, then Cancel stops it well before its end.
    view->setAisRuns(200);
    view->setAisTemperatures(200000);
    view->startAis();
    QVERIFY(QTest::qWaitFor([&] { return view->aisProgressValue() > 0; }, kTimeoutMs));
    QVERIFY(view->aisProgressValue() < 1000);
    auto *cancel = view->findChild<QPushButton *>(QStringLiteral("rbmAisCancel"));
    QVERIFY(cancel->isEnabled());
    cancel->click();
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(finished.takeFirst().at(0).toBool(), true);
    QVERIFY(!view->aisRunning());
    QVERIFY2(view->aisText().contains(QStringLiteral("cancelled")), qPrintable(view->aisText()));
    QCOMPARE(view->aisResult().runs, 20); // the finished estimate stays
    QCOMPARE(view->aisProgressValue(), 0);
    // The chain runs again afterwards.
    const long steps = view->chainSteps();
    view->stepOnce();
    QVERIFY(QTest::qWaitFor([&] { return view->chainSteps() > steps; }, kTimeoutMs));
}

GS_GUI_TEST_MAIN(RbmGuiTest)
#include "test_rbm_gui.moc"
