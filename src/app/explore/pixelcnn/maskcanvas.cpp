#include "explore/pixelcnn/maskcanvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

MaskCanvas::MaskCanvas(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(140, 140);
    setToolTip(tr("The test image; the tinted part is hidden and completed by the model. "
                  "In rectangle mode, drag to paint the rectangle to hide."));
}

void MaskCanvas::setImage(const QImage &image)
{
    const bool resized = image.size() != mImage.size();
    mImage = image;
    if (resized && !image.isNull())
        mRect = QRect(image.width() / 4, image.height() / 4, image.width() / 2, image.height() / 2);
    update();
    emit maskChanged();
}

void MaskCanvas::setHide(Hide hide)
{
    mHide = hide;
    update();
    emit maskChanged();
}

void MaskCanvas::setRectangle(const QRect &rect)
{
    mRect = rect.normalized().intersected(QRect(QPoint(0, 0), mImage.size()));
    update();
    emit maskChanged();
}

QVector<quint8> MaskCanvas::mask() const
{
    const int w = mImage.width(), h = mImage.height();
    QVector<quint8> m(w * h, 0);
    for (int r = 0; r < h; ++r) {
        for (int c = 0; c < w; ++c) {
            bool hidden = false;
            switch (mHide) {
            case Hide::BottomHalf: hidden = r >= h / 2; break;
            case Hide::RightHalf: hidden = c >= w / 2; break;
            case Hide::Rectangle: hidden = mRect.contains(c, r); break;
            }
            m[r * w + c] = hidden ? 1 : 0;
        }
    }
    return m;
}

int MaskCanvas::hiddenCount() const
{
    const QVector<quint8> m = mask();
    return int(std::count(m.begin(), m.end(), quint8(1)));
}

QRect MaskCanvas::target() const
{
    const int side = std::min(width(), height()) - 4;
    return QRect((width() - side) / 2, (height() - side) / 2, side, side);
}

QPoint MaskCanvas::imagePoint(const QPoint &p) const
{
    const QRect t = target();
    if (mImage.isNull() || t.width() <= 0)
        return {};
    const int x = (p.x() - t.left()) * mImage.width() / t.width();
    const int y = (p.y() - t.top()) * mImage.height() / t.height();
    return {std::clamp(x, 0, mImage.width() - 1), std::clamp(y, 0, mImage.height() - 1)};
}

void MaskCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (mImage.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("The test image appears here."));
        return;
    }
    const QRect t = target();
    p.drawImage(t, mImage);
    const QVector<quint8> m = mask();
    const double sx = double(t.width()) / mImage.width(), sy = double(t.height()) / mImage.height();
    for (int r = 0; r < mImage.height(); ++r)
        for (int c = 0; c < mImage.width(); ++c)
            if (m[r * mImage.width() + c])
                p.fillRect(QRectF(t.left() + c * sx, t.top() + r * sy, sx, sy), QColor(200, 60, 160, 150));
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(t.adjusted(0, 0, -1, -1));
}

void MaskCanvas::mousePressEvent(QMouseEvent *event)
{
    if (mHide != Hide::Rectangle || mImage.isNull() || event->button() != Qt::LeftButton)
        return;
    mDragging = true;
    mDragStart = imagePoint(event->position().toPoint());
    setRectangle(QRect(mDragStart, QSize(1, 1)));
}

void MaskCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!mDragging)
        return;
    const QPoint end = imagePoint(event->position().toPoint());
    setRectangle(QRect(QPoint(std::min(end.x(), mDragStart.x()), std::min(end.y(), mDragStart.y())),
                       QPoint(std::max(end.x(), mDragStart.x()), std::max(end.y(), mDragStart.y()))));
}

void MaskCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (mDragging)
        mouseMoveEvent(event);
    mDragging = false;
}
