// presenterkeys.h — window-wide keys for teaching: Space plays or pauses
// (running: Pause; paused: Resume; idle: Continue the session when it can,
// else Train a new one from the form), → steps once (paused: one step of every
// network, TrainingController::stepOnce; running: pauses first). The keys go
// through the window's own actions, so a disabled action does nothing.
//
// Keys stay with the widget that uses them: text fields, spin and combo
// boxes, sliders, lists, text views and the studio's own focusable widgets
// (classes not from Qt, like the timeline strip) keep Space and →, a tab bar
// keeps →; a focused button
// keeps Space unless presenter mode is on. Autorepeat steps, but never
// toggles play/pause.
//
// Ownership: a QObject child of the window, filtering the application's key
// presses for that window only; borrows the controller and actions.
// Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QKeyEvent;
class QWidget;
class TrainingController;

class PresenterKeys : public QObject
{
    Q_OBJECT

public:
    struct Actions
    {
        QAction *train = nullptr;
        QAction *continueRun = nullptr;
        QAction *pause = nullptr;
        QAction *resume = nullptr;
    };

    PresenterKeys(QWidget *window, TrainingController *controller, Actions actions,
                  QObject *parent = nullptr);
    ~PresenterKeys() override;

    void setPresenterMode(bool on) { mPresenter = on; }

    // What the keys do, also for tests: true when something was triggered.
    bool playPause();
    bool stepOnce();

    // Whether `focus` keeps `key` for itself (see above).
    static bool widgetKeepsKey(const QWidget *focus, int key, bool presenter);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *mWindow;
    TrainingController *mController;
    Actions mActions;
    bool mPresenter = false;
};
