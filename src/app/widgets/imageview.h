// imageview.h — shows a small image (a grid of 28×28 samples) as large as the
// widget allows, upscaled nearest-neighbour by a whole factor when possible so
// every pixel stays a crisp square; a placeholder text stands in until then.
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

    // The area the image is drawn into (empty without an image).
    QRect imageRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage mImage;
    QString mPlaceholder;
};
