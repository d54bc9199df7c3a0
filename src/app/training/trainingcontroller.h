// trainingcontroller.h — the studio's one training session: owns the
// TrainingWorker and the QThread it runs on, the session's state machine
// (no session, busy, running, paused, stopping, ready), the bookkeeping of
// steps (current, saved, run target) and every call into the trainer's
// TrainControl. The main window and the views (Training, Playground, Explore)
// share one controller; none of them touches the worker's control object.
//
// Ownership: created by the main window (a QObject child of it). Owns the
// worker, deleted on its thread when the thread ends. shutdown() (also called
// by the destructor) stops the run and joins the thread: requestInterruption,
// quit, wait.
//
// Thread affinity: GUI thread. The worker's signals arrive queued; the
// controller updates its state first and then re-emits them, so a receiver
// sees state() and step() already matching the signal. Losses are drained
// from the worker's LossBuffer by one 40 ms single-shot timer and re-emitted
// as lossesDrained. Pause, resume, stop, step once, save now, learning rate,
// live parameters and snapshots write to the thread-safe TrainControl, because
// a busy worker cannot run queued jobs.
//
// A run whose options ask for more than one process (RunOptions::distributed)
// trains data-parallel: the worker is rank 0 and LocalRanks starts the other
// ranks as genstudio-cli children once the run begins; they end with it
// (Stop and Pause reach them through the run, closing the studio ends them).
// A run that continues starts them from a checkpoint at the session's step.
//
// Failure modes: requests that do not fit the state are ignored (a start while
// a run goes on stops it and starts when the worker is free); a failed job
// comes back as failed(message) with the state restored to Ready or NoSession;
// messages for people come as statusMessage and failed/warning, never as
// exceptions.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/train/training_session.h"
#include "training/lossbuffer.h"
#include "training/sessionsummary.h"
#include "training/trainingworker.h" // PlaneViewPtr and its metatype

class LocalRanks;
class QTimer;

class TrainingController : public QObject
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

    // The options of a run on `datasetId` (Steps target, threads, log rates);
    // asked for when a run actually begins.
    using RunOptionsProvider = std::function<gs::RunOptions(const std::string &datasetId)>;

    explicit TrainingController(QObject *parent = nullptr);
    ~TrainingController() override;

    void setRunOptionsProvider(RunOptionsProvider provider) { mRunOptions = std::move(provider); }

    State state() const { return mState; }
    bool isIdle() const { return mState == State::NoSession || mState == State::Ready; }
    bool isTraining() const
    {
        return mState == State::Running || mState == State::Paused || mState == State::Stopping;
    }
    bool hasSession() const { return mHasSession; }
    long step() const { return mStep; }
    long savedStep() const { return mSavedStep; }
    long runTotal() const { return mRunTotal; }
    bool hasUnsavedSteps() const { return mHasSession && mStep > mSavedStep; }
    const SessionSummary &session() const { return mSession; }
    QString checkpointPath() const { return mCheckpointPath; } // last saved to or opened from
    // The session's run folder (run_folder.h), where its runs record metrics and
    // step checkpoints; empty before the first run of a new session.
    QString runFolder() const { return mRunFolder; }
    // The Metrics panel's results into the session's run folder (DIR/quality.csv);
    // GUI thread, returns at once (TrainingWorker::recordQuality).
    void recordQuality(qint64 step, double seconds, const QStringList &keys, const QVector<double> &values);

    // Runs. startSession: a new session from `config`; a running or paused
    // session is stopped first and the new one starts when the worker is free.
    // `paused`: the run begins paused after showing the untrained model.
    void startSession(const gs::SessionConfig &config, bool paused = false);
    // Ready only: train on to the provider's Steps target. A learning rate in
    // `formValues` that differs from the session's applies from the next step.
    void continueRun(const gs::ParamValues &formValues = {});
    void pause();
    void resume();
    void stop();
    void stepOnce(int part);              // while paused: 0 both, 1 D only, 2 G only
    void setStepDelay(int milliseconds);  // slow motion, 0 = full speed
    int stepDelay() const;
    // Live changes while a run goes on (or before Continue): the learning rate
    // and the parameters the model spec marks live. setLiveParam picks
    // set_learning_rate for the LearningRate role and emits liveParamChanged.
    void setLearningRate(double value);
    void setLiveParam(const std::string &key, const std::string &value);

    // Files. openCheckpoint: idle only (false otherwise). saveCheckpoint: while
    // training the loop saves between two steps, when Ready the worker saves
    // at once; false when there is nothing to save (with `why` filled in).
    bool openCheckpoint(const QString &absolutePath);
    bool saveCheckpoint(const QString &absolutePath, QString *why = nullptr);

    // A model copy for an exploration thread: while a run goes on the trainer
    // answers between two steps, when idle the worker as soon as it is free.
    // Either way snapshotReady follows.
    void requestSnapshot();

    // Stops training and joins the worker thread (idempotent). False when the
    // thread did not end within `timeoutMs`.
    bool shutdown(int timeoutMs = 30000);
    bool isThreadRunning() const { return mThread.isRunning(); }
    bool isShutDown() const { return mShutDown; }

    TrainingWorker *worker() const { return mWorker; } // null after shutdown()
    // The compute threads the current or last run trains with, as its training
    // thread reports them (0 before a run's first statistics or after shutdown()).
    int runThreads() const { return mWorker ? mWorker->runThreads() : 0; }
    // The other processes of a run across processes (ranks 1 … N−1; tests and
    // the status line read it). Never null.
    LocalRanks *localRanks() const { return mRanks; }

signals:
    void stateChanged(TrainingController::State state);
    void statusMessage(const QString &text, int timeoutMs); // 0: until replaced
    void bannerObsolete(); // a run was queued or resumed: old warnings no longer apply
    void newSessionQueued(); // before a new session's job is queued: clear its views
    void busy(const QString &message);
    void sessionClosed();
    void sessionReady(const SessionSummary &summary);
    void runStarted(qint64 step, qint64 totalSteps);
    void lossesDrained(const QStringList &names, const std::vector<LossPoint> &points);
    void progressChanged(const gs::StepStats &latest); // after a drain with new stats
    void samplesReady(qint64 step, const QImage &samples, const QImage &reconstructions);
    void textSampleReady(qint64 step, const QString &text, const QString &prompt); // text models
    void planeReady(qint64 step, const PlaneViewPtr &view);
    void metricsReady(qint64 step, const QStringList &names, const QVector<double> &values);
    void checkpointSaved(const QString &path, qint64 step);
    void runFolderChanged(const QString &folder);
    void runCheckpointSaved(const QString &path, qint64 step); // kept in the run folder
    void pausedByTrainer(const QString &reason);
    void warning(const QString &message);
    void datasetDescribed(const QString &description);
    void runFinished(qint64 step, bool stopped);
    void failed(const QString &message);
    // A model copy (TrainingSession::snapshot bytes). Emitted on the WORKER
    // thread, so the GUI thread never holds the copy: connect it with
    // Qt::DirectConnection to a thread-safe receiver (the exploration worker).
    void snapshotReady(qint64 step, const QByteArray &bytes);
    // A live parameter of the session changed through setLiveParam (the
    // Training dock's form shows the session's settings and follows it).
    void liveParamChanged(const std::string &key, const std::string &value);

private:
    struct PendingStart
    {
        gs::SessionConfig config;
        bool paused = false;
    };
    void connectWorker();
    void setState(State state);
    gs::RunOptions runOptions(const std::string &datasetId) const;
    void queueRun(bool newSession, const gs::SessionConfig &config = {}, bool paused = false,
                  const gs::ParamValues &formValues = {});
    void startPendingRun();
    void scheduleDrain();
    void drainLosses();
    void onSessionClosed();
    void onSessionReady(const SessionSummary &summary);
    void onRunStarted(qint64 step, qint64 totalSteps);
    void onCheckpointSaved(const QString &path, qint64 step);
    void onPausedByTrainer(const QString &reason);
    void onRunFinished(qint64 step, bool stopped);
    void onFailed(const QString &message);

    void noteCheckpoint(const QString &path, long step);
    TrainingWorker *mWorker = nullptr;
    LocalRanks *mRanks = nullptr;
    QString mStepFile;      // the newest checkpoint of the session (saved, opened or the run's) …
    long mStepFileStep = -1; // … and its step: other processes continue from it
    QThread mThread;
    RunOptionsProvider mRunOptions;
    State mState = State::NoSession;
    bool mHasSession = false;
    bool mShutDown = false;
    SessionSummary mSession;
    QStringList mLossNames; // the series of the session's loss points
    long mStep = 0;
    long mRunTotal = 0;
    long mSavedStep = 0;      // step of the last save or open: later steps are unsaved
    QString mCheckpointPath;  // the file the session was last saved to or opened from
    QString mRunFolder;       // the session's run folder
    QString mPendingOpenPath; // being opened by the worker
    QTimer *mDrainTimer = nullptr;
    std::optional<PendingStart> mPendingStart; // starts when the current run has ended
    bool mStartPaused = false;                 // the queued new run begins paused
    bool mRunActive = false; // between runStarted and runFinished/failed: the loop answers
};
