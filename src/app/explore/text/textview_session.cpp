// textview_session.cpp — the Text view's part of a session file: the prompt, temperature, top-k, top-p, seed and length.
// They are applied at once and again when the view's next model comes
// (explore/controlstate.h), since a model sets some of their ranges and choices.
#include "explore/text/textview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>

QJsonObject TextView::sessionState() const
{
    return ControlState::save(sessionControls());
}

void TextView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
}

QList<QWidget *> TextView::sessionControls() const
{
    return {mPrompt, mTemperature, mTopK, mTopP, mSeed, mLength};
}
