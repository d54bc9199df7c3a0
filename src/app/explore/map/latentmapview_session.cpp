// latentmapview_session.cpp — the LatentMap view's part of a session file: the axes, the number of points, the grid and its cells.
// They are applied at once and again when the view's next model comes
// (explore/controlstate.h), since a model sets some of their ranges and choices.
#include "explore/map/latentmapview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>

QJsonObject LatentMapView::sessionState() const
{
    return ControlState::save(sessionControls());
}

void LatentMapView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
}

QList<QWidget *> LatentMapView::sessionControls() const
{
    return {mXAxis, mYAxis, mPoints, mGrid, mGridCells};
}
