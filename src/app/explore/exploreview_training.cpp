// exploreview_training.cpp — everything of ExploreView that talks to the
// training session, through the TrainingController: following the training session, asking for snapshots while
// a run goes on (every kRefreshMs while the tab is shown) and when it ends,
// and catching up when the tab is shown again.
#include "explore/exploreview.h"

#include <QShowEvent>
#include <QTimer>

#include "training/trainingcontroller.h"

namespace {
constexpr int kSnapshotPatienceMs = 8000; // ask again when no copy came by then
} // namespace

void ExploreView::setTrainingController(TrainingController *controller)
{
    mTrainingController = controller;
    if (!controller)
        return;
    // Snapshot bytes go straight to the exploration worker (thread-safe, newest
    // wins); the GUI thread never holds the copy.
    ExplorationWorker *explorer = mWorker;
    connect(controller, &TrainingController::snapshotReady, explorer,
            [explorer](qint64 step, const QByteArray &bytes) {
                explorer->loadSnapshot(step, bytes);
            },
            Qt::DirectConnection);
    connect(controller, &TrainingController::sessionReady, this, [this] {
        mHasSession = true;
        mWorker->startNewTrainingSource();
        mStale = true;
        // A request the previous session left unanswered (a run stopped for
        // this one) must not hold back the new model's first snapshot.
        mAwaitingSnapshot = false;
        requestSnapshot(true);
    });
    connect(controller, &TrainingController::sessionClosed, this, [this] { mHasSession = false; });
    connect(controller, &TrainingController::runStarted, this, &ExploreView::onRunStarted);
    connect(controller, &TrainingController::runFinished, this, &ExploreView::onRunEnded);
    connect(controller, &TrainingController::failed, this, &ExploreView::onRunEnded);
    connect(controller, &TrainingController::checkpointSaved, this, [this] { requestSnapshot(false); });
}

QString ExploreView::trainingRunFolder() const
{
    return mTrainingController ? mTrainingController->runFolder() : QString();
}

bool ExploreView::hasTrainingController() const
{
    return !mTrainingController.isNull();
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
    if (!mTrainingController || !mHasSession || !followsTraining())
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
    // The controller asks the trainer between two steps while a run goes on,
    // and the idle worker otherwise.
    mTrainingController->requestSnapshot();
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
