// test_mainwindow.cpp — the studio window driven like a user drives it, on the
// offscreen platform with small Fashion-MNIST runs: the default form, invalid
// input and corrupt checkpoints give messages, Train shows live curves,
// samples and reconstructions, export and save work, a reopened checkpoint
// continues at its step, pause/resume/stop and save while training, closing
// mid-training or mid-loading joins the thread in seconds, and the settings
// remember the form. (The NaN pause, with a real overflowing loss, is in
// test_runstatus.cpp.)
//
// Worker signals are observed through a relay in the GUI thread (queued, like
// the window receives them), so QSignalSpy never races the training thread.
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

#include <qcustomplot.h>

#include "core/model/model_catalog.h"
#include "gui_test_main.h"
#include "widgets/imageview.h"
#include "training/losspanel.h"
#include "shell/mainwindow.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"
#include "support/studiosettings.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "training/trainingworker.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kRunTimeoutMs = 60000;
constexpr long kSmallLimit = 2000;

} // namespace

// Re-emits the worker's signals in the GUI thread.
class WorkerRelay : public QObject
{
    Q_OBJECT

public:
    explicit WorkerRelay(TrainingWorker *worker)
    {
        const auto queued = Qt::QueuedConnection;
        connect(worker, &TrainingWorker::sessionReady, this, &WorkerRelay::sessionReady, queued);
        connect(worker, &TrainingWorker::runStarted, this, &WorkerRelay::runStarted, queued);
        connect(worker, &TrainingWorker::statsAvailable, this, &WorkerRelay::statsAvailable,
                queued);
        connect(worker, &TrainingWorker::samplesReady, this, &WorkerRelay::samplesReady, queued);
        connect(worker, &TrainingWorker::checkpointSaved, this, &WorkerRelay::checkpointSaved,
                queued);
        connect(worker, &TrainingWorker::runFinished, this, &WorkerRelay::runFinished, queued);
        connect(worker, &TrainingWorker::failed, this, &WorkerRelay::failed, queued);
        connect(worker, &TrainingWorker::warning, this, &WorkerRelay::warning, queued);
    }

signals:
    void sessionReady(const SessionSummary &summary);
    void runStarted(qint64 step, qint64 totalSteps);
    void statsAvailable();
    void samplesReady(qint64 step, const QImage &samples, const QImage &reconstructions);
    void checkpointSaved(const QString &path, qint64 step);
    void runFinished(qint64 step, bool stopped);
    void failed(const QString &message);
    void warning(const QString &message);
};

class MainWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(mDir.isValid()); }
    void mainWindowFormMatchesDefaultModel();
    void invalidInputShowsMessage();
    void corruptCheckpointShowsMessage();
    void trainingShowsCurvesAndSamples();
    void reopenedCheckpointContinuesAtItsStep();
    void pauseResumeSaveAndStop();
    void closingMidTrainingJoinsQuickly();
    void closingWhileLoadingJoinsQuickly();
    void settingsRememberTheForm();

private:
    std::unique_ptr<MainWindow> makeWindow();
    void configureSmallRun(MainWindow *window, long steps);
    bool haveFashionMnist() const;

    QTemporaryDir mDir;
    QString mCheckpoint; // written by trainingShowsCurvesAndSamples
};

bool MainWindowTest::haveFashionMnist() const
{
    return QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte.gz"))
        || QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte"));
}

std::unique_ptr<MainWindow> MainWindowTest::makeWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1200, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

void MainWindowTest::configureSmallRun(MainWindow *window, long steps)
{
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectModel(QStringLiteral("vae")));
    QVERIFY(panel->selectDataset(QStringLiteral("fashion-mnist")));
    panel->setTotalSteps(steps);
    panel->setImageLimit(kSmallLimit);
    auto *batch
        = qobject_cast<QSpinBox *>(panel->parameterForm()->editor(QStringLiteral("batch_size")));
    QVERIFY(batch);
    batch->setValue(32);
}

void MainWindowTest::mainWindowFormMatchesDefaultModel()
{
    auto window = makeWindow();
    QCOMPARE(window->windowTitle(), QStringLiteral("GenStudio"));
    QCOMPARE(window->trainingPanel()->modelId(), QStringLiteral("vae"));
    QCOMPARE(window->trainingPanel()->datasetId(), QStringLiteral("fashion-mnist"));
    QCOMPARE(window->trainingPanel()->parameterForm()->editorCount(),
             int(gs::require_model("vae").params.size()));
    QCOMPARE(window->state(), MainWindow::State::NoSession);
    QVERIFY(window->findChild<QAction *>(QStringLiteral("trainAction"))->isEnabled());
    QVERIFY(!window->findChild<QAction *>(QStringLiteral("pauseAction"))->isEnabled());
    QVERIFY(!window->findChild<QAction *>(QStringLiteral("saveAction"))->isEnabled());
    // Switching models rebuilds the form; switching back restores edited values.
    auto *latent = qobject_cast<QSpinBox *>(
        window->trainingPanel()->parameterForm()->editor(QStringLiteral("latent_dim")));
    QVERIFY(latent);
    latent->setValue(7);
    QVERIFY(window->trainingPanel()->selectModel(QStringLiteral("ae")));
    QCOMPARE(window->trainingPanel()->parameterForm()->editorCount(),
             int(gs::require_model("ae").params.size()));
    QVERIFY(window->trainingPanel()->selectModel(QStringLiteral("vae")));
    latent = qobject_cast<QSpinBox *>(
        window->trainingPanel()->parameterForm()->editor(QStringLiteral("latent_dim")));
    QCOMPARE(latent->value(), 7);
    latent->setValue(16);
}

// --- The window --------------------------------------------------------------

void MainWindowTest::invalidInputShowsMessage()
{
    auto window = makeWindow();
    WorkerRelay relay(window->trainingController()->worker());
    QSignalSpy failed(&relay, &WorkerRelay::failed);
    TrainingPanel *panel = window->trainingPanel();
    QVERIFY(panel->selectDataset(QStringLiteral("folder")));
    auto *folder = panel->findChild<QLineEdit *>(QStringLiteral("folderEdit"));
    QVERIFY(folder);
    QVERIFY(folder->isVisibleTo(panel));
    QAction *train = window->findChild<QAction *>(QStringLiteral("trainAction"));

    // No folder: the form says so before anything starts.
    folder->clear();
    train->trigger();
    QVERIFY(window->messageBanner()->isVisibleTo(window.get()));
    QCOMPARE(window->messageBanner()->kind(), MessageBanner::Kind::Error);
    QVERIFY(window->messageBanner()->text().contains(QStringLiteral("folder")));
    QCOMPARE(window->state(), MainWindow::State::NoSession);

    // A folder that does not exist.
    folder->setText(mDir.filePath(QStringLiteral("no-such-folder")));
    train->trigger();
    QVERIFY(window->messageBanner()->text().contains(QStringLiteral("does not exist")));
    QCOMPARE(window->state(), MainWindow::State::NoSession);

    // An existing folder without images: the core refuses, the worker reports.
    const QString empty = mDir.filePath(QStringLiteral("empty-folder"));
    QVERIFY(QDir().mkpath(empty));
    folder->setText(empty);
    window->messageBanner()->dismiss();
    train->trigger();
    QVERIFY(failed.wait(kRunTimeoutMs));
    QVERIFY(!failed.first().first().toString().isEmpty());
    QTRY_COMPARE(window->state(), MainWindow::State::NoSession);
    QVERIFY(window->messageBanner()->isVisibleTo(window.get()));
    QCOMPARE(window->messageBanner()->kind(), MessageBanner::Kind::Error);
    QVERIFY(!window->findChild<QAction *>(QStringLiteral("continueAction"))->isEnabled());
    QVERIFY(panel->selectDataset(QStringLiteral("fashion-mnist")));
}

void MainWindowTest::corruptCheckpointShowsMessage()
{
    auto window = makeWindow();
    WorkerRelay relay(window->trainingController()->worker());
    QSignalSpy failed(&relay, &WorkerRelay::failed);
    const QString bad = mDir.filePath(QStringLiteral("bad.gsckpt"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a checkpoint");
    file.close();
    window->openCheckpointFile(bad);
    QVERIFY(failed.wait(kRunTimeoutMs));
    QTRY_COMPARE(window->state(), MainWindow::State::NoSession);
    QVERIFY(window->messageBanner()->isVisibleTo(window.get()));
    QVERIFY(!window->messageBanner()->text().isEmpty());

    window->openCheckpointFile(mDir.filePath(QStringLiteral("missing.gsckpt")));
    QVERIFY(window->messageBanner()->text().contains(QStringLiteral("does not exist")));
    QCOMPARE(window->state(), MainWindow::State::NoSession);
}

void MainWindowTest::trainingShowsCurvesAndSamples()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    auto window = makeWindow();
    configureSmallRun(window.get(), 60);
    WorkerRelay relay(window->trainingController()->worker());
    QSignalSpy ready(&relay, &WorkerRelay::sessionReady);
    QSignalSpy stats(&relay, &WorkerRelay::statsAvailable);
    QSignalSpy samples(&relay, &WorkerRelay::samplesReady);
    QSignalSpy finished(&relay, &WorkerRelay::runFinished);
    QSignalSpy failed(&relay, &WorkerRelay::failed);

    window->findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
    QVERIFY(window->state() == MainWindow::State::Busy
            || window->state() == MainWindow::State::Running);
    QVERIFY(finished.wait(kRunTimeoutMs));
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(finished.first().at(0).toLongLong(), 60LL);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QVERIFY(stats.count() >= 1);
    QVERIFY(samples.count() >= 1);
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QCOMPARE(window->sessionStep(), 60L);

    // Curves: one smoothed and one raw graph per loss, a point per log interval.
    LossPanel *losses = window->lossPanel();
    const QStringList names = losses->seriesNames();
    QCOMPARE(names.first(), QStringLiteral("loss"));
    QVERIFY(names.contains(QStringLiteral("kl")));
    QCOMPARE(losses->pointCount(), 6); // steps 10, 20, … 60
    // Then the held-out curves the VAE's likelihood adds (test_bits_per_dim, test_nats).
    const int lossGraphs = 2 * names.size();
    QVERIFY(losses->evalSeries().names().contains(QStringLiteral("test_bits_per_dim")));
    QCOMPARE(losses->plot()->graphCount(), lossGraphs + int(losses->evalSeries().graphs().size()));
    for (int i = 0; i < lossGraphs; ++i)
        QCOMPARE(losses->plot()->graph(i)->data()->size(), 6);
    QCOMPARE(losses->plot()->graph(1)->data()->at(5)->key, 60.0);

    // Samples and reconstructions, upscaled on screen (with the Metrics panel dragged shut, as a
    // person on a 1200-pixel screen would: beside it the grid shows at 224 of its 242 pixels).
    window->findChild<QSplitter *>(QStringLiteral("metricsSplitter"))->setSizes({1, 0});
    QApplication::processEvents();
    const QImage grid = window->sampleView()->image();
    QVERIFY(!grid.isNull());
    QVERIFY(grid.width() > 28 && grid.height() > 28);
    QVERIFY(window->sampleView()->imageRect().width() >= grid.width());
    QVERIFY(!window->reconstructionView()->image().isNull());

    auto *progress = window->findChild<QProgressBar *>(QStringLiteral("progressBar"));
    QCOMPARE(progress->value(), 60);
    QCOMPARE(progress->maximum(), 60);

    // Export the sample grid.
    const QString png = mDir.filePath(QStringLiteral("samples.png"));
    QVERIFY(window->exportSampleGrid(png));
    QCOMPARE(QImage(png).size(), grid.size());
    QVERIFY(!window->exportSampleGrid(mDir.filePath(QStringLiteral("no-dir/samples.png"))));
    QCOMPARE(window->messageBanner()->kind(), MessageBanner::Kind::Error);

    // Export the loss curves: a header and one line per logged step.
    const QString csvPath = mDir.filePath(QStringLiteral("losses.csv"));
    QVERIFY(window->exportLossCsv(csvPath));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines.first(), "step," + names.join(QLatin1Char(',')).toUtf8());
    QVERIFY(lines.last().startsWith("60,"));

    // Train again with 60 unsaved steps asks first; Cancel keeps the session.
    QVERIFY(window->hasUnsavedSteps());
    window->setConfirmDiscard(true);
    bool asked = false;
    QTimer::singleShot(100, window.get(), [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box) {
            asked = true;
            box->button(QMessageBox::Cancel)->click();
        }
    });
    window->findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
    QVERIFY(asked);
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QCOMPARE(window->sessionStep(), 60L);
    window->setConfirmDiscard(false);

    // Save the idle session.
    QSignalSpy saved(&relay, &WorkerRelay::checkpointSaved);
    mCheckpoint = mDir.filePath(QStringLiteral("run.gsckpt"));
    window->saveCheckpointFile(mCheckpoint);
    QVERIFY(saved.wait(kRunTimeoutMs));
    QCOMPARE(saved.first().at(1).toLongLong(), 60LL);
    QVERIFY(QFileInfo(mCheckpoint).size() > 0);
    QVERIFY(!window->hasUnsavedSteps());
    QTRY_VERIFY(
        StudioSettings().recentCheckpoints().contains(QFileInfo(mCheckpoint).absoluteFilePath()));
}

void MainWindowTest::reopenedCheckpointContinuesAtItsStep()
{
    if (mCheckpoint.isEmpty())
        QSKIP("needs the checkpoint of trainingShowsCurvesAndSamples");
    auto window = makeWindow();
    window->trainingPanel()->setTotalSteps(10);
    WorkerRelay relay(window->trainingController()->worker());
    QSignalSpy ready(&relay, &WorkerRelay::sessionReady);
    QSignalSpy finished(&relay, &WorkerRelay::runFinished);
    QSignalSpy runStarted(&relay, &WorkerRelay::runStarted);

    window->openCheckpointFile(mCheckpoint);
    QVERIFY(ready.wait(kRunTimeoutMs));
    const SessionSummary summary = ready.first().first().value<SessionSummary>();
    QCOMPARE(summary.step, 60L);
    QCOMPARE(summary.config.model_id, std::string("vae"));
    QCOMPARE(summary.config.params.at("batch_size"), std::string("32"));
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QCOMPARE(window->sessionStep(), 60L);
    // The form shows the session's configuration; Steps moved past its step.
    auto *batch = qobject_cast<QSpinBox *>(
        window->trainingPanel()->parameterForm()->editor(QStringLiteral("batch_size")));
    QCOMPARE(batch->value(), 32);
    QVERIFY(window->trainingPanel()->totalSteps() > 60);
    QTRY_VERIFY(!window->sampleView()->image().isNull());

    window->trainingPanel()->setTotalSteps(80);
    window->findChild<QAction *>(QStringLiteral("continueAction"))->trigger();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(runStarted.first().at(0).toLongLong(), 60LL);
    QCOMPARE(finished.first().at(0).toLongLong(), 80LL);
    QCOMPARE(window->lossPanel()->pointCount(), 2); // steps 70 and 80
    // The session line describes the data the run loaded (the file alone does not).
    auto *sessionLabel = window->findChild<QLabel *>(QStringLiteral("sessionLabel"));
    QTRY_VERIFY(!sessionLabel->text().contains(QStringLiteral("not loaded")));
    QVERIFY(sessionLabel->text().contains(QStringLiteral("step 80")));
    QCOMPARE(window->sessionStep(), 80L);

    // Continue without raising Steps explains instead of starting.
    window->findChild<QAction *>(QStringLiteral("continueAction"))->trigger();
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QVERIFY(window->messageBanner()->text().contains(QStringLiteral("already at step")));
}

void MainWindowTest::pauseResumeSaveAndStop()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    auto window = makeWindow();
    configureSmallRun(window.get(), 1000000);
    WorkerRelay relay(window->trainingController()->worker());
    QSignalSpy finished(&relay, &WorkerRelay::runFinished);
    QSignalSpy saved(&relay, &WorkerRelay::checkpointSaved);
    LossPanel *losses = window->lossPanel();

    window->findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(losses->pointCount() > 0, kRunTimeoutMs);
    QCOMPARE(window->state(), MainWindow::State::Running);

    // Pause: the curve stops growing.
    window->findChild<QAction *>(QStringLiteral("pauseAction"))->trigger();
    QCOMPARE(window->state(), MainWindow::State::Paused);
    QVERIFY(window->findChild<QAction *>(QStringLiteral("resumeAction"))->isEnabled());
    QTest::qWait(400); // the step in flight finishes and is drawn
    const int pausedPoints = losses->pointCount();
    QTest::qWait(600);
    QCOMPARE(losses->pointCount(), pausedPoints);

    // Save while paused: the loop wakes for the command and stays paused.
    const QString pausedPath = mDir.filePath(QStringLiteral("paused.gsckpt"));
    window->saveCheckpointFile(pausedPath);
    QVERIFY(saved.wait(kRunTimeoutMs));
    QVERIFY(QFileInfo::exists(pausedPath));
    QTest::qWait(200);
    QCOMPARE(losses->pointCount(), pausedPoints);

    // Resume: it grows again.
    window->findChild<QAction *>(QStringLiteral("resumeAction"))->trigger();
    QCOMPARE(window->state(), MainWindow::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(losses->pointCount() > pausedPoints, kRunTimeoutMs);

    // Save while running.
    const QString livePath = mDir.filePath(QStringLiteral("live.gsckpt"));
    window->saveCheckpointFile(livePath);
    QVERIFY(saved.wait(kRunTimeoutMs));
    QCOMPARE(saved.last().at(0).toString(), livePath);
    QVERIFY(QFileInfo(livePath).size() > 0);

    // Stop: the run ends, the session stays.
    window->findChild<QAction *>(QStringLiteral("stopAction"))->trigger();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QVERIFY(window->hasSession());
    QVERIFY(window->findChild<QAction *>(QStringLiteral("continueAction"))->isEnabled());
    QVERIFY(window->findChild<QAction *>(QStringLiteral("saveAction"))->isEnabled());
}

void MainWindowTest::closingMidTrainingJoinsQuickly()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    auto window = makeWindow();
    configureSmallRun(window.get(), 1000000);
    window->findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->lossPanel()->pointCount() > 0, kRunTimeoutMs);
    QVERIFY(window->isWorkerThreadRunning());

    QElapsedTimer timer;
    timer.start();
    QVERIFY(window->close());
    QVERIFY(!window->isWorkerThreadRunning());
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    window.reset();
    QVERIFY(timer.elapsed() < 5000);
}

void MainWindowTest::closingWhileLoadingJoinsQuickly()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    auto window = makeWindow();
    configureSmallRun(window.get(), 1000000);
    window->trainingPanel()->setImageLimit(0); // the whole dataset: the slowest load
    window->findChild<QAction *>(QStringLiteral("trainAction"))->trigger();
    QCOMPARE(window->state(), MainWindow::State::Busy);
    QTest::qWait(50);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(window->close());
    QVERIFY(!window->isWorkerThreadRunning());
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void MainWindowTest::settingsRememberTheForm()
{
    // The runs above trained with batch size 32 on 2000 images; a new window
    // starts from those choices, and the recent-checkpoint menu lists the file.
    auto window = makeWindow();
    TrainingPanel *panel = window->trainingPanel();
    QCOMPARE(panel->modelId(), QStringLiteral("vae"));
    QCOMPARE(panel->datasetId(), QStringLiteral("fashion-mnist"));
    auto *batch
        = qobject_cast<QSpinBox *>(panel->parameterForm()->editor(QStringLiteral("batch_size")));
    QCOMPARE(batch->value(), 32);
    QCOMPARE(panel->sessionConfig().dataset.limit, 0L); // the last run used the whole set
    auto *recent = window->findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(recent);
    emit recent->aboutToShow();
    if (!mCheckpoint.isEmpty()) {
        bool listed = false;
        for (QAction *action : recent->actions())
            listed = listed
                || action->toolTip()
                    == QDir::toNativeSeparators(QFileInfo(mCheckpoint).absoluteFilePath());
        QVERIFY(listed);
    }
}

GS_GUI_TEST_MAIN(MainWindowTest)
#include "test_mainwindow.moc"
