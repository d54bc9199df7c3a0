// trainingworker.h — runs a gs::TrainingSession away from the GUI thread.
//
// Ownership: the TrainingController creates the worker, moves it to a member
// QThread and deletes it after joining that thread. The worker owns the TrainingSession,
// the TrainControl and the LossBuffer.
//
// Thread affinity: the job methods (startNew, continueRun, openCheckpoint,
// saveCheckpoint) run on the worker thread; call them with
// QMetaObject::invokeMethod(worker, ..., Qt::QueuedConnection). A job that runs
// training blocks the worker's event loop until the run ends, so the controller
// steers it through control() (pause, resume, stop, save now, learning rate),
// which is safe from any thread, and reads statistics through lossBuffer().
// No other GUI code calls control(): it goes through the TrainingController.
//
// Signals are emitted on the worker thread. Every training job ends with
// exactly one of runFinished or failed, openCheckpoint with sessionReady or
// failed, saveCheckpoint with checkpointSaved or warning (the session goes on).
// runThreads() is an atomic, readable from any thread.
//
// Run folders (core/train/run_folder.h): every run of a session writes its
// metrics rows, its step checkpoints (at RunOptions::checkpoint_every, thinned
// as they age) and at its end the latest checkpoint into the session's run
// folder, from this thread. A new session gets a new folder under the runs
// location (setRecording) when its first run starts; a checkpoint reopened
// from a run folder appends to that run when it trains on. A folder that
// cannot be written becomes a warning and training goes on without it.
// Failure modes: gs::Error and every other exception become a message a person
// understands; after a failed openCheckpoint the previous session is kept,
// after a failed startNew there is no session (sessionClosed was emitted).
#pragma once

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/train/run_folder.h"
#include "core/train/training_session.h"
#include "training/lossbuffer.h"
#include "training/sessionsummary.h"

// Point-data views cross threads by shared pointer (no copy of the point lists).
using PlaneViewPtr = std::shared_ptr<const gs::PlaneView>;
Q_DECLARE_METATYPE(PlaneViewPtr)

class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    explicit TrainingWorker(QObject *parent = nullptr);
    ~TrainingWorker() override;

    gs::TrainControl &control() { return mControl; }
    LossBuffer &lossBuffer() { return mLossBuffer; }

    // Jobs (worker thread). The controller resets control() before queueing a training
    // job, so a stop requested while the job waits or loads data is honoured.
    void startNew(const gs::SessionConfig &config, const gs::RunOptions &options);
    void continueRun(const gs::RunOptions &options);
    void openCheckpoint(const QString &path);
    void saveCheckpoint(const QString &path);
    // Where new run folders go and how many recent step checkpoints stay
    // before older ones thin out (worker thread, queued before a job).
    void setRecording(const QString &runsFolder, int checkpointsKept);
    // Any thread (the Metrics panel's results arrive on the GUI thread while a
    // run may be going): one evaluation into the run folder's quality.csv. The
    // writer's quality file is its own (RunWriter::write_quality touches nothing
    // the training thread's write_stats does); a mutex keeps the writer alive
    // for the call. Nothing happens when the session records no run folder.
    void recordQuality(long step, double seconds, const std::vector<std::string> &keys,
                       const std::vector<double> &values);
    // Any thread: the compute (intra-op) threads the current or last run
    // trains with, as the training thread itself reports them once the run
    // has set them up (0 before the first statistics of a run).
    int runThreads() const { return mRunThreads.load(); }
    void noteRunThreads(int threads) { mRunThreads.store(threads); } // training thread

    // Any thread: asks for a copy of the model for an exploration thread. While a
    // run is going the trainer answers between two steps; when idle the worker
    // answers as soon as it is free. Either way snapshotReady follows.
    void requestSnapshot();

signals:
    void busy(const QString &message);                // a slow job step begins
    void sessionClosed();                             // the previous session is gone
    void sessionReady(const SessionSummary &summary); // new or reopened session
    void runStarted(qint64 step, qint64 totalSteps);
    void statsAvailable(); // lossBuffer() has new points
    void samplesReady(qint64 step, const QImage &samples, const QImage &reconstructions);
    // Text models: the continuation of the fixed prompt (`text` starts with `prompt`).
    void textSampleReady(qint64 step, const QString &text, const QString &prompt);
    void checkpointSaved(const QString &path, qint64 step);
    // The session's run folder (empty: none yet, or a checkpoint not from a run).
    void runFolderChanged(const QString &folder);
    // A checkpoint the run keeps in its folder (a step checkpoint or the latest).
    void runCheckpointSaved(const QString &path, qint64 step);
    void pausedByTrainer(const QString &reason); // e.g. the loss became NaN
    void warning(const QString &message);        // training goes on
    void runFinished(qint64 step, bool stopped);
    void datasetDescribed(const QString &description); // after a run loaded the data
    void failed(const QString &message);
    // Point data (the playground): the current view, with the samples.
    void planeReady(qint64 step, const PlaneViewPtr &view);
    // Quality metrics at the log interval (point data: modes_covered, hq_percent, kl, js).
    void metricsReady(qint64 step, const QStringList &names, const QVector<double> &values);
    // A model copy for Explorer::from_snapshot (TrainingSession::snapshot bytes).
    void snapshotReady(qint64 step, const QByteArray &bytes);

private:
    bool cancelled() const;
    void run(const gs::RunOptions &options);
    void saveQueuedCheckpoints();
    void emitCurrentImages();
    void snapshotIfIdle();
    SessionSummary summary(const QString &checkpointPath) const;
    void setRunFolder(const QString &folder);
    bool openRunWriter();
    void saveLatestToRun();

    void reportDatasetWarnings();

    std::unique_ptr<gs::TrainingSession> mSession;
    bool mDatasetWarned = false; // the session's dataset warnings were shown
    gs::TrainControl mControl;
    LossBuffer mLossBuffer;
    std::atomic<int> mRunThreads{0};
    // Worker thread only: the run folder of the session and its writer (made
    // when a run starts; continues the run of a reopened checkpoint).
    QString mRunsFolder;
    int mCheckpointsKept = 8;
    QString mRunFolder;
    std::unique_ptr<gs::RunWriter> mRunWriter; // replaced only under mRunWriterMutex
    std::mutex mRunWriterMutex;                // its lifetime against recordQuality
};
