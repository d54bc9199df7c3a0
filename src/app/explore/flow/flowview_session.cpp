// flowview_session.cpp — the Flow view's part of a session file: the test image
// sent through the flow, the samples' temperature and their seed. The test
// image and temperature go through ControlState (keyed by object name, applied
// at once and again when the view's next model comes); the seed, whose range
// does not depend on the model, at once through ControlState::seedFrom, so a
// negative, fractional or huge seed is left out.
#include "explore/flow/flowview.h"

#include <QSlider>
#include <QSpinBox>

namespace {
const QString kSeedKey = QStringLiteral("flowSeed");
}

QJsonObject FlowView::sessionState() const
{
    QJsonObject state = ControlState::save(sessionControls());
    state.insert(kSeedKey, double(mSeed->value()));
    return state;
}

void FlowView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
    restoreSeed(state); // its range does not depend on the model
}

QList<QWidget *> FlowView::sessionControls() const
{
    return {mIndex, mTemperature};
}

void FlowView::restoreSeed(const QJsonObject &state)
{
    unsigned long seed = 0;
    if (!ControlState::seedFrom(state.value(kSeedKey), &seed) || seed > static_cast<unsigned long>(mSeed->maximum()))
        return; // left out: the seed shown stays
    mSeed->setValue(int(seed));
}
