// TrainingController, its files: checkpoints opened and saved, snapshots
// for the explorer, and which checkpoint the other processes of a
// multi-process run would start from (trainingcontroller.h).
#include "training/trainingcontroller.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include "support/studiosettings.h"
#include "training/trainingworker.h"

void TrainingController::requestSnapshot()
{
    if (!mWorker)
        return;
    // While a run goes on, the trainer answers between two steps. Asking the
    // control object directly (thread-safe) does not also queue an idle-time
    // answer behind the busy worker, which TrainingWorker::requestSnapshot()
    // would (one more copy of the model after the run for every request).
    if (mRunActive)
        mWorker->control().request_snapshot();
    else
        mWorker->requestSnapshot();
}

bool TrainingController::openCheckpoint(const QString &absolutePath)
{
    if (!mWorker || !isIdle())
        return false;
    emit bannerObsolete();
    mPendingOpenPath = absolutePath;
    setState(State::Busy);
    TrainingWorker *worker = mWorker;
    QMetaObject::invokeMethod(
        worker, [worker, absolutePath] { worker->openCheckpoint(absolutePath); },
        Qt::QueuedConnection);
    return true;
}

bool TrainingController::saveCheckpoint(const QString &absolutePath, QString *why)
{
    if (!mWorker || !mHasSession) {
        if (why)
            *why = tr("There is no session to save yet.");
        return false;
    }
    const QString name = QFileInfo(absolutePath).fileName();
    if (isTraining()) {
        // The busy worker cannot run a queued job: the loop saves between two steps.
        mWorker->control().save_now(QFile::encodeName(absolutePath).toStdString());
        emit statusMessage(tr("Saving %1 at the next step…").arg(name), 0);
        return true;
    }
    if (mState != State::Ready) {
        if (why)
            *why = tr("Wait until the session is loaded, then save it.");
        return false;
    }
    TrainingWorker *worker = mWorker;
    emit statusMessage(tr("Saving %1…").arg(name), 0);
    QMetaObject::invokeMethod(
        worker, [worker, absolutePath] { worker->saveCheckpoint(absolutePath); },
        Qt::QueuedConnection);
    return true;
}

void TrainingController::onCheckpointSaved(const QString &path, qint64 step)
{
    mCheckpointPath = path;
    mSavedStep = std::max(mSavedStep, long(step));
    noteCheckpoint(path, long(step));
    StudioSettings settings;
    settings.addRecentCheckpoint(path);
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    emit checkpointSaved(path, step);
}

void TrainingController::noteCheckpoint(const QString &path, long step)
{
    if (step >= mStepFileStep) {
        mStepFile = path;
        mStepFileStep = step;
    }
}
