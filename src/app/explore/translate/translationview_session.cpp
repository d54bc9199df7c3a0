// translationview_session.cpp — the Translation view's part of a session file: the direction (A→B or B→A).
// They are applied at once and again when the view's next model comes
// (explore/controlstate.h), since a model sets some of their ranges and choices.
#include "explore/translate/translationview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>

QJsonObject TranslationView::sessionState() const
{
    return ControlState::save(sessionControls());
}

void TranslationView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
}

QList<QWidget *> TranslationView::sessionControls() const
{
    return {mForward, mBackward};
}
