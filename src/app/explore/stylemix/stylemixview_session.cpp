// stylemixview_session.cpp — the StyleMix view's part of a session file: truncation ψ, the noise switch and the noise seed.
// They are applied at once and again when the view's next model comes
// (explore/controlstate.h), since a model sets some of their ranges and choices.
#include "explore/stylemix/stylemixview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>

QJsonObject StyleMixView::sessionState() const
{
    return ControlState::save(sessionControls());
}

void StyleMixView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
}

QList<QWidget *> StyleMixView::sessionControls() const
{
    return {mPsi, mNoise, mNoiseSeed};
}
