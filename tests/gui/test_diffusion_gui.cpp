// test_diffusion_gui.cpp — the Explore tab's Diffusion view on the offscreen
// platform, for a tiny DDPM trained here: the scrubber (the forward frame at
// t = 0 is the test image, at T − 1 noise; the reverse frame follows the
// slider; step forward / back move one recorded step; play runs to the clean
// sample; replay starts from the noise again), the schedule plot's cursor at
// t, a dropped picture becoming the noised image, the sampler comparison with
// four timed samplers, re-runs on new weights, and the tab disabled with its
// sentence for a VAE.
#include <QComboBox>
#include <QRegularExpression>
#include <QSpinBox>
#include <QToolButton>
#include <QLabel>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>

#include "explore/diffusion/diffusionview.h"
#include "explore/diffusion/samplercomparison.h"
#include "explore/diffusion/scheduleplot.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/messagebanner.h"

using namespace exploretest;

namespace {

constexpr int kT = 100;

QString trainDdpm(const QString &dir)
{
    gs::SessionConfig config;
    config.model_id = "ddpm";
    // One DDIM step for the model's plain decode: the other tabs' jobs (the Latent
    // tab's directions decode 2000 latents) stay short on the shared exploration thread.
    config.params = {{"timesteps", std::to_string(kT)}, {"channels", "8"}, {"attention", "false"},
                     {"batch_size", "8"}, {"sample_steps", "1"}};
    config.dataset.limit = 256;
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = 4;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session->run(options, control, quiet);
    const QString path = QDir(dir).filePath(QStringLiteral("ddpm.gsckpt"));
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

double meanAbsDiff(const QImage &a, const QImage &b)
{
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8), gb = b.convertToFormat(QImage::Format_Grayscale8);
    if (ga.size() != gb.size() || ga.isNull())
        return 1e9;
    double sum = 0;
    for (int r = 0; r < ga.height(); ++r)
        for (int c = 0; c < ga.width(); ++c)
            sum += std::abs(int(ga.constScanLine(r)[c]) - int(gb.constScanLine(r)[c]));
    return sum / double(ga.width() * ga.height());
}

} // namespace

class DiffusionGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void scrubberShowsForwardAndReverse();
    void playbackButtons();
    void droppedPictureIsNoised();
    void comparisonTimesFourSamplers();
    void newWeightsRerun();
    void unavailableForAVae();

private:
    DiffusionView *openView();
    bool waitIdle(DiffusionView *view);
    QImage shown(const char *name) const;

    QTemporaryDir mDir;
    QString mCheckpoint;
    std::unique_ptr<ExploreView> mExplore;
};

void DiffusionGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mCheckpoint = trainDdpm(mDir.path());
    // The Diffusion tab chosen before the model comes, as --explore-view diffusion does
    // (so the Latent tab's directions, 2000 samples of a diffusion model, are not asked for).
    mExplore = std::make_unique<ExploreView>();
    mExplore->resize(1200, 800);
    mExplore->show();
    QVERIFY(QTest::qWaitForWindowExposed(mExplore.get()));
    QVERIFY(mExplore->showSubView(QStringLiteral("diffusion")));
    mExplore->openCheckpoint(mCheckpoint);
    QVERIFY(waitForModel(mExplore.get()));
}

DiffusionView *DiffusionGuiTest::openView()
{
    auto *view = mExplore->view<DiffusionView>(QStringLiteral("diffusion"));
    if (view)
        mExplore->showSubView(QStringLiteral("diffusion"));
    return view;
}

bool DiffusionGuiTest::waitIdle(DiffusionView *view)
{
    const bool idle = QTest::qWaitFor(
        [&] { return !view->isBusy() && view->shownForward() > 0 && view->shownReverse() > 0; }, kTimeoutMs);
    if (!idle)
        qWarning("busy %d, forward %llu, reverse %llu, T %d, banner: %s", view->isBusy(), view->shownForward(),
                 view->shownReverse(), view->timesteps(), qPrintable(mExplore->messageBanner()->text()));
    return idle;
}

QImage DiffusionGuiTest::shown(const char *name) const
{
    auto *image = mExplore->findChild<ImageView *>(QString::fromLatin1(name));
    return image ? image->image() : QImage();
}

void DiffusionGuiTest::scrubberShowsForwardAndReverse()
{
    DiffusionView *view = openView();
    QVERIFY(view);
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QCOMPARE(tabs->tabText(tab), QStringLiteral("Diffusion"));
    QVERIFY(tabs->isTabEnabled(tab));
    QCOMPARE(mExplore->currentViewId(), QStringLiteral("diffusion"));
    QVERIFY(waitIdle(view));
    view->pause();
    QCOMPARE(view->timesteps(), kT);
    auto *slider = view->findChild<QSlider *>(QStringLiteral("diffusionTimestep"));
    QCOMPARE(slider->maximum(), kT - 1);
    QCOMPARE(view->schedulePlot()->timesteps(), kT);

    // The default run: DDIM with 50 steps from t = T − 1 down to 0.
    const gs::DiffusionRun *run = view->run();
    QVERIFY(run);
    QCOMPARE(int(run->frames.size()), 50);
    QCOMPARE(run->frames.front().t, kT - 1);
    QCOMPARE(run->frames.back().t, 0);

    // t = 0: the forward frame is the test image; the reverse frame the last step.
    quint64 before = view->shownForward();
    view->setTimestep(0);
    QVERIFY(QTest::qWaitFor([&] { return view->shownForward() > before && !view->isBusy(); }, kTimeoutMs));
    QCOMPARE(view->forwardFrame().t, 0);
    const QImage clean = shown("diffusionForwardXt");
    QVERIFY2(meanAbsDiff(clean, shown("diffusionForwardX0")) < 3.0,
             qPrintable(QString::number(meanAbsDiff(clean, shown("diffusionForwardX0")))));
    QCOMPARE(view->frameIndex(), 49);
    QCOMPARE(view->schedulePlot()->cursor(), 0);
    const QImage lastReverse = shown("diffusionReverseXt");

    // t = T − 1: noise, far from the image; the reverse frame the first step (pure noise).
    before = view->shownForward();
    view->setTimestep(kT - 1);
    QVERIFY(QTest::qWaitFor([&] { return view->shownForward() > before && !view->isBusy(); }, kTimeoutMs));
    const QImage noisy = shown("diffusionForwardXt");
    QVERIFY(meanAbsDiff(noisy, shown("diffusionForwardX0")) > 30);
    QCOMPARE(view->frameIndex(), 0);
    QCOMPARE(view->schedulePlot()->cursor(), kT - 1);
    QVERIFY(meanAbsDiff(shown("diffusionReverseXt"), lastReverse) > 10);
    QCOMPARE(toQImage(run->frames.front().x_t), shown("diffusionReverseXt"));

    // Mid-way: a frame between, the images between too.
    view->setTimestep(kT / 2);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy(); }, kTimeoutMs));
    const double mid = meanAbsDiff(shown("diffusionForwardXt"), shown("diffusionForwardX0"));
    QVERIFY(mid > meanAbsDiff(clean, shown("diffusionForwardX0")) && mid < meanAbsDiff(noisy, shown("diffusionForwardX0")));
    QVERIFY(view->frameIndex() > 0 && view->frameIndex() < 49);
    QCOMPARE(shown("diffusionReverseX0Hat"), toQImage(run->frames[size_t(view->frameIndex())].x0_hat));
    QVERIFY(!mExplore->messageBanner()->isVisible());
}

void DiffusionGuiTest::playbackButtons()
{
    DiffusionView *view = openView();
    QVERIFY(waitIdle(view));
    view->pause();
    view->setSampler(gs::DiffusionSamplerKind::DDIM, 20);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && view->run()->settings.steps == 20; }, kTimeoutMs));
    QCOMPARE(int(view->run()->frames.size()), 20);
    view->setTimestep(kT - 1);
    QCOMPARE(view->frameIndex(), 0);
    view->findChild<QToolButton *>(QStringLiteral("diffusionStepForward"))->click();
    QCOMPARE(view->frameIndex(), 1);
    QCOMPARE(view->timestep(), view->run()->frames[1].t);
    view->findChild<QToolButton *>(QStringLiteral("diffusionStepForward"))->click();
    QCOMPARE(view->frameIndex(), 2);
    view->findChild<QToolButton *>(QStringLiteral("diffusionStepBack"))->click();
    QCOMPARE(view->frameIndex(), 1);
    // Play runs to the clean sample and stops; replay starts from the noise again.
    view->findChild<QToolButton *>(QStringLiteral("diffusionPlay"))->click();
    QVERIFY(view->isPlaying());
    QVERIFY(QTest::qWaitFor([&] { return !view->isPlaying(); }, kTimeoutMs));
    QCOMPARE(view->timestep(), 0);
    QCOMPARE(view->frameIndex(), 19);
    view->findChild<QToolButton *>(QStringLiteral("diffusionReplay"))->click();
    QVERIFY(view->isPlaying());
    QVERIFY(view->frameIndex() <= 1);
    view->pause();
    // DDPM: every one of the T steps.
    view->setSampler(gs::DiffusionSamplerKind::DDPM, 0);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && view->run()->settings.steps == kT; }, kTimeoutMs));
    QCOMPARE(int(view->run()->frames.size()), kT);
    QVERIFY(!view->findChild<QSpinBox *>(QStringLiteral("diffusionSteps"))->isEnabled());
    view->setSampler(gs::DiffusionSamplerKind::DDIM, 50);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy() && view->run()->settings.steps == 50; }, kTimeoutMs));
    QVERIFY(!mExplore->messageBanner()->isVisible());
}

void DiffusionGuiTest::droppedPictureIsNoised()
{
    DiffusionView *view = openView();
    QVERIFY(waitIdle(view));
    view->setTimestep(0);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy(); }, kTimeoutMs));
    // A white square on black, as the host hands a dropped picture over (the model's size).
    QImage square(28, 28, QImage::Format_Grayscale8);
    square.fill(0);
    for (int r = 8; r < 20; ++r)
        for (int c = 8; c < 20; ++c)
            square.scanLine(r)[c] = 255;
    const quint64 before = view->shownForward();
    view->takeImage(toGsImage(square), QStringLiteral("“square.png”"));
    QVERIFY(QTest::qWaitFor([&] { return view->shownForward() > before && !view->isBusy(); }, kTimeoutMs));
    QCOMPARE(shown("diffusionForwardX0").convertToFormat(QImage::Format_Grayscale8), square);
    QVERIFY(meanAbsDiff(shown("diffusionForwardXt"), square) < 3.0);
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("diffusionSource"))->text().contains(QStringLiteral("square.png")));
    // Choosing a test image again replaces it.
    view->setTestIndex(2);
    QVERIFY(QTest::qWaitFor([&] { return !view->isBusy(); }, kTimeoutMs));
    QVERIFY(shown("diffusionForwardX0").convertToFormat(QImage::Format_Grayscale8) != square);
}

void DiffusionGuiTest::comparisonTimesFourSamplers()
{
    DiffusionView *view = openView();
    QVERIFY(waitIdle(view));
    view->setCount(2);
    view->compare();
    QVERIFY(QTest::qWaitFor([&] { return view->shownComparison() > 0 && !view->isBusy(); }, kTimeoutMs));
    const gs::DiffusionComparison &c = view->comparison()->comparison();
    QCOMPARE(int(c.entries.size()), 4);
    const int steps[] = {kT, 10, 20, 50};
    for (int i = 0; i < 4; ++i) {
        const auto &e = c.entries[size_t(i)];
        QCOMPARE(e.settings.steps, steps[i]);
        QVERIFY(e.seconds > 0);
        const QString caption = view->comparison()->caption(i);
        QVERIFY2(caption.contains(i == 0 ? QStringLiteral("DDPM") : QStringLiteral("DDIM")), qPrintable(caption));
        QVERIFY2(caption.contains(QRegularExpression(QStringLiteral("\\d+ (ms|s)"))), qPrintable(caption));
        QVERIFY(!view->comparison()->panel(i)->image().isNull());
    }
    QVERIFY(c.entries[1].seconds < c.entries[0].seconds); // DDIM 10 steps beats DDPM's 100
    QVERIFY(!mExplore->messageBanner()->isVisible());
}

void DiffusionGuiTest::newWeightsRerun()
{
    DiffusionView *view = openView();
    QVERIFY(waitIdle(view));
    const quint64 reverse = view->shownReverse(), forward = view->shownForward(), compared = view->shownComparison();
    const int t = view->timestep();
    // The comparison is redrawn once it is older than four times what it took.
    double took = 0;
    for (const auto &e : view->comparison()->comparison().entries)
        took += e.seconds;
    QTest::qWait(int(4000 * took) + 200);
    // The same model again (as when a training snapshot arrives): what is shown follows.
    const quint64 generation = mExplore->modelInfo().generation;
    mExplore->openCheckpoint(mCheckpoint);
    QVERIFY(waitForModel(mExplore.get(), generation));
    QVERIFY(QTest::qWaitFor([&] { return view->shownReverse() > reverse && view->shownForward() > forward
                                         && view->shownComparison() > compared && !view->isBusy(); },
                            kTimeoutMs));
    QCOMPARE(view->timestep(), t);
}

void DiffusionGuiTest::unavailableForAVae()
{
    const QString vae = trainCheckpoint(mDir.path(), "vae", 0, 4);
    const quint64 generation = mExplore->modelInfo().generation;
    mExplore->openCheckpoint(vae);
    QVERIFY(waitForModel(mExplore.get(), generation));
    auto *view = mExplore->view<DiffusionView>(QStringLiteral("diffusion"));
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QVERIFY(!tabs->isTabEnabled(tab));
    QVERIFY2(tabs->tabToolTip(tab).contains(QStringLiteral("removing noise step by step")),
             qPrintable(tabs->tabToolTip(tab)));
    QCOMPARE(view->unavailableText(), tabs->tabToolTip(tab));
    QVERIFY(view->run() == nullptr);
}

GS_GUI_TEST_MAIN(DiffusionGuiTest)
#include "test_diffusion_gui.moc"
