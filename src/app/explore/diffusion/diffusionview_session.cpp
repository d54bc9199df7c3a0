// diffusionview_session.cpp — the Diffusion view's part of a session file: the timestep scrubber, the sampler, its steps and η, the seed, the count and the test image.
// They are applied at once and again when the view's next model comes
// (explore/controlstate.h), since a model sets some of their ranges and choices.
#include "explore/diffusion/diffusionview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>

QJsonObject DiffusionView::sessionState() const
{
    return ControlState::save(sessionControls());
}

void DiffusionView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
}

QList<QWidget *> DiffusionView::sessionControls() const
{
    return {mTestIndex, mSampler, mSteps, mEta, mSeed, mCount, mSlider};
}
