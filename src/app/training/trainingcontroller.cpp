#include "training/trainingcontroller.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

#include <algorithm>

#include "core/model/model_catalog.h"
#include "support/studiosettings.h"
#include "training/localranks.h"
#include "training/trainingworker.h"

namespace {
constexpr int kDrainIntervalMs = 40;
constexpr int kStatusTimeoutMs = 8000; // transient status bar messages

// The session's learning-rate parameter (by role), or null.
const gs::ParamSpec *learningRateSpec(const std::string &modelId)
{
    const gs::ModelInfo *model = gs::find_model(modelId);
    return model ? gs::find_role(model->params, gs::ParamSpec::Role::LearningRate) : nullptr;
}
} // namespace

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
{
    mDrainTimer = new QTimer(this);
    mDrainTimer->setSingleShot(true);
    mDrainTimer->setInterval(kDrainIntervalMs);
    connect(mDrainTimer, &QTimer::timeout, this, &TrainingController::drainLosses);
    mRanks = new LocalRanks(this);
    connect(mRanks, &LocalRanks::rankEnded, this,
            [this](int, const QString &sentence) { emit warning(sentence); });
    connectWorker();
}

TrainingController::~TrainingController()
{
    if (!shutdown())
        mThread.wait(); // never destroy a running QThread
}

void TrainingController::connectWorker()
{
    mWorker = new TrainingWorker;
    mWorker->moveToThread(&mThread);
    connect(&mThread, &QThread::finished, mWorker, &QObject::deleteLater);
    // Worker → controller: queued, because the worker lives on another thread.
    // The controller updates its state, then re-emits for the views.
    connect(mWorker, &TrainingWorker::busy, this, &TrainingController::busy);
    connect(mWorker, &TrainingWorker::sessionClosed, this, &TrainingController::onSessionClosed);
    connect(mWorker, &TrainingWorker::sessionReady, this, &TrainingController::onSessionReady);
    connect(mWorker, &TrainingWorker::runStarted, this, &TrainingController::onRunStarted);
    connect(mWorker, &TrainingWorker::statsAvailable, this, &TrainingController::scheduleDrain);
    connect(mWorker, &TrainingWorker::samplesReady, this, &TrainingController::samplesReady);
    connect(mWorker, &TrainingWorker::textSampleReady, this, &TrainingController::textSampleReady);
    connect(mWorker, &TrainingWorker::planeReady, this, &TrainingController::planeReady);
    connect(mWorker, &TrainingWorker::metricsReady, this, &TrainingController::metricsReady);
    connect(mWorker, &TrainingWorker::checkpointSaved, this,
            &TrainingController::onCheckpointSaved);
    connect(mWorker, &TrainingWorker::pausedByTrainer, this,
            &TrainingController::onPausedByTrainer);
    connect(mWorker, &TrainingWorker::runFolderChanged, this, [this](const QString &folder) {
        mRunFolder = folder;
        emit runFolderChanged(folder);
    });
    connect(mWorker, &TrainingWorker::runCheckpointSaved, this,
            [this](const QString &path, qint64 step) {
                noteCheckpoint(path, long(step));
                emit runCheckpointSaved(path, step);
            });
    connect(mWorker, &TrainingWorker::warning, this, &TrainingController::warning);
    connect(mWorker, &TrainingWorker::datasetDescribed, this, [this](const QString &text) {
        mSession.datasetDescription = text;
        emit datasetDescribed(text);
    });
    connect(mWorker, &TrainingWorker::runFinished, this, &TrainingController::onRunFinished);
    connect(mWorker, &TrainingWorker::failed, this, &TrainingController::onFailed);
    // Snapshot bytes stay on the worker thread (see the header).
    connect(mWorker, &TrainingWorker::snapshotReady, this, &TrainingController::snapshotReady,
            Qt::DirectConnection);
    mThread.setObjectName(QStringLiteral("GenStudio training"));
    mThread.start();
}

bool TrainingController::shutdown(int timeoutMs)
{
    if (mShutDown)
        return !mThread.isRunning() || mThread.wait(QDeadlineTimer(timeoutMs));
    mShutDown = true;
    mDrainTimer->stop();
    mPendingStart.reset();
    if (mWorker)
        mWorker->control().request_stop(); // also wakes a paused loop
    mThread.requestInterruption();
    mThread.quit();
    const bool joined = mThread.wait(QDeadlineTimer(timeoutMs));
    mRanks->finish(3000, true); // the other processes of a run: they followed the stop, or end now
    mWorker = nullptr; // deleted on its thread when the thread finished
    return joined;
}

void TrainingController::setState(State state)
{
    const bool changed = state != mState;
    mState = state;
    if (changed)
        emit stateChanged(state);
}

gs::RunOptions TrainingController::runOptions(const std::string &datasetId) const
{
    return mRunOptions ? mRunOptions(datasetId) : gs::RunOptions{};
}

// --- Runs ---------------------------------------------------------------------

void TrainingController::startSession(const gs::SessionConfig &config, bool paused)
{
    if (!mWorker || mShutDown)
        return;
    mPendingStart = PendingStart{config, paused};
    switch (mState) {
    case State::Busy:
    case State::Running:
    case State::Paused:
        stop(); // the run's end starts the pending one
        break;
    case State::Stopping:
        break;
    case State::NoSession:
    case State::Ready:
        startPendingRun();
        break;
    }
}

void TrainingController::startPendingRun()
{
    if (!mPendingStart)
        return;
    const PendingStart start = std::move(*mPendingStart);
    mPendingStart.reset();
    queueRun(true, start.config, start.paused);
}

void TrainingController::continueRun(const gs::ParamValues &formValues)
{
    if (mState != State::Ready || !mHasSession || !mWorker)
        return;
    queueRun(false, {}, false, formValues);
}

void TrainingController::queueRun(bool newSession, const gs::SessionConfig &config, bool paused,
                                  const gs::ParamValues &formValues)
{
    if (!mWorker)
        return;
    emit bannerObsolete();
    TrainingWorker *worker = mWorker;
    worker->control().reset(); // before queueing: a Stop pressed from now on is kept
    mStartPaused = newSession && paused;
    if (mStartPaused) {
        worker->control().pause();      // the loop waits before its first step …
        worker->control().sample_now(); // … after showing the untrained model
    }
    gs::RunOptions options = runOptions(newSession ? config.dataset.id : mSession.config.dataset.id);
    if (options.distributed.enabled()) {
        // The other processes: created like this session, or reopened at its step.
        QString why;
        if (!newSession && (mStepFileStep != mStep || !QFileInfo::exists(mStepFile)))
            why = tr("To continue across %1 processes the others start from a checkpoint at step "
                     "%2, and there is none: save the session (File ▸ Save Checkpoint) and press "
                     "Continue again, or set Processes to 1.")
                      .arg(options.distributed.world_size)
                      .arg(mStep);
        else
            why = mRanks->prepare(newSession ? config : mSession.config,
                                  newSession ? QString() : mStepFile, &options);
        if (!why.isEmpty()) {
            mStartPaused = false;
            worker->control().reset();
            emit failed(why);
            return;
        }
    }
    // Where the run's folder goes, read now so a changed setting applies to the next run.
    const StudioSettings settings;
    const QString runsFolder = settings.runsFolder();
    const int kept = settings.checkpointsKept();
    QMetaObject::invokeMethod(
        worker, [worker, runsFolder, kept] { worker->setRecording(runsFolder, kept); },
        Qt::QueuedConnection);
    if (newSession) {
        mCheckpointPath.clear();
        emit newSessionQueued();
        setState(State::Busy);
        QMetaObject::invokeMethod(
            worker, [worker, config, options] { worker->startNew(config, options); },
            Qt::QueuedConnection);
    } else {
        // Continue keeps the session's settings, except a learning rate edited
        // in the form: that one the trainer takes live (not across processes:
        // the others reopen the checkpoint with its own).
        const gs::ParamSpec *lr = options.distributed.enabled()
                                      ? nullptr
                                      : learningRateSpec(mSession.config.model_id);
        if (lr) {
            const auto formLr = formValues.find(lr->key);
            const auto sessionLr = mSession.config.params.find(lr->key);
            if (formLr != formValues.end() && sessionLr != mSession.config.params.end()
                && formLr->second != sessionLr->second) {
                worker->control().set_learning_rate(
                    QString::fromStdString(formLr->second).toDouble());
                mSession.config.params[lr->key] = formLr->second;
                emit statusMessage(tr("Learning rate %1 applies from step %2.")
                                       .arg(QString::fromStdString(formLr->second))
                                       .arg(mStep + 1),
                                   kStatusTimeoutMs);
            }
        }
        setState(State::Running);
        gs::StepStats start;
        start.step = mStep;
        start.total_steps = options.total_steps;
        start.eta_seconds = -1;
        emit progressChanged(start);
        QMetaObject::invokeMethod(
            worker, [worker, options] { worker->continueRun(options); }, Qt::QueuedConnection);
    }
}

void TrainingController::pause()
{
    if (mState != State::Running || !mWorker)
        return;
    mWorker->control().pause();
    setState(State::Paused);
    emit statusMessage(tr("Paused at step %1.").arg(mStep), 0);
}

void TrainingController::resume()
{
    if (mState != State::Paused || !mWorker)
        return;
    mWorker->control().resume();
    emit bannerObsolete();
    setState(State::Running);
    emit statusMessage(tr("Training…"), 0);
}

void TrainingController::stop()
{
    if (!mWorker)
        return;
    if (mState != State::Busy && mState != State::Running && mState != State::Paused)
        return;
    mWorker->control().request_stop();
    if (mState != State::Busy)
        setState(State::Stopping);
    emit statusMessage(tr("Stopping…"), 0);
}

void TrainingController::stepOnce(int part)
{
    if (mState == State::Paused && mWorker)
        mWorker->control().step_once(part);
}

void TrainingController::setStepDelay(int milliseconds)
{
    if (mWorker)
        mWorker->control().set_step_delay_ms(milliseconds);
}

int TrainingController::stepDelay() const
{
    return mWorker ? mWorker->control().step_delay_ms() : 0;
}

void TrainingController::setLearningRate(double value)
{
    if (!mWorker || (mState != State::Running && mState != State::Paused))
        return;
    mWorker->control().set_learning_rate(value);
    if (const gs::ParamSpec *lr = learningRateSpec(mSession.config.model_id))
        mSession.config.params[lr->key] = gs::format_number(value);
    emit statusMessage(tr("Learning rate set to %1 from the next step.")
                           .arg(QLocale::c().toString(value, 'g', 4)),
                       kStatusTimeoutMs);
}

void TrainingController::setLiveParam(const std::string &key, const std::string &value)
{
    if (!mWorker)
        return;
    const gs::ParamSpec *lr = learningRateSpec(mSession.config.model_id);
    if (lr && lr->key == key)
        mWorker->control().set_learning_rate(QString::fromStdString(value).toDouble());
    else
        mWorker->control().set_param(key, value);
    mSession.config.params[key] = value;
    emit liveParamChanged(key, value);
}

// --- Worker signals -------------------------------------------------------------

void TrainingController::scheduleDrain()
{
    if (!mDrainTimer->isActive())
        mDrainTimer->start();
}

void TrainingController::drainLosses()
{
    if (!mWorker)
        return;
    LossBuffer::Batch batch = mWorker->lossBuffer().take();
    if (batch.points.empty())
        return;
    QStringList names;
    for (const std::string &name : batch.names)
        names << QString::fromStdString(name);
    if (!names.isEmpty())
        mLossNames = names;
    if (batch.hasLatest)
        mStep = batch.latest.step;
    emit lossesDrained(mLossNames, batch.points);
    if (batch.hasLatest)
        emit progressChanged(batch.latest);
}

void TrainingController::onSessionClosed()
{
    mHasSession = false;
    mStep = 0;
    mSavedStep = 0;
    emit sessionClosed();
}

void TrainingController::onSessionReady(const SessionSummary &summary)
{
    mHasSession = true;
    mSession = summary;
    mLossNames = summary.lossNames;
    mStep = summary.step;
    mSavedStep = summary.step; // nothing trained since the file (or since creation)
    const bool opened = !summary.checkpointPath.isEmpty();
    mStepFile.clear();
    mStepFileStep = -1;
    if (opened) {
        noteCheckpoint(summary.checkpointPath, summary.step);
        mPendingOpenPath.clear();
        mCheckpointPath = summary.checkpointPath;
        StudioSettings().addRecentCheckpoint(summary.checkpointPath);
    }
    emit sessionReady(summary);
    if (opened) {
        setState(State::Ready);
        startPendingRun(); // a start requested while the checkpoint was opening
    }
}

void TrainingController::onRunStarted(qint64 step, qint64 totalSteps)
{
    mRunActive = true;
    mStep = long(step);
    mRunTotal = long(totalSteps);
    if (mState == State::Busy)
        setState(mStartPaused ? State::Paused : State::Running);
    emit runStarted(step, totalSteps);
    if (mRanks->isPrepared()) {
        const QString why = mRanks->launch(); // rank 0 now waits for them to arrive
        if (!why.isEmpty())
            emit warning(why);
        else
            emit statusMessage(tr("Training across %1 processes…").arg(mRanks->worldSize()), 0);
    }
}

void TrainingController::onPausedByTrainer(const QString &reason)
{
    drainLosses();
    if (mState == State::Running || mState == State::Busy)
        setState(State::Paused);
    emit pausedByTrainer(reason);
}

void TrainingController::onRunFinished(qint64 step, bool stopped)
{
    drainLosses();
    mRunActive = false;
    mRanks->finish(); // they ended with rank 0 (or end after a grace)
    mStep = long(step);
    setState(mHasSession ? State::Ready : State::NoSession);
    emit runFinished(step, stopped);
    startPendingRun();
}

void TrainingController::onFailed(const QString &message)
{
    drainLosses();
    mRunActive = false;
    mRanks->finish();
    if (!mPendingOpenPath.isEmpty()) {
        if (!QFileInfo::exists(mPendingOpenPath))
            StudioSettings().removeRecentCheckpoint(mPendingOpenPath);
        mPendingOpenPath.clear();
    }
    setState(mHasSession ? State::Ready : State::NoSession);
    emit failed(message);
    startPendingRun();
}

void TrainingController::recordQuality(qint64 step, double seconds, const QStringList &keys,
                                       const QVector<double> &values)
{
    if (!mWorker)
        return;
    std::vector<std::string> k;
    for (const QString &key : keys)
        k.push_back(key.toStdString());
    mWorker->recordQuality(long(step), seconds, k, std::vector<double>(values.begin(), values.end()));
}
