// rbmview_session.cpp — the Gibbs view's part of a session file: where the
// chains start (noise, a test image, completion), the test image, the number
// of chains, the Gibbs steps per frame, and the AIS runs and temperatures.
// They are applied at once and again when the view's next model comes and
// when its first frame gives the test image its range (explore/controlstate.h).
#include "explore/rbm/rbmview.h"

#include <QComboBox>
#include <QSpinBox>

QJsonObject RbmView::sessionState() const
{
    return ControlState::save(sessionControls());
}

void RbmView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
}

QList<QWidget *> RbmView::sessionControls() const
{
    return {mStart, mTestIndex, mChains, mStepsPerFrame, mAisRuns, mAisTemperatures};
}
