#include "playground/playgroundplot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

PlaygroundPlot::PlaygroundPlot(int layerCount, const QString &objectName, QWidget *parent)
    : QWidget(parent)
    , mPlot(new QCustomPlot(this))
    , mShow(size_t(layerCount), true)
    , mCount(size_t(layerCount), 0)
{
    mPlot->setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mPlot);
}

QPen PlaygroundPlot::gridPen()
{
    return QPen(QColor(0, 0, 0, 28), 0, Qt::DotLine);
}

void PlaygroundPlot::placeLegend()
{
    mPlot->legend->setVisible(true);
    mPlot->legend->setBrush(QColor(255, 255, 255, 220));
    mPlot->legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    mPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
}

void PlaygroundPlot::createPlaceholder()
{
    mPlaceholder = new QCPItemText(mPlot);
    mPlaceholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    mPlaceholder->position->setCoords(0.5, 0.5);
    mPlaceholder->setPositionAlignment(Qt::AlignCenter);
    mPlaceholder->setColor(QColor(0x55, 0x55, 0x55));
    mPlaceholder->setBrush(QColor(255, 255, 255, 210));
    mPlaceholder->setPadding(QMargins(10, 8, 10, 8));
}

void PlaygroundPlot::showPlaceholder(const QString &text)
{
    mPlaceholder->setText(text);
    mPlaceholder->setVisible(!text.isEmpty());
}

void PlaygroundPlot::showInLegend(QCPAbstractPlottable *plottable, bool shown)
{
    plottable->setVisible(shown);
    if (shown)
        plottable->addToLegend();
    else
        plottable->removeFromLegend();
    updateLegendVisibility();
}

void PlaygroundPlot::updateLegendVisibility()
{
    mPlot->legend->setVisible(mPlot->legend->itemCount() > 0);
}

void PlaygroundPlot::replot()
{
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}
