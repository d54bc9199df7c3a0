// messagebanner.h — a coloured strip above the plots for messages the user must
// not miss (a failed run, a NaN pause, a failed save), with an optional action
// button and a close button. Non-modal, so training and tests never block.
//
// Ownership: a plain widget, owned by its parent; the action is borrowed.
// Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;
class QAction;

class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    // Shows `text`; `action` (optional) becomes a button next to it.
    void showMessage(Kind kind, const QString &text, QAction *action = nullptr);
    void dismiss();

    Kind kind() const { return mKind; }
    QString text() const;

private:
    Kind mKind = Kind::Information;
    QLabel *mIcon;
    QLabel *mText;
    QToolButton *mActionButton;
    QToolButton *mCloseButton;
};
