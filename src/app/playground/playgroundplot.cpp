#include "playground/playgroundplot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace playgroundplot {

QCustomPlot *createPlot(QWidget *owner, const QString &objectName)
{
    auto *plot = new QCustomPlot(owner);
    plot->setObjectName(objectName);
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    return plot;
}

QPen gridPen()
{
    return QPen(QColor(0, 0, 0, 28), 0, Qt::DotLine);
}

void placeLegend(QCustomPlot *plot)
{
    plot->legend->setVisible(true);
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
}

QCPItemText *createPlaceholder(QCustomPlot *plot)
{
    auto *text = new QCPItemText(plot);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.5, 0.5);
    text->setPositionAlignment(Qt::AlignCenter);
    text->setColor(QColor(0x55, 0x55, 0x55));
    text->setBrush(QColor(255, 255, 255, 210));
    text->setPadding(QMargins(10, 8, 10, 8));
    return text;
}

void showInLegend(QCustomPlot *plot, QCPAbstractPlottable *plottable, bool shown)
{
    plottable->setVisible(shown);
    if (shown)
        plottable->addToLegend();
    else
        plottable->removeFromLegend();
    plot->legend->setVisible(plot->legend->itemCount() > 0);
}

} // namespace playgroundplot
