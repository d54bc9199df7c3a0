// test_timeline_gui.cpp — run folders in the studio and the Explore tab's
// checkpoint Timeline, on the offscreen platform with XDG_DATA_HOME in a
// temporary directory:
//   - the studio's training writes a run folder under AppDataLocation/runs
//     (metrics rows, step checkpoints at the Training dock's interval, the
//     latest checkpoint), Continue appends to it, a reopened run checkpoint
//     trains on in its run, and the dock shows the folder;
//   - the Timeline of a tiny real run: frames differ between the first and the
//     last checkpoint, the slider shows cached frames at once, the GIF export
//     has one frame per checkpoint, and "Open this checkpoint" opens that step;
//   - models without pictures get the unavailable sentence.
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/blas_setup.h"
#include "core/model/capabilities.h"
#include "core/explore/animation_writer.h"
#include "core/train/run_folder.h"
#include "core/train/training_session.h"
#include "explore/exploreview.h"
#include "explore/timeline/timelineview.h"
#include "shell/mainwindow.h"
#include "support/studiosettings.h"
#include "training/runrecordingbox.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"

#include "explore_test_support.h"

namespace {

constexpr int kTimeoutMs = 60000;

std::vector<long> stepsOf(const gs::RunRecord &run)
{
    std::vector<long> steps;
    for (const auto &c : run.checkpoints)
        steps.push_back(c.step);
    return steps;
}

} // namespace

class TimelineGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void studioTrainingWritesARunFolder();
    void timelineOfARealRun();
    void unavailableWithoutPictures();

private:
    QTemporaryDir mDir;
};

void TimelineGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
}

void TimelineGuiTest::studioTrainingWritesARunFolder()
{
    // The default runs location is the application's data folder (XDG_DATA_HOME here).
    const QString runs = StudioSettings().runsFolder();
    QVERIFY2(runs.startsWith(qEnvironmentVariable("XDG_DATA_HOME")), qPrintable(runs));
    QCOMPARE(runs, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/runs");
    QCOMPARE(StudioSettings().checkpointEvery(), StudioSettings::kDefaultCheckpointEvery);

    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1200, 800);
    window->show();
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("gan")));
    QVERIFY(panel->selectDataset(QStringLiteral("ring8")));
    panel->setTotalSteps(120);
    RunRecordingBox *box = window->runRecording();
    QVERIFY(box);
    auto *show = box->findChild<QPushButton *>(QStringLiteral("showRunFolderButton"));
    QVERIFY(show && !show->isEnabled());
    box->setCheckpointEvery(30);
    QCOMPARE(StudioSettings().checkpointEvery(), 30L); // kept for the next start

    TrainingController *controller = window->trainingController();
    QSignalSpy finished(controller, &TrainingController::runFinished);
    QSignalSpy kept(controller, &TrainingController::runCheckpointSaved);
    window->startTraining();
    QVERIFY(finished.wait(kTimeoutMs));
    const QString folder = controller->runFolder();
    QVERIFY2(folder.startsWith(runs + "/") && folder.contains(QStringLiteral("-gan-ring8")), qPrintable(folder));
    QVERIFY(show->isEnabled());
    QVERIFY(box->findChild<QLabel *>(QStringLiteral("runFolderLabel"))->text().contains(QFileInfo(folder).fileName()));
    // Step checkpoints do not count as the user's saves (no recent-file entry, steps still unsaved).
    QVERIFY(controller->hasUnsavedSteps());
    QVERIFY(!StudioSettings().recentCheckpoints().contains(folder + "/step-00000030.gsckpt"));
    QVERIFY(kept.size() >= 5); // 30, 60, 90, 120 and the latest

    gs::RunRecord run = gs::read_run(QFile::encodeName(folder).toStdString());
    QCOMPARE(QString::fromStdString(run.model_id), QStringLiteral("gan"));
    QCOMPARE(stepsOf(run), (std::vector<long>{30, 60, 90, 120}));
    QVERIFY(!run.latest_checkpoint.empty());
    QVERIFY(run.metrics.rows.size() >= 4);
    QCOMPARE(run.metrics.rows.back()[0], 120.0);
    const size_t rows = run.metrics.rows.size();

    // Continue appends to the same run.
    panel->setTotalSteps(180);
    window->findChild<QAction *>(QStringLiteral("continueAction"))->trigger();
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(controller->runFolder(), folder);
    run = gs::read_run(QFile::encodeName(folder).toStdString());
    QVERIFY(run.metrics.rows.size() > rows);
    QCOMPARE(run.metrics.rows.back()[0], 180.0);
    QCOMPARE(stepsOf(run).back(), 180L);

    // A checkpoint reopened from the run trains on in that run.
    QSignalSpy ready(controller, &TrainingController::sessionReady);
    QVERIFY(controller->openCheckpoint(folder + "/checkpoint.gsckpt"));
    QVERIFY(ready.wait(kTimeoutMs));
    QCOMPARE(controller->runFolder(), folder);
    panel->setTotalSteps(210);
    window->findChild<QAction *>(QStringLiteral("continueAction"))->trigger();
    QVERIFY(finished.wait(kTimeoutMs));
    run = gs::read_run(QFile::encodeName(folder).toStdString());
    QCOMPARE(run.metrics.rows.back()[0], 210.0);
    QCOMPARE(run.skipped_rows, 0);

    // The live session's timeline lists that run.
    auto *explore = window->findChild<ExploreView *>();
    QVERIFY(explore);
    auto *timeline = explore->view<TimelineView>(QStringLiteral("timeline"));
    QVERIFY(timeline);
    QCOMPARE(explore->trainingRunFolder(), folder);
    StudioSettings().setCheckpointEvery(StudioSettings::kDefaultCheckpointEvery);
}

void TimelineGuiTest::timelineOfARealRun()
{
    const QString dir = mDir.filePath(QStringLiteral("gan-run"));
    exploretest::trainRingRun(dir, 200, 40, 1024);
    const gs::RunRecord run = gs::read_run(QFile::encodeName(dir).toStdString());
    QCOMPARE(stepsOf(run), (std::vector<long>{40, 80, 120, 160, 200}));

    ExploreView view;
    view.resize(1100, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy changed(&view, &ExploreView::modelChanged);
    view.openCheckpoint(dir + "/checkpoint.gsckpt");
    QVERIFY(changed.wait(kTimeoutMs));
    auto *timeline = view.view<TimelineView>(QStringLiteral("timeline"));
    QVERIFY(timeline);
    auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    QVERIFY(tabs->isTabEnabled(tabs->indexOf(timeline)));
    QVERIFY(view.showSubView(QStringLiteral("timeline")));
    QVERIFY(QTest::qWaitFor([&] { return timeline->checkpointCount() == 5; }, kTimeoutMs));
    QCOMPARE(timeline->runFolder(), QFileInfo(dir).absoluteFilePath());
    QCOMPARE(timeline->currentIndex(), 4); // the opened (latest) step
    QVERIFY(QTest::qWaitFor([&] { return timeline->renderedCount() == 5 && !timeline->isRendering(); },
                            kTimeoutMs));

    // The same fixed batch at step 40 and at step 200: the pictures differ.
    const QImage first = timeline->frameAt(0), last = timeline->frameAt(4);
    QVERIFY(!first.isNull() && !last.isNull());
    QCOMPARE(first.size(), last.size());
    QVERIFY(first != last);

    // The slider moves the frame, at once from the cache.
    auto *slider = timeline->findChild<QSlider *>(QStringLiteral("timelineSlider"));
    QVERIFY(slider && slider->isEnabled());
    QCOMPARE(slider->maximum(), 4);
    slider->setValue(0);
    QCOMPARE(timeline->currentIndex(), 0);
    QCOMPARE(timeline->currentFrame(), first);
    slider->setValue(2);
    QCOMPARE(timeline->currentFrame(), timeline->frameAt(2));
    QVERIFY(!timeline->isRendering());

    // A GIF timelapse with one frame per checkpoint.
    const QString gif = mDir.filePath(QStringLiteral("timelapse.gif"));
    QSignalSpy exported(timeline, &TimelineView::exported);
    QVERIFY(timeline->exportTimelapse(gif));
    QVERIFY(exported.wait(kTimeoutMs));
    QVERIFY(exported.first().at(1).toBool());
    QCOMPARE(gs::count_animation_frames(QFile::encodeName(gif).toStdString()), 5);
    QVERIFY(!timeline->exportTimelapse(mDir.filePath(QStringLiteral("missing/folder/t.gif")))
            || (exported.wait(kTimeoutMs) && !exported.last().at(1).toBool()));

    // "Open this checkpoint" opens the chosen step in the tab, and the timeline stays on it.
    slider->setValue(1);
    auto *open = timeline->findChild<QPushButton *>(QStringLiteral("timelineOpenButton"));
    QVERIFY(open && open->isEnabled());
    const quint64 before = view.modelInfo().generation;
    open->click();
    QVERIFY(QTest::qWaitFor([&] { return view.modelInfo().generation > before; }, kTimeoutMs));
    QCOMPARE(view.modelInfo().step, qint64(80));
    QCOMPARE(QFileInfo(view.modelInfo().checkpointPath).fileName(), QStringLiteral("step-00000080.gsckpt"));
    QVERIFY(QTest::qWaitFor([&] { return timeline->currentIndex() == 1 && timeline->checkpointCount() == 5; },
                            kTimeoutMs));
    QCOMPARE(timeline->renderedCount(), 5); // cached: nothing renders again
}

void TimelineGuiTest::unavailableWithoutPictures()
{
    ExploreView view;
    auto *timeline = view.view<TimelineView>(QStringLiteral("timeline"));
    QVERIFY(timeline);
    ExplorerInfo none;
    QVERIFY(!timeline->isAvailable(none));
    QVERIFY(timeline->unavailableReason(none).contains(QStringLiteral("no model yet")));
    ExplorerInfo encoderOnly;
    encoderOnly.generation = 1;
    encoderOnly.modelName = QStringLiteral("An encoder");
    encoderOnly.capabilities = gs::kCanEncode | gs::kCanReconstruct;
    QVERIFY(!timeline->isAvailable(encoderOnly));
    QVERIFY(timeline->unavailableReason(encoderOnly).contains(QStringLiteral("An encoder cannot sample")));
}

// Not GS_GUI_TEST_MAIN: the runs location must come from XDG_DATA_HOME, which
// QStandardPaths' test mode would ignore.
int main(int argc, char **argv)
{
    gs::set_up_numeric_libraries(argc, argv);
    QTemporaryDir data;
    qputenv("XDG_DATA_HOME", QFile::encodeName(data.path()));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GenStudio"));
    QApplication::setApplicationName(QStringLiteral("GenStudio"));
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.filePath(QStringLiteral("settings")));
    TimelineGuiTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_timeline_gui.moc"
