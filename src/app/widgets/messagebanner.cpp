#include "widgets/messagebanner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , mIcon(new QLabel(this))
    , mText(new QLabel(this))
    , mActionButton(new QToolButton(this))
    , mCloseButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    mText->setObjectName(QStringLiteral("messageBannerText"));
    mText->setWordWrap(true);
    mText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mText->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    mActionButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    mActionButton->hide();
    mCloseButton->setAutoRaise(true);
    mCloseButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    mCloseButton->setToolTip(tr("Dismiss"));
    connect(mCloseButton, &QToolButton::clicked, this, &MessageBanner::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(mIcon, 0, Qt::AlignTop);
    layout->addWidget(mText, 1);
    layout->addWidget(mActionButton, 0, Qt::AlignVCenter);
    layout->addWidget(mCloseButton, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &text, QAction *action)
{
    mKind = kind;
    QColor background;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (kind) {
    case Kind::Information:
        background = QColor(0xdd, 0xea, 0xf7);
        icon = QStyle::SP_MessageBoxInformation;
        break;
    case Kind::Warning:
        background = QColor(0xfc, 0xed, 0xc4);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        background = QColor(0xf6, 0xd3, 0xd3);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    setPalette(pal);
    mIcon->setPixmap(style()->standardIcon(icon).pixmap(24, 24));
    mText->setText(text);
    if (action) {
        mActionButton->setDefaultAction(action);
        mActionButton->show();
    } else {
        mActionButton->hide();
    }
    show();
}

void MessageBanner::dismiss()
{
    mActionButton->hide();
    hide();
}

QString MessageBanner::text() const
{
    return mText->text();
}
