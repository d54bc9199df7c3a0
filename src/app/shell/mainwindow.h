// mainwindow.h — the GenStudio main window: the training panel on the left, the
// live loss plot above the sample grid and the reconstructions, a status bar
// with step, throughput and ETA, and the File, Training and Help menus.
//
// Ownership: owns every widget, the TrainingWorker and the QThread it lives on.
// The destructor (and closeEvent) stop training, join the thread and delete the
// worker with its session.
//
// Thread affinity: GUI thread. Training, creating sessions (loading data) and
// opening/saving checkpoints run on the worker thread; pause, resume, stop and
// save-while-training go straight to the worker's thread-safe TrainControl.
// Losses are drained from the worker's LossBuffer by a 40 ms single-shot timer.
//
// Failure modes: every error of the core is shown in the message banner and
// the status bar, never as a crash; a NaN pause shows the trainer's reason and
// leaves the run paused. The split by feature: mainwindow.cpp (layout, menus,
// settings), mainwindow_training.cpp (runs and worker signals),
// mainwindow_files.cpp (checkpoints, export, recent files, about).
#pragma once

#include <QImage>
#include <QMainWindow>
#include <QThread>

#include <optional>
#include <vector>

#include "training/lossbuffer.h"
#include "training/sessionsummary.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QTimer;
class ExploreView;
class ImageView;
class LossPanel;
class MessageBanner;
class TrainingPanel;
class TrainingWorker;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class State {
        NoSession, // nothing to continue or save
        Busy,      // creating a session or opening a checkpoint
        Running,
        Paused,
        Stopping,
        Ready, // a session exists and is idle
    };
    Q_ENUM(State)

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    State state() const { return mState; }
    bool hasSession() const { return mHasSession; }
    long sessionStep() const { return mStep; }

    // For tests and the command line: the same as the menu items, without dialogs.
    void startTraining();    // Train
    void continueTraining(); // Continue
    void pauseTraining();    // Pause
    void resumeTraining();   // Resume
    void stopTraining();     // Stop
    // For views with their own form (the playground): a new session from
    // `config` to the Steps target `totalSteps`, through the same states as
    // Train. A running or paused session is stopped first and the new one
    // starts when the worker is free. `paused`: the run begins paused and shows
    // its first view (single steps, Resume). `askToDiscard`: ask before unsaved
    // steps are thrown away, as Train does. Errors go to the message banner.
    void startTrainingWith(const gs::SessionConfig &config, long totalSteps, bool paused,
                           bool askToDiscard);
    void continueTrainingTo(long totalSteps); // Continue to this Steps target
    void openCheckpointFile(const QString &path);
    void saveCheckpointFile(const QString &path);
    bool exportSampleGrid(const QString &path); // true when written
    bool exportLossCsv(const QString &path);    // true when written

    // Stops training and joins the worker thread (idempotent). Returns false
    // when the thread did not end within `timeoutMs`.
    bool shutdownWorker(int timeoutMs = 30000);
    bool isWorkerThreadRunning() const { return mThread.isRunning(); }

    // Ask before Train or Quit throws away unsaved training steps (on by
    // default; tests that are not about the question turn it off).
    void setConfirmDiscard(bool on) { mConfirmDiscard = on; }
    bool hasUnsavedSteps() const { return mHasSession && mStep > mSavedStep; }

    TrainingWorker *worker() const { return mWorker; }
    TrainingPanel *trainingPanel() const { return mTrainingPanel; }
    LossPanel *lossPanel() const { return mLossPanel; }
    ImageView *sampleView() const { return mSampleView; }
    ImageView *reconstructionView() const { return mReconstructionView; }
    MessageBanner *messageBanner() const { return mBanner; }
    QTabWidget *views() const { return mViews; }
    ExploreView *exploreView() const { return mExploreView; }

signals:
    void stateChanged(MainWindow::State state);
    // Loss points just drained from the worker (GUI thread), for other loss plots.
    void lossesDrained(const QStringList &names, const std::vector<LossPoint> &points);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    static constexpr int kStatusTimeoutMs = 8000; // transient status bar messages

    // mainwindow.cpp
    void createActions();
    void createMenus();
    void createLayout();
    void createExtraViews();
    void createStatusBar();
    void connectWorker();
    void readSettings();
    void writeSettings();
    void setState(State state);
    void updateActions();
    void showError(const QString &message);
    void showWarning(const QString &message);
    bool confirmDiscard(const QString &question);

    // mainwindow_training.cpp
    struct PendingStart
    {
        gs::SessionConfig config;
        bool paused = false;
    };
    gs::RunOptions runOptions(const std::string &datasetId) const;
    void queueRun(bool newSession, const gs::SessionConfig &config = {}, bool paused = false);
    void startPendingRun();
    void scheduleDrain();
    void drainLosses();
    void onBusy(const QString &message);
    void onSessionClosed();
    void onSessionReady(const SessionSummary &summary);
    void onRunStarted(qint64 step, qint64 totalSteps);
    void onSamplesReady(qint64 step, const QImage &samples, const QImage &reconstructions);
    void onCheckpointSaved(const QString &path, qint64 step);
    void onPausedByTrainer(const QString &reason);
    void onRunFinished(qint64 step, bool stopped);
    void onFailed(const QString &message);
    void onLearningRateEdited(double value);
    void updateSessionText();
    void updateProgress(long step, long total, double imagesPerSecond, double etaSeconds);

    // mainwindow_files.cpp
    void openCheckpointDialog();
    void saveCheckpointDialog();
    void exportSamplesDialog();
    void exportReconstructionsDialog();
    void exportLossesDialog();
    void exportPlotDialog();
    bool writeFileAtomically(const QString &path, const QByteArray &bytes);
    bool exportImage(const QImage &image, const QString &path);
    QString suggestedCheckpointName() const;
    void updateRecentMenu();
    void showAbout();

    TrainingWorker *mWorker = nullptr;
    QThread mThread;
    QTabWidget *mViews = nullptr;
    State mState = State::NoSession;
    bool mHasSession = false;
    bool mShutDown = false;
    SessionSummary mSession;
    long mStep = 0;
    long mRunTotal = 0;
    long mSavedStep = 0; // step of the last save or open: later steps are unsaved
    bool mConfirmDiscard = true;
    QString mCheckpointPath;  // the file the session was last saved to or opened from
    QString mPendingOpenPath; // being opened by the worker
    QTimer *mDrainTimer = nullptr;
    std::optional<PendingStart> mPendingStart; // starts when the current run has ended
    bool mStartPaused = false;                 // the queued new run begins paused

    TrainingPanel *mTrainingPanel = nullptr;
    LossPanel *mLossPanel = nullptr;
    ImageView *mSampleView = nullptr;
    ImageView *mReconstructionView = nullptr;
    QLabel *mSampleCaption = nullptr;
    QLabel *mReconstructionCaption = nullptr;
    QWidget *mReconstructionBox = nullptr;
    MessageBanner *mBanner = nullptr;
    ExploreView *mExploreView = nullptr;
    QSplitter *mMainSplitter = nullptr;
    QSplitter *mImageSplitter = nullptr;
    QProgressBar *mProgress = nullptr;
    QLabel *mThroughputLabel = nullptr;
    QLabel *mEtaLabel = nullptr;

    QAction *mOpenAction = nullptr;
    QAction *mSaveAction = nullptr;
    QAction *mExportSamplesAction = nullptr;
    QAction *mExportReconstructionsAction = nullptr;
    QAction *mExportLossesAction = nullptr;
    QAction *mExportPlotAction = nullptr;
    QAction *mQuitAction = nullptr;
    QAction *mTrainAction = nullptr;
    QAction *mContinueAction = nullptr;
    QAction *mPauseAction = nullptr;
    QAction *mResumeAction = nullptr;
    QAction *mStopAction = nullptr;
    QAction *mAboutAction = nullptr;
    QMenu *mRecentMenu = nullptr;
};
