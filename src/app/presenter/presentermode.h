// presentermode.h — the presenter layout: one checkable action (View ▸
// Presenter Mode, F5) that, while on, makes the StudioLook use its presenter
// factors (fonts × 1.5, plot lines × 2, a high-contrast palette) and hides
// every widget of the window marked advanced (widgets/advancedcontrol.h):
// the form's image limit, seed and threads rows and its "Reset to defaults",
// the run folder strip, the Metrics panel beside the plot, the loss plot's
// smoothing/scale controls and the
// status bar's throughput and ETA. Turning it off shows exactly the widgets it
// hid. The choice is remembered (StudioSettings::presenterMode).
//
// A marked widget its owner shows again while presenter mode is on (a form
// rebuilt for another model) is hidden again at once.
//
// Ownership: a QObject child of the window; borrows the window and the look.
// Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class QAction;
class QWidget;
class StudioLook;

class PresenterMode : public QObject
{
    Q_OBJECT

public:
    PresenterMode(QWidget *window, StudioLook *look, QObject *parent = nullptr);

    QAction *action() const { return mAction; }
    bool isOn() const { return mOn; }
    // Applies and remembers the choice (the action follows).
    void setOn(bool on);
    // The marked widgets hidden now (empty when off).
    QList<QWidget *> hiddenWidgets() const;

signals:
    void toggled(bool on);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void hideAdvanced();
    void showAdvanced();

    QWidget *mWindow;
    StudioLook *mLook;
    QAction *mAction = nullptr;
    bool mOn = false;
    QList<QPointer<QWidget>> mHidden;
};
