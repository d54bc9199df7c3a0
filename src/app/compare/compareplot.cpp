#include "compare/compareplot.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "core/train/run_comparison.h"

namespace {

QVector<double> toVector(const std::vector<double> &v)
{
    return QVector<double>(v.begin(), v.end());
}

QVector<double> graphValues(const QCPGraph *graph, bool keys)
{
    QVector<double> out;
    if (!graph)
        return out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.push_back(keys ? it->key : it->value);
    return out;
}

} // namespace

ComparePlot::ComparePlot(QWidget *parent)
    : QWidget(parent)
    , mPlot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mPlot);
    mPlot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    mPlot->legend->setVisible(true);
    mPlot->legend->setFont(font());
    mPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    mPlot->setMinimumHeight(220);
    rebuild();
}

QColor ComparePlot::runColor(int index)
{
    // Tableau 10: distinct on white and for most colour-blind readers.
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                    QColor(0x17, 0xbe, 0xcf)};
    return colors[index % 10];
}

void ComparePlot::setRuns(const std::vector<gs::RunRecord> &runs)
{
    mRuns = runs;
    rebuild();
}

void ComparePlot::setSeries(const QString &name)
{
    mSeries = name;
    rebuild();
}

void ComparePlot::setSmoothing(double weight)
{
    mSmoothing = std::clamp(weight, 0.0, 0.99);
    rebuild();
}

void ComparePlot::setWallTime(bool on)
{
    mWallTime = on;
    rebuild();
}

int ComparePlot::curveCount() const
{
    int n = 0;
    for (const QCPGraph *g : mSmoothed)
        n += g != nullptr;
    return n;
}

QVector<double> ComparePlot::plottedValues(int index) const
{
    return index >= 0 && index < int(mSmoothed.size()) ? graphValues(mSmoothed[index], false) : QVector<double>();
}

QVector<double> ComparePlot::plottedKeys(int index) const
{
    return index >= 0 && index < int(mSmoothed.size()) ? graphValues(mSmoothed[index], true) : QVector<double>();
}

QVector<double> ComparePlot::rawValues(int index) const
{
    return index >= 0 && index < int(mRaw.size()) ? graphValues(mRaw[index], false) : QVector<double>();
}

QString ComparePlot::xAxisLabel() const
{
    return mPlot->xAxis->label();
}

void ComparePlot::rebuild()
{
    mPlot->clearGraphs();
    mSmoothed.assign(mRuns.size(), nullptr);
    mRaw.assign(mRuns.size(), nullptr);
    mPlot->xAxis->setLabel(mWallTime ? tr("wall time (s)") : tr("step"));
    const gs::Better better = gs::metric_direction(mSeries.toStdString());
    const QString direction = QString::fromLatin1(gs::better_text(better));
    mPlot->yAxis->setLabel(direction.isEmpty() ? mSeries : tr("%1 (%2)").arg(mSeries, direction));
    const std::string series = mSeries.toStdString();
    for (size_t i = 0; i < mRuns.size(); ++i) {
        const gs::RunRecord &run = mRuns[i];
        gs::RunCurve curve = gs::run_curve(run.metrics, series, mWallTime);
        if (curve.x.empty())
            curve = gs::run_curve(run.quality, series, mWallTime);
        if (curve.x.empty())
            continue;
        const QColor color = runColor(int(i));
        QColor faint = color;
        faint.setAlpha(55);
        QCPGraph *raw = mPlot->addGraph();
        raw->setPen(QPen(faint, 1));
        raw->setData(toVector(curve.x), toVector(curve.y), true);
        raw->removeFromLegend();
        QCPGraph *smooth = mPlot->addGraph();
        smooth->setPen(QPen(color, 2));
        smooth->setName(QString::fromStdString(run.name));
        smooth->setData(toVector(curve.x), toVector(gs::ema_smooth(curve.y, mSmoothing)), true);
        if (curve.x.size() == 1) {
            smooth->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
            raw->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        }
        mRaw[i] = raw;
        mSmoothed[i] = smooth;
    }
    mPlot->rescaleAxes();
    mPlot->replot();
}
