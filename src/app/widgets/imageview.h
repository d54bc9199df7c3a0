// imageview.h — shows a small image (a grid of 28×28 samples) as large as the
// widget allows, upscaled nearest-neighbour by a whole factor of DEVICE pixels
// (devicePixelRatio-aware: on a 1.25× or 2× screen every image pixel is still
// an equal square of screen pixels, never smoothed or unevenly repeated), and
// only a grid bigger than the widget shrinks, smoothly. A placeholder text stands in until there is an image.
//
// Ownership: a plain widget, owned by its parent; keeps a shallow QImage copy.
// Thread affinity: GUI thread (images may be built on any thread).
// Failure modes: a null image shows the placeholder.
#pragma once

#include <QImage>
#include <QWidget>

class ImageView : public QWidget
{
    Q_OBJECT

public:
    explicit ImageView(QWidget *parent = nullptr);

    QImage image() const { return mImage; }
    void setImage(const QImage &image);
    void clear();

    QString placeholderText() const { return mPlaceholder; }
    void setPlaceholderText(const QString &text);

    // The area the image is drawn into, in widget coordinates (empty without an image).
    QRect imageRect() const;
    // The image exactly as it is drawn: enlarged to the device pixels of
    // imageRect(), with the widget's devicePixelRatio set (null without an image).
    QImage displayedImage() const;
    // The enlargement of `source` for a `deviceArea` of screen pixels (the
    // rule above): whole factors, nearest neighbour, when enlarging.
    static QImage fitToDevicePixels(const QImage &source, const QSize &deviceArea);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QSize deviceArea() const;
    QRectF imageRectF() const; // on the device's pixel grid

    QImage mImage;
    mutable QImage mDisplayed; // cache of displayedImage()
    mutable qint64 mDisplayedKey = 0;
    mutable QSize mDisplayedArea;
    QString mPlaceholder;
};
