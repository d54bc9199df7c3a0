// mainwindow.h — the GenStudio main window: the training panel in a dock on
// the left, one tab per top-level view (built from the list in
// shell/topviews.cpp: Training, Explore, Playground), a status bar with step,
// throughput and ETA (and the recording indicator), and the File, Training,
// View and Help menus; View holds Presenter Mode, Colours and Record View…
// (presenter/: the window owns the StudioLook, PresenterMode, PresenterKeys
// and ViewRecording).
//
// Ownership: owns every widget and the TrainingController (which owns the
// worker and its thread). The destructor (and closeEvent) stop training and
// join the thread through the controller.
//
// Thread affinity: GUI thread. The session's state machine and every call into
// the trainer live in the TrainingController; the window turns its signals
// into the status bar, the progress, the banner and the enabled actions, and
// implements TrainingRequests for views with their own form.
//
// Failure modes: every error of the core is shown in the message banner and
// the status bar, never as a crash; a NaN pause shows the trainer's reason and
// leaves the run paused. The split by feature: mainwindow.cpp (layout, menus,
// the views from the list, settings), mainwindow_training.cpp (runs and the
// controller's signals), mainwindow_files.cpp (checkpoints, export, recent
// files, about), mainwindow_presenter.cpp (presenter mode, keys, recordings).
#pragma once

#include <QImage>
#include <QMainWindow>

#include <utility>
#include <vector>

#include "shell/sidepane.h"
#include "shell/topview.h"
#include "training/sessionsummary.h"
#include "training/trainingcontroller.h"
#include "training/trainingrequests.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class ImageView;
class LossPanel;
class MessageBanner;
class PresenterKeys;
class PresenterMode;
class RunRecordingBox;
class SessionKeeper;
class StudioLook;
class ViewRecording;
class TrainingPanel;
class TrainingView;

class MainWindow : public QMainWindow, public TrainingRequests
{
    Q_OBJECT

public:
    using State = TrainingController::State;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    State state() const { return mController->state(); }
    bool hasSession() const { return mController->hasSession(); }
    long sessionStep() const { return mController->step(); }

    // For tests and the command line: the same as the menu items, without dialogs.
    void startTraining();    // Train
    void continueTraining(); // Continue
    void pauseTraining();    // Pause
    void resumeTraining();   // Resume
    void stopTraining();     // Stop
    // TrainingRequests, for views with their own form (see trainingrequests.h);
    // errors go to the message banner.
    void startTrainingWith(const gs::SessionConfig &config, long totalSteps, bool paused,
                           bool askToDiscard) override;
    void continueTrainingTo(long totalSteps) override; // Continue to this Steps target
    void openCheckpointFile(const QString &path);
    void saveCheckpointFile(const QString &path);
    bool exportSampleGrid(const QString &path); // true when written
    bool exportLossCsv(const QString &path);    // true when written

    // Stops training and joins the worker thread (idempotent). Returns false
    // when the thread did not end within `timeoutMs`.
    bool shutdownWorker(int timeoutMs = 30000);
    bool isWorkerThreadRunning() const { return mController->isThreadRunning(); }

    // Ask before Train or Quit throws away unsaved training steps (on by
    // default; tests that are not about the question turn it off).
    void setConfirmDiscard(bool on) { mConfirmDiscard = on; }
    bool hasUnsavedSteps() const { return mController->hasUnsavedSteps(); }

    TrainingController *trainingController() const { return mController; }
    TrainingPanel *trainingPanel() const { return mTrainingPanel; }
    RunRecordingBox *runRecording() const { return mRunRecording; }
    LossPanel *lossPanel() const;
    ImageView *sampleView() const;
    ImageView *reconstructionView() const;
    MessageBanner *messageBanner() const { return mBanner; }
    // Session files, autosave and the restore offer (session/sessionkeeper.h).
    SessionKeeper *sessionKeeper() const { return mSessions; }
    // The look (palette, fonts), the presenter layout, its keys and View ▸ Record View….
    StudioLook *studioLook() const { return mLook; }
    PresenterMode *presenterMode() const { return mPresenter; }
    PresenterKeys *presenterKeys() const { return mKeys; }
    ViewRecording *viewRecording() const { return mRecording; }
    QTabWidget *views() const { return mViews; }

    // The top-level view with this id from shell/topviews.cpp, or null.
    QWidget *topViewWidget(const QString &id) const;
    template <class View>
    View *topView(const QString &id) const
    {
        return qobject_cast<View *>(topViewWidget(id));
    }
    // The dock holding the side pane with this id from shell/sidepanes.cpp, or null.
    QDockWidget *sidePaneDock(const QString &id) const;

signals:
    void stateChanged(MainWindow::State state);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    static constexpr int kStatusTimeoutMs = 8000; // transient status bar messages

    // mainwindow.cpp
    void createActions();
    void createMenus();
    void createLayout();
    void createViews();
    void createSidePanes();
    void createPresenter(); // mainwindow_presenter.cpp
    void createStatusBar();
    void connectController();
    void readSettings();
    void writeSettings();
    void updateActions();
    void showError(const QString &message);
    void showWarning(const QString &message);
    bool confirmDiscard(const QString &question);

    // mainwindow_training.cpp
    gs::RunOptions runOptions(const std::string &datasetId) const;
    void onStateChanged(State state);
    void onNewSessionQueued();
    void onProgress(const gs::StepStats &latest);
    void onBusy(const QString &message);
    void onSessionClosed();
    void onSessionReady(const SessionSummary &summary);
    void onRunStarted(qint64 step, qint64 totalSteps);
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
    // A Save dialog for `stem`-step<N>.`suffix` in the last directory; empty
    // when cancelled, `suffix` added when the name has none.
    QString askExportPath(const QString &title, const QString &stem, const QString &suffix,
                          const QString &filter);
    bool writeFileAtomically(const QString &path, const QByteArray &bytes);
    bool exportImage(const QImage &image, const QString &path);
    QString suggestedCheckpointName() const;
    void updateRecentMenu();
    void showAbout();

    TrainingController *mController = nullptr;
    SessionKeeper *mSessions = nullptr;
    StudioLook *mLook = nullptr;
    PresenterMode *mPresenter = nullptr;
    PresenterKeys *mKeys = nullptr;
    ViewRecording *mRecording = nullptr;
    QTabWidget *mViews = nullptr;
    std::vector<std::pair<QString, QWidget *>> mTopViews; // id → tab page, in tab order
    QList<QAction *> mViewFileActions;                    // the views' File menu items
    std::vector<std::pair<QString, QDockWidget *>> mSidePanes; // id → dock, in menu order
    QList<QAction *> mSidePaneActions;                         // their View menu items
    bool mConfirmDiscard = true;

    TrainingPanel *mTrainingPanel = nullptr;
    RunRecordingBox *mRunRecording = nullptr;
    QDockWidget *mTrainingDock = nullptr;
    TrainingView *mTrainingView = nullptr; // the "training" top view
    MessageBanner *mBanner = nullptr;
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
