#include "widgets/imageview.h"

#include <QPaintEvent>
#include <QPainter>

#include <cmath>

namespace {
constexpr int kMargin = 6;
}

ImageView::ImageView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ImageView::setImage(const QImage &image)
{
    mImage = image;
    update();
}

void ImageView::clear()
{
    mImage = QImage();
    update();
}

void ImageView::setPlaceholderText(const QString &text)
{
    mPlaceholder = text;
    update();
}

QRect ImageView::imageRect() const
{
    if (mImage.isNull())
        return {};
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (area.width() <= 0 || area.height() <= 0)
        return {};
    double scale
        = std::min(double(area.width()) / mImage.width(), double(area.height()) / mImage.height());
    // Whole factors keep every pixel an equal square; close to one, take it.
    // Larger fractional factors are fine (nearest neighbour repeats some rows
    // once more than others, which is invisible at 2× and above).
    if (scale >= 1.0 && (scale < 2.0 || scale - std::floor(scale) < 0.15))
        scale = std::floor(scale);
    const QSize size(std::max(1, int(mImage.width() * scale)),
                     std::max(1, int(mImage.height() * scale)));
    QRect target(QPoint(0, 0), size);
    target.moveCenter(area.center());
    return target;
}

QSize ImageView::sizeHint() const
{
    return QSize(460, 460);
}

QSize ImageView::minimumSizeHint() const
{
    return QSize(120, 120);
}

void ImageView::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Base).darker(115));
    if (mImage.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                         Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
        return;
    }
    const QRect target = imageRect();
    // Nearest neighbour when enlarging; smooth when a big grid must shrink.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, target.width() < mImage.width());
    painter.drawImage(target, mImage);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(target.adjusted(-1, -1, 0, 0));
}
