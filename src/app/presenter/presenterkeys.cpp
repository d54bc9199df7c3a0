#include "presenter/presenterkeys.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTextEdit>

#include "training/trainingcontroller.h"

PresenterKeys::PresenterKeys(QWidget *window, TrainingController *controller, Actions actions,
                             QObject *parent)
    : QObject(parent)
    , mWindow(window)
    , mController(controller)
    , mActions(actions)
{
    qApp->installEventFilter(this);
}

PresenterKeys::~PresenterKeys()
{
    qApp->removeEventFilter(this);
}

namespace {
bool fire(QAction *action)
{
    if (!action || !action->isEnabled())
        return false;
    action->trigger();
    return true;
}
} // namespace

bool PresenterKeys::playPause()
{
    using State = TrainingController::State;
    switch (mController->state()) {
    case State::Running:
        return fire(mActions.pause);
    case State::Paused:
        return fire(mActions.resume);
    case State::Ready:
    case State::NoSession:
        return fire(mActions.continueRun) || fire(mActions.train);
    default:
        return false; // busy or stopping: wait
    }
}

bool PresenterKeys::stepOnce()
{
    using State = TrainingController::State;
    if (mController->state() == State::Paused) {
        mController->stepOnce(0);
        return true;
    }
    if (mController->state() == State::Running)
        return fire(mActions.pause); // the next → steps
    return false;
}

bool PresenterKeys::widgetKeepsKey(const QWidget *focus, int key, bool presenter)
{
    if (!focus)
        return false;
    if (qobject_cast<const QLineEdit *>(focus) || qobject_cast<const QTextEdit *>(focus)
        || qobject_cast<const QPlainTextEdit *>(focus)
        || qobject_cast<const QAbstractSpinBox *>(focus) || qobject_cast<const QComboBox *>(focus)
        || qobject_cast<const QAbstractSlider *>(focus)
        || qobject_cast<const QAbstractItemView *>(focus))
        return true;
    // A spin box's or combo box's own line edit has the focus proxy's parent.
    for (const QWidget *w = focus->parentWidget(); w; w = w->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QComboBox *>(w))
            return true;
        if (w->isWindow())
            break;
    }
    // The studio's own focusable widgets (a timeline strip) handle their
    // keys themselves; Qt's own chrome (buttons, tab bars, plots) does not.
    if (focus != focus->window() && !QByteArray(focus->metaObject()->className()).startsWith('Q'))
        return true;
    if (key == Qt::Key_Right && qobject_cast<const QTabBar *>(focus))
        return true; // the next tab
    if (key == Qt::Key_Space && !presenter && qobject_cast<const QAbstractButton *>(focus))
        return true;
    return false;
}

bool PresenterKeys::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if ((key->key() != Qt::Key_Space && key->key() != Qt::Key_Right)
        || (key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return QObject::eventFilter(watched, event);
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != mWindow)
        return QObject::eventFilter(watched, event); // another window, a dialog
    // The event reaches the focus widget first; act once, there (or at the
    // window when nothing has the focus).
    QWidget *focus = QApplication::focusWidget();
    if (focus ? widget != focus : widget != mWindow)
        return QObject::eventFilter(watched, event);
    if (widgetKeepsKey(focus, key->key(), mPresenter))
        return QObject::eventFilter(watched, event);
    if (key->key() == Qt::Key_Space) {
        if (!key->isAutoRepeat())
            playPause();
    } else {
        stepOnce();
    }
    return true;
}
