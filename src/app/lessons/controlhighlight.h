// controlhighlight.h — a coloured frame drawn over a control a lesson step
// points at. The frame is a transparent overlay child of the control's window
// (mouse events pass through, so the control stays usable), follows the
// control's place and visibility on a short timer, and goes when deleted.
//
// Ownership: the caller owns the highlight (the lesson pane deletes its
// highlights when the step changes); the overlay widget is a child of the
// target's window and is deleted with the highlight. If the target is
// deleted first the overlay hides. Thread affinity: GUI thread.
// Failure modes: none.
#pragma once

#include <QObject>
#include <QPointer>
#include <QWidget>

class QTimer;

class ControlHighlight : public QObject
{
    Q_OBJECT

public:
    ControlHighlight(QWidget *target, const QString &name, QObject *parent = nullptr);
    ~ControlHighlight() override;

    QWidget *target() const { return mTarget; }
    QWidget *overlay() const { return mOverlay; }
    // Shown over a visible target (false while its tab is hidden).
    bool isShown() const;

private:
    void follow();

    QPointer<QWidget> mTarget;
    QPointer<QWidget> mOverlay;
    QTimer *mTimer;
};
