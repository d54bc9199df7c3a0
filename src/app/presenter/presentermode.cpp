#include "presenter/presentermode.h"

#include <QAction>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include "presenter/studiolook.h"
#include "support/studiosettings.h"
#include "widgets/advancedcontrol.h"

PresenterMode::PresenterMode(QWidget *window, StudioLook *look, QObject *parent)
    : QObject(parent)
    , mWindow(window)
    , mLook(look)
{
    mAction = new QAction(tr("&Presenter Mode"), this);
    mAction->setObjectName(QStringLiteral("presenterModeAction"));
    mAction->setCheckable(true);
    mAction->setShortcut(QKeySequence(Qt::Key_F5));
    mAction->setShortcutContext(Qt::WindowShortcut);
    mAction->setToolTip(tr("For a projector: larger fonts and lines, high contrast, advanced "
                           "controls hidden; Space plays or pauses, → steps once (F5)"));
    connect(mAction, &QAction::toggled, this, &PresenterMode::setOn);
    // The saved choice, once the window has all its widgets.
    QTimer::singleShot(0, this, [this] { setOn(StudioSettings().presenterMode()); });
}

void PresenterMode::setOn(bool on)
{
    if (mAction->isChecked() != on) {
        mAction->setChecked(on); // comes back here through toggled
        return;
    }
    StudioSettings().setPresenterMode(on);
    if (on == mOn)
        return;
    mOn = on;
    mLook->setPresenter(on);
    if (on)
        hideAdvanced();
    else
        showAdvanced();
    emit toggled(on);
}

void PresenterMode::hideAdvanced()
{
    const QList<QWidget *> widgets = mWindow->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!isAdvanced(widget))
            continue;
        widget->installEventFilter(this);
        if (!widget->isHidden()) {
            mHidden << widget;
            widget->hide();
        }
    }
}

void PresenterMode::showAdvanced()
{
    const QList<QPointer<QWidget>> hidden = std::exchange(mHidden, {});
    for (const QPointer<QWidget> &widget : hidden) {
        if (widget)
            widget->show();
    }
    const QList<QWidget *> widgets = mWindow->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (isAdvanced(widget))
            widget->removeEventFilter(this);
    }
}

QList<QWidget *> PresenterMode::hiddenWidgets() const
{
    QList<QWidget *> list;
    for (const QPointer<QWidget> &widget : mHidden) {
        if (widget && widget->isHidden())
            list << widget;
    }
    return list;
}

bool PresenterMode::eventFilter(QObject *watched, QEvent *event)
{
    if (mOn && event->type() == QEvent::Show) {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (widget && isAdvanced(widget)) {
            if (!mHidden.contains(widget))
                mHidden << widget;
            QPointer<QWidget> guard(widget);
            QTimer::singleShot(0, this, [this, guard] {
                if (guard && mOn)
                    guard->hide();
            });
        }
    }
    return QObject::eventFilter(watched, event);
}
