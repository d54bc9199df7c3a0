// exploreview_training.cpp — everything of ExploreView that talks to the
// TrainingWorker: following the training session, asking for snapshots while
// a run goes on (every kRefreshMs while the tab is shown) and when it ends,
// and catching up when the tab is shown again.
#include "explore/exploreview.h"

#include <QShowEvent>
#include <QTimer>

#include "training/trainingworker.h"

namespace {
constexpr int kSnapshotPatienceMs = 8000; // ask again when no copy came by then
} // namespace

void ExploreView::setTrainingWorker(TrainingWorker *worker)
{
    mTrainingWorker = worker;
    if (!worker)
        return;
    // Snapshot bytes go straight to the exploration worker (thread-safe, newest
    // wins); the GUI thread never holds the copy.
    ExplorationWorker *explorer = mWorker;
    connect(worker, &TrainingWorker::snapshotReady, explorer,
            [explorer](qint64 step, const QByteArray &bytes) {
                explorer->loadSnapshot(step, bytes);
            },
            Qt::DirectConnection);
    connect(worker, &TrainingWorker::sessionReady, this, [this] {
        mHasSession = true;
        mWorker->startNewTrainingSource();
        mStale = true;
        requestSnapshot(true);
    });
    connect(worker, &TrainingWorker::sessionClosed, this, [this] { mHasSession = false; });
    connect(worker, &TrainingWorker::runStarted, this, &ExploreView::onRunStarted);
    connect(worker, &TrainingWorker::runFinished, this, &ExploreView::onRunEnded);
    connect(worker, &TrainingWorker::failed, this, &ExploreView::onRunEnded);
    connect(worker, &TrainingWorker::checkpointSaved, this, [this] { requestSnapshot(false); });
}

bool ExploreView::hasTrainingWorker() const
{
    return !mTrainingWorker.isNull();
}

void ExploreView::onRunStarted()
{
    mTraining = true;
    mRefreshTimer->start();
    requestSnapshot(false);
}

void ExploreView::onRunEnded()
{
    const bool wasTraining = mTraining;
    mTraining = false;
    mRefreshTimer->stop();
    if (wasTraining && mHasSession) {
        mStale = true; // the final weights
        mAwaitingSnapshot = false; // a request of the last step may have gone unanswered
        requestSnapshot(true);
    }
}

void ExploreView::requestSnapshot(bool force)
{
    if (!mTrainingWorker || !mHasSession || !followsTraining())
        return;
    // Only while someone looks; a hidden tab catches up when shown.
    if (!isVisible()) {
        mStale = true;
        return;
    }
    const bool waiting = mAwaitingSnapshot && mLastRequest.isValid()
                         && mLastRequest.elapsed() < kSnapshotPatienceMs;
    if (waiting || (!force && mLastRequest.isValid() && mLastRequest.elapsed() < kRefreshMs / 2))
        return;
    mAwaitingSnapshot = true;
    mStale = false;
    mLastRequest.start();
    ++mSnapshotsRequested;
    // While a run goes on, the trainer answers between two steps. Asking the
    // control object directly (thread-safe) does not also queue an idle-time
    // answer behind the busy worker, which requestSnapshot() would (one more
    // copy of the model after the run for every request made during it).
    if (mTraining)
        mTrainingWorker->control().request_snapshot();
    else
        mTrainingWorker->requestSnapshot();
}

void ExploreView::refreshFromTraining()
{
    if (!mHasSession) {
        showError(tr("There is no training session to copy. Train a model or explore a "
                     "checkpoint file."));
        return;
    }
    setFollowTraining(true);
    mAwaitingSnapshot = false;
    requestSnapshot(true);
}

void ExploreView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (mStale || (mTraining && !mAwaitingSnapshot))
        requestSnapshot(true);
}
