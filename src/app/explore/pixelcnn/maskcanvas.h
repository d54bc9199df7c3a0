// maskcanvas.h — the test image of the PixelCNN view with the part to hide:
// the bottom half, the right half, or a rectangle painted with the mouse
// (press, drag, release; in image pixels). Hidden pixels are shown tinted.
//
// Ownership: a plain widget owned by its parent; keeps a copy of the image and
// the mask. Thread affinity: GUI thread. Failure modes: none; without an image
// it shows a placeholder and the mask is empty.
#pragma once

#include <QImage>
#include <QRect>
#include <QVector>
#include <QWidget>

class MaskCanvas : public QWidget
{
    Q_OBJECT

public:
    enum class Hide { BottomHalf, RightHalf, Rectangle };

    explicit MaskCanvas(QWidget *parent = nullptr);

    void setImage(const QImage &image); // keeps the mask when the size stays
    QImage image() const { return mImage; }
    void setHide(Hide hide);
    Hide hide() const { return mHide; }
    // The rectangle (image pixels) hidden in Rectangle mode; clipped to the image.
    void setRectangle(const QRect &rect);
    QRect rectangle() const { return mRect; }
    // height × width, 1 where hidden.
    QVector<quint8> mask() const;
    int hiddenCount() const;

    QSize sizeHint() const override { return {224, 224}; }

signals:
    void maskChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QRect target() const; // where the image is drawn (square, centred)
    QPoint imagePoint(const QPoint &widgetPoint) const;

    QImage mImage;
    Hide mHide = Hide::BottomHalf;
    QRect mRect;
    QPoint mDragStart;
    bool mDragging = false;
};
