// test_view_sessions_models_gui.cpp — the session-file parts of the Flow,
// PixelCNN, Gibbs, Anomaly and Timeline views, each with a small model trained
// here: non-default values are set on a view with its model and saved; changed
// and restored on the same view they come back; restored on a new Explore tab
// before its model comes (what needs the model — a test image number's range,
// the scores' classes, the run's checkpoints — waits for it) they are all back
// once the model has come. Hostile states (strings where numbers go, 1e300,
// negative and fractional numbers, wrong types, unknown keys, a rectangle
// outside the image) change nothing, on a view with a model and without one;
// the same for the Samples view's count and seed.
#include <QComboBox>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>

#include <functional>
#include <memory>

#include "core/train/run_folder.h"
#include "explore/anomaly/anomalyview.h"
#include "explore/flow/flowview.h"
#include "explore/pixelcnn/pixelcnnview.h"
#include "explore/rbm/rbmview.h"
#include "explore/timeline/timelineview.h"
#include "explore/classpicker.h"
#include "explore_test_support.h"
#include "gui_test_main.h"

using namespace exploretest;

namespace {

QString trainFamily(const QString &dir, const std::string &model, gs::ParamValues params, long steps)
{
    gs::SessionConfig config;
    config.model_id = model;
    config.params = std::move(params);
    config.dataset.limit = 256;
    auto session = gs::TrainingSession::create(config);
    gs::RunOptions options;
    options.total_steps = steps;
    options.sample_seconds = 0;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    if (steps > 0)
        session->run(options, control, quiet);
    const QString path = QDir(dir).filePath(QString::fromStdString(model) + ".gsckpt");
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

// An Explore tab showing view `id`, not yet given a model.
std::unique_ptr<ExploreView> emptyExplore(const QString &id)
{
    auto explore = std::make_unique<ExploreView>();
    explore->resize(1200, 800);
    explore->show();
    if (!QTest::qWaitForWindowExposed(explore.get()))
        qWarning("view not exposed");
    explore->showSubView(id);
    return explore;
}

// States that must change nothing: every saved key (and some unknown ones) set
// to a value of the wrong type or out of every control's range.
QList<QJsonObject> hostileStates(const QJsonObject &saved)
{
    const QList<QJsonValue> bad = {QStringLiteral("7"), 1e300, -1e300, -3, 10000000000.5, true,
                                   QJsonArray{1, 2}, QJsonObject{{QStringLiteral("a"), 1}}, QJsonValue()};
    QStringList keys = saved.keys();
    keys << QStringLiteral("unknownKey") << QStringLiteral("step") << QStringLiteral("normalClass")
         << QStringLiteral("flowSeed") << QStringLiteral("pixelMaskRectangle");
    QList<QJsonObject> states;
    for (const QJsonValue &value : bad) {
        QJsonObject state;
        for (const QString &key : keys)
            state.insert(key, value);
        states << state;
    }
    // Rectangles that do not lie inside a 28 × 28 image, or are not four whole numbers.
    for (const QJsonArray &r : {QJsonArray{-1, 0, 5, 5}, QJsonArray{0, 0, 29, 4}, QJsonArray{20, 20, 9, 2},
                                QJsonArray{1.5, 0, 2, 2}, QJsonArray{QStringLiteral("a"), 0, 1, 1},
                                QJsonArray{0, 0, 0, 3}, QJsonArray{1, 2, 3}})
        states << QJsonObject{{QStringLiteral("pixelMaskRectangle"), r}};
    // A class number whose name does not match, and a name without a number.
    states << QJsonObject{{QStringLiteral("normalClass"), 3}, {QStringLiteral("normalClassName"), QStringLiteral("Zebra")}};
    states << QJsonObject{{QStringLiteral("normalClass"), 3}};
    states << QJsonObject{{QStringLiteral("normalClass"), 1e300}, {QStringLiteral("normalClassName"), QStringLiteral("Dress")}};
    return states;
}

} // namespace

class ViewSessionsModelsGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void flowKeepsTestImageTemperatureAndSeed();
    void pixelCnnKeepsClassControlsAndTheMaskRectangle();
    void gibbsKeepsStartTestImageChainsAndAis();
    void anomalyKeepsTestLimitAndNormalClass();
    void timelineKeepsTheCheckpointShown();
    void samplesLeavesOutBadCountsAndSeeds();

private:
    // The shared part: `set` makes a non-default state on a view with its model
    // (`ready` says when its replies have come); that state must come back after
    // a change (`change`) on the same view, and on a new tab restored before its
    // model; hostile states change nothing, with a model and without.
    void roundTrip(const QString &id, const QString &checkpoint, const std::function<void(ExplorerView *)> &set,
                   const std::function<void(ExplorerView *)> &change,
                   const std::function<bool(ExplorerView *)> &ready);

    QTemporaryDir mDir;
    QString mFlow, mPixelCnn, mRbm, mVae, mRun;
};

void ViewSessionsModelsGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    mRun = trainRingRun(mDir.filePath(QStringLiteral("run")), 40, 10, 512); // step checkpoints 10…40
    if (!QFileInfo::exists(kFashionMnist))
        return; // the image views skip
    mFlow = trainFamily(mDir.path(), "realnvp", {{"batch_size", "32"}}, 4);
    mPixelCnn = trainFamily(mDir.path(), "pixelcnn",
                            {{"features", "8"}, {"layers", "3"}, {"head", "16"}, {"batch_size", "16"},
                             {"class_conditional", "true"}},
                            4);
    mRbm = trainFamily(mDir.path(), "rbm", {{"hidden", "36"}, {"batch_size", "32"}, {"sample_steps", "5"}}, 10);
    mVae = trainCheckpoint(mDir.path(), "vae", 20, 4, /*onlyClass=*/1);
}

void ViewSessionsModelsGuiTest::roundTrip(const QString &id, const QString &checkpoint,
                                          const std::function<void(ExplorerView *)> &set,
                                          const std::function<void(ExplorerView *)> &change,
                                          const std::function<bool(ExplorerView *)> &ready)
{
    // Hostile states on a view without a model: its defaults stay.
    {
        auto explore = emptyExplore(id);
        ExplorerView *view = explore->explorerView(id);
        QVERIFY(view);
        const QJsonObject defaults = view->sessionState();
        for (const QJsonObject &state : hostileStates(defaults)) {
            view->restoreSessionState(state);
            QCOMPARE(view->sessionState(), defaults);
        }
        view->restoreSessionState({});
        QCOMPARE(view->sessionState(), defaults);
    }

    QJsonObject saved;
    {
        auto explore = openExploreView(checkpoint);
        QVERIFY(waitForModel(explore.get()));
        QVERIFY(explore->showSubView(id));
        ExplorerView *view = explore->explorerView(id);
        QVERIFY(QTest::qWaitFor([&] { return ready(view); }, kTimeoutMs));
        const QJsonObject defaults = view->sessionState();
        set(view);
        QVERIFY(QTest::qWaitFor([&] { return ready(view); }, kTimeoutMs));
        saved = view->sessionState();
        QVERIFY2(saved != defaults, qPrintable(id + QStringLiteral(": the values set were not saved")));
        for (const QString &key : defaults.keys())
            QVERIFY2(saved.value(key) != defaults.value(key),
                     qPrintable(id + QStringLiteral(": ") + key + QStringLiteral(" kept its default")));

        // Changed on the same view, then restored: back at once.
        change(view);
        QVERIFY(view->sessionState() != saved);
        view->restoreSessionState(saved);
        QCOMPARE(view->sessionState(), saved);

        // Hostile states with the model present: nothing changes, now or after the replies.
        for (const QJsonObject &state : hostileStates(saved)) {
            view->restoreSessionState(state);
            QCOMPARE(view->sessionState(), saved);
        }
        QVERIFY(QTest::qWaitFor([&] { return ready(view); }, kTimeoutMs));
        QCOMPARE(view->sessionState(), saved);
    }

    // A new tab: restored before its model comes, all of it back once the model is there.
    auto explore = emptyExplore(id);
    ExplorerView *view = explore->explorerView(id);
    view->restoreSessionState(saved);
    explore->openCheckpoint(checkpoint);
    QVERIFY(waitForModel(explore.get()));
    QVERIFY(explore->showSubView(id)); // (the tab was disabled without a model)
    QTRY_COMPARE_WITH_TIMEOUT(view->sessionState(), saved, kTimeoutMs);
    QVERIFY(QTest::qWaitFor([&] { return ready(view); }, kTimeoutMs));
    QCOMPARE(view->sessionState(), saved);
}

void ViewSessionsModelsGuiTest::flowKeepsTestImageTemperatureAndSeed()
{
    if (mFlow.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    roundTrip(
        QStringLiteral("flow"), mFlow,
        [](ExplorerView *v) {
            auto *flow = dynamic_cast<FlowView *>(v);
            flow->setTestImage(5);
            flow->setTemperature(1.2);
            flow->findChild<QSpinBox *>(QStringLiteral("flowSeed"))->setValue(424242);
        },
        [](ExplorerView *v) {
            auto *flow = dynamic_cast<FlowView *>(v);
            flow->setTestImage(2);
            flow->setTemperature(0.3);
            flow->findChild<QSpinBox *>(QStringLiteral("flowSeed"))->setValue(7);
        },
        [](ExplorerView *v) { return !dynamic_cast<FlowView *>(v)->roundTripText().startsWith(QStringLiteral("Running")); });
}

void ViewSessionsModelsGuiTest::pixelCnnKeepsClassControlsAndTheMaskRectangle()
{
    if (mPixelCnn.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    roundTrip(
        QStringLiteral("pixels"), mPixelCnn,
        [](ExplorerView *v) {
            auto *pixels = dynamic_cast<PixelCnnView *>(v);
            pixels->classPicker()->setClassLabel(3);
            pixels->setCount(4);
            pixels->setTemperature(0.7);
            pixels->setTestIndex(3);
            pixels->setHide(MaskCanvas::Hide::Rectangle);
            pixels->canvas()->setRectangle(QRect(2, 3, 10, 8));
        },
        [](ExplorerView *v) {
            auto *pixels = dynamic_cast<PixelCnnView *>(v);
            pixels->classPicker()->setClassLabel(1);
            pixels->setCount(2);
            pixels->setTemperature(1.5);
            pixels->setTestIndex(1);
            pixels->setHide(MaskCanvas::Hide::RightHalf);
            pixels->canvas()->setRectangle(QRect(0, 0, 4, 4));
        },
        [](ExplorerView *v) {
            auto *pixels = dynamic_cast<PixelCnnView *>(v);
            return pixels->shownLikelihood() > 0 && !pixels->isBusy() && !pixels->testImage().isNull()
                   && pixels->classPicker()->count() > 1; // a class-conditional PixelCNN: its classes came
        });
}

void ViewSessionsModelsGuiTest::gibbsKeepsStartTestImageChainsAndAis()
{
    if (mRbm.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    roundTrip(
        QStringLiteral("gibbs"), mRbm,
        [](ExplorerView *v) {
            auto *rbm = dynamic_cast<RbmView *>(v);
            rbm->pause();
            rbm->setStart(RbmView::Start::TestImage);
            rbm->setTestIndex(7);
            rbm->setChains(4);
            rbm->setStepsPerFrame(5);
            rbm->setAisRuns(50);
            rbm->setAisTemperatures(500);
        },
        [](ExplorerView *v) {
            auto *rbm = dynamic_cast<RbmView *>(v);
            rbm->setStart(RbmView::Start::Completion);
            rbm->setTestIndex(2);
            rbm->setChains(3);
            rbm->setStepsPerFrame(9);
            rbm->setAisRuns(20);
            rbm->setAisTemperatures(300);
        },
        [](ExplorerView *v) { return !dynamic_cast<RbmView *>(v)->chainImage().isNull(); });
}

void ViewSessionsModelsGuiTest::anomalyKeepsTestLimitAndNormalClass()
{
    if (mVae.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    roundTrip(
        QStringLiteral("anomaly"), mVae,
        [](ExplorerView *v) {
            auto *anomaly = dynamic_cast<AnomalyView *>(v);
            QCOMPARE(anomaly->normalClass(), 1); // the checkpoint's own class, not saved
            QVERIFY(!anomaly->sessionState().contains(QStringLiteral("normalClass")));
            anomaly->setTestLimit(300);
            anomaly->setNormalClass(3);
        },
        [](ExplorerView *v) {
            auto *anomaly = dynamic_cast<AnomalyView *>(v);
            anomaly->setTestLimit(600);
            anomaly->setNormalClass(5);
        },
        [](ExplorerView *v) {
            auto *anomaly = dynamic_cast<AnomalyView *>(v);
            return anomaly->isUpToDate() && !anomaly->scores().scores.empty();
        });
}

void ViewSessionsModelsGuiTest::timelineKeepsTheCheckpointShown()
{
    roundTrip(
        QStringLiteral("timeline"), mRun,
        [](ExplorerView *v) {
            auto *timeline = dynamic_cast<TimelineView *>(v);
            QCOMPARE(timeline->stepAt(timeline->currentIndex()), 40); // the opened checkpoint
            for (int i = 0; i < timeline->checkpointCount(); ++i)
                if (timeline->stepAt(i) == 20)
                    timeline->setCurrentIndex(i);
            QCOMPARE(timeline->stepAt(timeline->currentIndex()), 20);
        },
        [](ExplorerView *v) {
            auto *timeline = dynamic_cast<TimelineView *>(v);
            timeline->setCurrentIndex(0);
        },
        [](ExplorerView *v) {
            auto *timeline = dynamic_cast<TimelineView *>(v);
            return timeline->checkpointCount() == 4 && !timeline->isRendering();
        });
}

// The Samples view's count and seed (kept since the first sessions): applied at
// once, and a count or seed that does not fit is left out, not clamped or wrapped.
void ViewSessionsModelsGuiTest::samplesLeavesOutBadCountsAndSeeds()
{
    auto explore = emptyExplore(QStringLiteral("samples"));
    ExplorerView *view = explore->explorerView(QStringLiteral("samples"));
    QVERIFY(view);
    const QJsonObject good{{QStringLiteral("count"), 36}, {QStringLiteral("seed"), 987654.0}};
    view->restoreSessionState(good);
    QCOMPARE(view->sessionState(), good);
    for (const QJsonObject &state : hostileStates(good)) {
        view->restoreSessionState(state);
        QCOMPARE(view->sessionState(), good);
    }
    for (const QJsonObject &state : {QJsonObject{{QStringLiteral("count"), 1000}},
                                     QJsonObject{{QStringLiteral("count"), 2}},
                                     QJsonObject{{QStringLiteral("count"), 16.5}},
                                     QJsonObject{{QStringLiteral("seed"), double(1 << 30)}},
                                     QJsonObject{{QStringLiteral("seed"), 4e15}}}) {
        view->restoreSessionState(state);
        QCOMPARE(view->sessionState(), good);
    }
}

GS_GUI_TEST_MAIN(ViewSessionsModelsGuiTest)
#include "test_view_sessions_models_gui.moc"
