// timelineview_session.cpp — the Timeline's part of a session file: the step of
// the checkpoint shown. A session's run is listed again when its model comes,
// so the step is kept and selected at the first listing that has a checkpoint
// of that step (tried on two listings, then forgotten); the slider's position
// alone would mean another checkpoint once the run has more. A step that is not
// a whole number from 0 to 2^53 is left out.
#include "explore/timeline/timelineview.h"

#include "explore/controlstate.h"

#include <QJsonObject>

namespace {
const QString kStepKey = QStringLiteral("step");
constexpr int kPendingChances = 2;
} // namespace

QJsonObject TimelineView::sessionState() const
{
    if (mCurrent < 0 || mCurrent >= mListing.marks.size())
        return {};
    return {{kStepKey, double(stepAt(mCurrent))}};
}

void TimelineView::restoreSessionState(const QJsonObject &state)
{
    mPendingStep = -1;
    const QJsonValue value = state.value(kStepKey);
    qint64 v = 0;
    if (!ControlState::wholeNumberFrom(value, 0, qint64(1) << 53, &v))
        return;
    mPendingStep = v;
    mPendingChances = kPendingChances;
    for (int i = 0; i < mListing.marks.size(); ++i) {
        if (mListing.marks[i].step == mPendingStep) { // this run is already listed
            mPendingStep = -1;
            mSelectOpened = false;
            setCurrentIndex(i);
            return;
        }
    }
}

int TimelineView::takePendingStep()
{
    if (mPendingStep < 0)
        return -1;
    for (int i = 0; i < mListing.marks.size(); ++i) {
        if (mListing.marks[i].step == mPendingStep) {
            mPendingStep = -1;
            return i;
        }
    }
    if (--mPendingChances <= 0)
        mPendingStep = -1;
    return -1;
}
