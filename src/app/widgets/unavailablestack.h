// unavailablestack.h — an explorer view's content behind the sentence that
// says why it is unavailable: a stacked widget holding a centred note label
// (shown while the model lacks what the view needs) and the view's page,
// filling its owner without margins.
//
// Ownership: a child of `owner`, which it lays out; the note and the page are
// its children. Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include <QStackedWidget>

class QLabel;

class UnavailableStack : public QStackedWidget
{
public:
    // Gives `owner` a margin-free layout holding this stack, the note in front.
    explicit UnavailableStack(QWidget *owner);

    QLabel *note() const { return mNote; }
    // The view's page, shown by showAvailable(true); call once.
    void setPage(QWidget *page);
    // The page when available, else the note saying `reason`.
    void showAvailable(bool available, const QString &reason);

private:
    QLabel *mNote;
};
