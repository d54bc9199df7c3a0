#include "widgets/imageview.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
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

QSize ImageView::deviceArea() const
{
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (area.width() <= 0 || area.height() <= 0)
        return {};
    const qreal ratio = devicePixelRatioF();
    return QSize(int(std::floor(area.width() * ratio)), int(std::floor(area.height() * ratio)));
}

QImage ImageView::fitToDevicePixels(const QImage &source, const QSize &deviceArea)
{
    if (source.isNull() || deviceArea.isEmpty())
        return {};
    double scale = std::min(double(deviceArea.width()) / source.width(),
                            double(deviceArea.height()) / source.height());
    if (scale >= 1.0)
        scale = std::floor(scale); // every pixel an equal square of screen pixels
    const QSize size(std::max(1, int(source.width() * scale)),
                     std::max(1, int(source.height() * scale)));
    if (size == source.size())
        return source;
    // Nearest neighbour when enlarging; smooth only when a big grid must shrink.
    return source.scaled(size, Qt::IgnoreAspectRatio,
                         scale < 1.0 ? Qt::SmoothTransformation : Qt::FastTransformation);
}

QImage ImageView::displayedImage() const
{
    if (mImage.isNull())
        return {};
    const QSize area = deviceArea();
    if (mDisplayed.isNull() || mDisplayedKey != mImage.cacheKey() || mDisplayedArea != area
        || !qFuzzyCompare(mDisplayed.devicePixelRatio(), devicePixelRatioF())) {
        mDisplayed = fitToDevicePixels(mImage, area);
        if (mDisplayed.cacheKey() == mImage.cacheKey())
            mDisplayed = mImage.copy(); // its own ratio, not the source's
        mDisplayed.setDevicePixelRatio(devicePixelRatioF());
        mDisplayedKey = mImage.cacheKey();
        mDisplayedArea = area;
    }
    return mDisplayed;
}

QRect ImageView::imageRect() const
{
    return imageRectF().toAlignedRect();
}

QRectF ImageView::imageRectF() const
{
    const QImage shown = displayedImage();
    if (shown.isNull())
        return {};
    const QSizeF logical = shown.deviceIndependentSize();
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    // Centred, on whole widget pixels (so imageRect() is exact at whole ratios) …
    const QPointF topLeft(area.left() + std::floor((area.width() - logical.width()) / 2.0),
                          area.top() + std::floor((area.height() - logical.height()) / 2.0));
    // … and on whole device pixels at fractional ratios (1.25×).
    const qreal ratio = devicePixelRatioF();
    const QPointF snapped(std::round(topLeft.x() * ratio) / ratio,
                          std::round(topLeft.y() * ratio) / ratio);
    return QRectF(snapped, logical);
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
    const QImage shown = displayedImage();
    const QRectF target = imageRectF();
    // Already at the device's pixels: drawn 1:1, no painter scaling at all.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target.topLeft(), shown);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(target.toAlignedRect().adjusted(-1, -1, 0, 0));
}
