#include "explore/map/latentmapplot.h"

#include <QLabel>
#include <QPainter>

#include <algorithm>

namespace {
constexpr int kCardScale = 3;
constexpr int kPointSize = 5;
const QString kDecodesLayer = QStringLiteral("decodes");
const QString kPickLayer = QStringLiteral("pick");
} // namespace

LatentMapPlot::LatentMapPlot(QWidget *parent)
    : QCustomPlot(parent)
    , mCard(new QLabel(this))
{
    setObjectName(QStringLiteral("latentMapPlot"));
    setMinimumSize(300, 300);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    addLayer(kDecodesLayer, layer(QStringLiteral("grid")), QCustomPlot::limBelow);
    addLayer(kPickLayer, layer(QStringLiteral("main")), QCustomPlot::limAbove);
    xAxis->grid()->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0));
    yAxis->grid()->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0));
    legend->setVisible(false);
    legend->setBrush(QColor(255, 255, 255, 225));
    legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    // The legend sits right of the plane, never on top of the points.
    axisRect()->insetLayout()->take(legend);
    auto *legendColumn = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, legendColumn);
    legendColumn->setMargins(QMargins(0, 12, 8, 0));
    legendColumn->addElement(0, 0, legend);
    legendColumn->addElement(1, 0, new QCPLayoutElement(this)); // pushes the legend up
    legendColumn->setRowStretchFactor(0, 0.001);
    plotLayout()->setColumnStretchFactor(1, 0.001);

    mPickGraph = addGraph();
    mPickGraph->setName(tr("picked point"));
    mPickGraph->setLayer(kPickLayer);
    mPickGraph->setLineStyle(QCPGraph::lsNone);
    mPickGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, 2), Qt::NoBrush, 16));
    mPickGraph->removeFromLegend();
    mGridPixmap = new QCPItemPixmap(this);
    mGridPixmap->setLayer(kDecodesLayer);
    mGridPixmap->setScaled(true, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    mGridPixmap->setSelectable(false);
    mGridPixmap->setVisible(false);
    mCard->setFrameShape(QFrame::Box);
    mCard->setAttribute(Qt::WA_TransparentForMouseEvents);
    mCard->hide();

    connect(this, &QCustomPlot::mouseMove, this, &LatentMapPlot::onMouseMove);
    connect(this, &QCustomPlot::mousePress, this,
            [this](QMouseEvent *event) { mPressPixel = event->position(); });
    connect(this, &QCustomPlot::mouseRelease, this, &LatentMapPlot::onMouseRelease);
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] {
        fitPoints();
        replot(rpQueuedReplot);
    });
    connect(xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &LatentMapPlot::planeChanged);
    connect(yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &LatentMapPlot::planeChanged);
}

QColor LatentMapPlot::classColor(int label)
{
    static const QColor kColors[] = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf)};
    return label >= 0 ? kColors[label % 10] : QColor(0x40, 0x40, 0x40);
}

void LatentMapPlot::setPoints(const QVector<QPointF> &points, const QVector<int> &labels,
                              const QStringList &classNames)
{
    mPoints = points;
    int classes = int(classNames.size());
    for (int label : labels)
        classes = std::max(classes, label + 1);
    // One graph per class and a last one for unlabelled points.
    while (mClassGraphs.size() < classes + 1) {
        QCPGraph *graph = addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        mClassGraphs << graph;
    }
    QVector<QVector<double>> keys(mClassGraphs.size());
    QVector<QVector<double>> values(mClassGraphs.size());
    for (int p = 0; p < points.size(); ++p) {
        const int label = labels.value(p, -1);
        const int graph = label >= 0 ? label : classes;
        keys[graph] << points[p].x();
        values[graph] << points[p].y();
    }
    for (int g = 0; g < mClassGraphs.size(); ++g) {
        QCPGraph *graph = mClassGraphs[g];
        QColor color = classColor(g < classes ? g : -1);
        const bool overGrid = mGridPixmap->visible();
        color.setAlpha(overGrid ? 150 : 255);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color,
                                               overGrid ? kPointSize - 1 : kPointSize));
        graph->setData(keys[g], values[g]);
        graph->setName(g < classNames.size() ? classNames[g]
                       : g < classes         ? tr("class %1").arg(g)
                                             : tr("unlabelled"));
    }
    legend->clearItems(); // in class order, only classes with points
    for (QCPGraph *graph : mClassGraphs) {
        if (!graph->data()->isEmpty())
            graph->addToLegend();
    }
    legend->setVisible(!points.isEmpty());
    if (!points.isEmpty())
        fitPoints();
    replot(rpQueuedReplot);
}

void LatentMapPlot::fitPoints()
{
    rescaleAxes();
    xAxis->scaleRange(1.1);
    yAxis->scaleRange(1.1);
    // The same scale on both axes, so distances in the plane look like distances.
    const QRect area = axisRect()->rect();
    if (area.width() < 10 || area.height() < 10)
        return;
    const double unitsPerPixel = std::max(xAxis->range().size() / area.width(),
                                          yAxis->range().size() / area.height());
    xAxis->setRange(xAxis->range().center(), unitsPerPixel * area.width(), Qt::AlignCenter);
    yAxis->setRange(yAxis->range().center(), unitsPerPixel * area.height(), Qt::AlignCenter);
}

QStringList LatentMapPlot::legendNames() const
{
    QStringList names;
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
            names << item->plottable()->name();
    }
    return names;
}

int LatentMapPlot::nearestPoint(const QPointF &pixel, double radius) const
{
    int best = -1;
    double bestDistance = radius * radius;
    for (int p = 0; p < mPoints.size(); ++p) {
        const double dx = xAxis->coordToPixel(mPoints[p].x()) - pixel.x();
        const double dy = yAxis->coordToPixel(mPoints[p].y()) - pixel.y();
        if (dx * dx + dy * dy <= bestDistance) {
            bestDistance = dx * dx + dy * dy;
            best = p;
        }
    }
    return best;
}

void LatentMapPlot::showCard(const QPointF &pixel, const QImage &image, const QString &text,
                             int label)
{
    const QSize imageSize = image.size() * kCardScale;
    const QFontMetrics metrics = fontMetrics();
    const int textHeight = metrics.height() + 4;
    const int cardWidth = std::max(imageSize.width(), metrics.horizontalAdvance(text) + 10);
    QImage card(cardWidth, imageSize.height() + textHeight, QImage::Format_RGB32);
    card.fill(Qt::white);
    QPainter painter(&card);
    painter.drawImage(QRect(QPoint((cardWidth - imageSize.width()) / 2, 0), imageSize), image);
    painter.setPen(classColor(label).darker(140));
    painter.drawText(QRect(0, imageSize.height(), cardWidth, textHeight), Qt::AlignCenter, text);
    painter.end();
    mCard->setPixmap(QPixmap::fromImage(card));
    mCard->adjustSize();
    QPoint at = pixel.toPoint() + QPoint(14, 14);
    if (at.x() + mCard->width() > width())
        at.rx() = int(pixel.x()) - 14 - mCard->width();
    if (at.y() + mCard->height() > height())
        at.ry() = int(pixel.y()) - 14 - mCard->height();
    mCard->move(at);
    mCard->show();
    mCard->raise();
}

void LatentMapPlot::hideCard()
{
    mCard->hide();
}

bool LatentMapPlot::cardVisible() const
{
    return mCard->isVisible();
}

void LatentMapPlot::setPick(const QPointF &position)
{
    mPickGraph->data()->clear();
    mPickGraph->addData(position.x(), position.y());
    replot(rpQueuedReplot);
}

void LatentMapPlot::clearPick()
{
    mPickGraph->data()->clear();
    replot(rpQueuedReplot);
}

void LatentMapPlot::setGridImage(const QImage &image, const QRectF &plane)
{
    mGridPixmap->setPixmap(QPixmap::fromImage(image));
    mGridPixmap->topLeft->setCoords(plane.topLeft());
    mGridPixmap->bottomRight->setCoords(plane.bottomRight());
    replot(rpQueuedReplot);
}

void LatentMapPlot::setGridVisible(bool on)
{
    mGridPixmap->setVisible(on);
    // Over decoded images the points are smaller and see-through.
    for (int g = 0; g < mClassGraphs.size(); ++g) {
        QCPScatterStyle style = mClassGraphs[g]->scatterStyle();
        QColor color = style.pen().color();
        color.setAlpha(on ? 150 : 255);
        style.setPen(QPen(color));
        style.setBrush(color);
        style.setSize(on ? kPointSize - 1 : kPointSize);
        mClassGraphs[g]->setScatterStyle(style);
    }
    replot(rpQueuedReplot);
}

QRectF LatentMapPlot::visiblePlane() const
{
    return QRectF(QPointF(xAxis->range().lower, yAxis->range().upper),
                  QPointF(xAxis->range().upper, yAxis->range().lower));
}

void LatentMapPlot::onMouseMove(QMouseEvent *event)
{
    if (event->buttons() != Qt::NoButton) {
        hideCard(); // dragging the plane
        return;
    }
    emit hovered(nearestPoint(event->position(), 10.0), event->position());
}

void LatentMapPlot::onMouseRelease(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton
        || (event->position() - mPressPixel).manhattanLength() > 4)
        return; // that was a drag
    if (!axisRect()->rect().contains(event->position().toPoint()))
        return;
    emit clicked(QPointF(xAxis->pixelToCoord(event->position().x()),
                         yAxis->pixelToCoord(event->position().y())));
}
