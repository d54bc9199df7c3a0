#include "widgets/unavailablestack.h"

#include <QLabel>
#include <QVBoxLayout>

#include "widgets/notelabel.h"

UnavailableStack::UnavailableStack(QWidget *owner)
    : QStackedWidget(owner)
    , mNote(makeNoteLabel(this))
{
    mNote->setAlignment(Qt::AlignCenter);
    addWidget(mNote);
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(this);
}

void UnavailableStack::setPage(QWidget *page)
{
    addWidget(page);
}

void UnavailableStack::showAvailable(bool available, const QString &reason)
{
    setCurrentIndex(available ? 1 : 0);
    mNote->setText(available ? QString() : reason);
}
