// controlhighlight.cpp — the frame over a highlighted control (controlhighlight.h).
#include "lessons/controlhighlight.h"

#include <QPainter>
#include <QTimer>

namespace {

constexpr int kMargin = 3;

class Frame : public QWidget
{
public:
    explicit Frame(QWidget *parent)
        : QWidget(parent)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setFocusPolicy(Qt::NoFocus);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        QPen pen(QColor(255, 140, 0), kMargin);
        painter.setPen(pen);
        painter.setBrush(QColor(255, 140, 0, 28));
        painter.drawRoundedRect(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5), 4, 4);
    }
};

} // namespace

ControlHighlight::ControlHighlight(QWidget *target, const QString &name, QObject *parent)
    : QObject(parent)
    , mTarget(target)
    , mTimer(new QTimer(this))
{
    mOverlay = new Frame(target->window());
    mOverlay->setObjectName(QStringLiteral("lessonHighlight_") + name);
    mTimer->setInterval(150);
    connect(mTimer, &QTimer::timeout, this, &ControlHighlight::follow);
    mTimer->start();
    follow();
}

ControlHighlight::~ControlHighlight()
{
    delete mOverlay.data();
}

bool ControlHighlight::isShown() const
{
    return mOverlay && mOverlay->isVisible();
}

void ControlHighlight::follow()
{
    if (!mOverlay)
        return;
    if (!mTarget || !mTarget->isVisible() || mTarget->visibleRegion().isEmpty() || mTarget->window() != mOverlay->parentWidget()) {
        mOverlay->hide();
        return;
    }
    QWidget *window = mOverlay->parentWidget();
    const QRect rect(mTarget->mapTo(window, QPoint(0, 0)), mTarget->size());
    mOverlay->setGeometry(rect.adjusted(-kMargin, -kMargin, kMargin, kMargin));
    mOverlay->show();
    mOverlay->raise();
}
