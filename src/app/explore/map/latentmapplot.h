// latentmapplot.h — the plot of the latent map: a QCustomPlot scatter with one
// coloured graph per class (and the legend of class names), a card with the
// source image beside the hovered point, a marker at the picked point and the
// decoded grid as a pixmap under the points. It reports clicks (not drags) in
// plot coordinates, the point under the mouse and changes of the visible plane.
//
// Ownership: owned by the LatentMapView. Thread affinity: GUI thread.
// Failure modes: none; an empty point list shows an empty plane.
#pragma once

#include <QImage>
#include <QPointF>
#include <QVector>

#include <qcustomplot.h>

class QLabel;

class LatentMapPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit LatentMapPlot(QWidget *parent = nullptr);

    static QColor classColor(int label); // label −1: unlabelled

    // Points with class labels (−1: unlabelled) and the names of the classes.
    void setPoints(const QVector<QPointF> &points, const QVector<int> &labels,
                   const QStringList &classNames);
    int pointCount() const { return int(mPoints.size()); }
    QPointF point(int index) const { return mPoints.value(index); }
    QStringList legendNames() const;
    int nearestPoint(const QPointF &pixel, double radius) const; // −1: none

    void showCard(const QPointF &pixel, const QImage &image, const QString &text, int label);
    void hideCard();
    bool cardVisible() const;

    void setPick(const QPointF &position);
    void clearPick();
    void setGridImage(const QImage &image, const QRectF &plane); // topLeft: (x min, y max)
    void setGridVisible(bool on);
    QRectF visiblePlane() const; // topLeft: (x min, y max)
    void fitPoints();            // all points in view, the same scale on both axes

signals:
    void clicked(const QPointF &position); // plot coordinates
    void hovered(int point, const QPointF &pixel); // −1 when no point is near
    void planeChanged();

private:
    void onMouseMove(QMouseEvent *event);
    void onMouseRelease(QMouseEvent *event);

    QVector<QPointF> mPoints;
    QVector<QCPGraph *> mClassGraphs;
    QCPGraph *mPickGraph;
    QCPItemPixmap *mGridPixmap;
    QLabel *mCard;
    QPointF mPressPixel;
};
