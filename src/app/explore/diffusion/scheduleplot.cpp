#include "explore/diffusion/scheduleplot.h"

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

namespace {

const QColor kAlphaColour(0x1f, 0x77, 0xb4);
const QColor kSnrColour(0xd6, 0x27, 0x28);

} // namespace

SchedulePlot::SchedulePlot(QWidget *parent)
    : QWidget(parent)
    , mPlot(new QCustomPlot(this))
{
    mPlot->setObjectName(QStringLiteral("diffusionSchedulePlot"));
    mPlot->setMinimumSize(260, 170);
    mPlot->xAxis->setLabel(tr("timestep t"));
    mPlot->yAxis->setLabel(tr("ᾱ_t"));
    mPlot->yAxis->setLabelColor(kAlphaColour);
    mPlot->yAxis->setRange(0, 1.02);
    mPlot->yAxis2->setVisible(true);
    mPlot->yAxis2->setLabel(tr("log SNR"));
    mPlot->yAxis2->setLabelColor(kSnrColour);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    for (QCPAxis *axis : {mPlot->xAxis, mPlot->yAxis, mPlot->yAxis2}) {
        axis->setLabelFont(small);
        axis->setTickLabelFont(small);
    }
    mPlot->addGraph(mPlot->xAxis, mPlot->yAxis)->setPen(QPen(kAlphaColour, 2));
    mPlot->graph(0)->setName(tr("ᾱ_t"));
    mPlot->addGraph(mPlot->xAxis, mPlot->yAxis2)->setPen(QPen(kSnrColour, 1.5, Qt::DashLine));
    mPlot->graph(1)->setName(tr("log SNR"));
    mPlot->legend->setVisible(true);
    mPlot->legend->setFont(small);
    mPlot->legend->setBrush(QColor(255, 255, 255, 215));
    mPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    mCursor = new QCPItemStraightLine(mPlot);
    mCursor->setPen(QPen(QColor(40, 40, 40), 1));
    mLabel = new QCPItemText(mPlot);
    mLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    mLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    mLabel->position->setCoords(0.02, 0.98);
    mLabel->setFont(small);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mPlot);
    clear();
}

void SchedulePlot::setSchedule(const QVector<double> &alphaBar, const QVector<double> &logSnr, const QString &name)
{
    mAlphaBar = alphaBar;
    mLogSnr = logSnr;
    QVector<double> t(alphaBar.size());
    for (int i = 0; i < t.size(); ++i)
        t[i] = i;
    mPlot->graph(0)->setData(t, alphaBar, true);
    mPlot->graph(1)->setData(t, logSnr, true);
    mPlot->xAxis->setRange(0, std::max(1, int(alphaBar.size()) - 1));
    if (!logSnr.isEmpty()) {
        const auto [low, high] = std::minmax_element(logSnr.begin(), logSnr.end());
        mPlot->yAxis2->setRange(std::floor(*low) - 0.5, std::ceil(*high) + 0.5);
    }
    mPlot->xAxis->setLabel(tr("timestep t (%1 schedule, T = %2)").arg(name).arg(alphaBar.size()));
    const int t0 = mCursorT;
    mCursorT = -1;
    setCursor(std::clamp(t0, 0, std::max(0, int(alphaBar.size()) - 1)));
}

void SchedulePlot::clear()
{
    mAlphaBar.clear();
    mLogSnr.clear();
    mPlot->graph(0)->data()->clear();
    mPlot->graph(1)->data()->clear();
    mCursor->setVisible(false);
    mLabel->setText(tr("The noise schedule appears here."));
    mCursorT = -1;
    mPlot->replot();
}

void SchedulePlot::setCursor(int t)
{
    if (mAlphaBar.isEmpty() || t < 0 || t >= mAlphaBar.size()) {
        mCursor->setVisible(false);
        mPlot->replot();
        return;
    }
    if (t == mCursorT)
        return;
    mCursorT = t;
    mCursor->point1->setCoords(t, 0);
    mCursor->point2->setCoords(t, 1);
    mCursor->setVisible(true);
    mLabel->setText(tr("t = %1 · ᾱ_t = %2 · log SNR = %3")
                        .arg(t)
                        .arg(mAlphaBar[t], 0, 'f', 4)
                        .arg(mLogSnr.value(t), 0, 'f', 2));
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}
