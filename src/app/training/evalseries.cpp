#include "training/evalseries.h"

#include <cmath>

#include <qcustomplot.h>

namespace {
// The first three as before; more for the Metrics panel's evaluations (FID, KID, precision, recall, …).
const QColor kEvalColors[] = {QColor(0x11, 0x11, 0x11), QColor(0x8c, 0x1a, 0x6a), QColor(0x2a, 0x6f, 0x3e),
                              QColor(0xc0, 0x5a, 0x00), QColor(0x1f, 0x4e, 0x9e), QColor(0x9a, 0x7b, 0x00),
                              QColor(0x00, 0x80, 0x80), QColor(0xb0, 0x20, 0x30)};
} // namespace

EvalSeries::EvalSeries(QCustomPlot *plot)
    : mPlot(plot)
{
}

bool EvalSeries::isEvalMetric(const QString &name)
{
    // test_…: held-out images; eval_…: other held-out evaluations (energy models); val_…: the validation text of text models.
    return name.startsWith(QLatin1String("test_")) || name.startsWith(QLatin1String("eval_")) ||
           name.startsWith(QLatin1String("val_"));
}

bool EvalSeries::append(double step, const QStringList &names, const QVector<double> &values)
{
    bool added = false;
    for (int i = 0; i < names.size() && i < values.size(); ++i) {
        if (!isEvalMetric(names[i]) || !std::isfinite(values[i]))
            continue;
        auto &points = mPoints[names[i]];
        if (!points.isEmpty() && step <= points.last().first)
            continue; // from before a restart
        points.append({step, values[i]});
        graphFor(names[i])->addData(step, values[i]);
        added = true;
    }
    return added;
}

QCPGraph *EvalSeries::graphFor(const QString &name)
{
    if (QCPGraph *graph = mGraphs.value(name))
        return graph;
    if (!mOrder.contains(name))
        mOrder << name;
    const QColor color = kEvalColors[mOrder.indexOf(name) % int(std::size(kEvalColors))];
    QCPGraph *graph = mPlot->addGraph();
    graph->setPen(QPen(color, 1.6, Qt::DashLine));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 6));
    // test_… and val_… are measured on held-out data as they are named; eval_… loses its prefix.
    const bool heldOut = name.startsWith(QLatin1String("test_")) || name.startsWith(QLatin1String("val_"));
    graph->setName(heldOut ? name + QObject::tr(" (held out)") : name.mid(5) + QObject::tr(" (evaluated)"));
    mGraphs.insert(name, graph);
    return graph;
}

void EvalSeries::rebuild()
{
    mGraphs.clear(); // the plot deleted them
    for (const QString &name : mOrder) {
        QCPGraph *graph = graphFor(name);
        for (const auto &point : mPoints.value(name))
            graph->addData(point.first, point.second);
    }
}

void EvalSeries::reset()
{
    for (QCPGraph *graph : mGraphs)
        mPlot->removeGraph(graph);
    mGraphs.clear();
    mPoints.clear();
    mOrder.clear();
}

int EvalSeries::pointCount(const QString &name) const
{
    return mPoints.value(name).size();
}

double EvalSeries::lastValue(const QString &name) const
{
    const auto points = mPoints.value(name);
    return points.isEmpty() ? qQNaN() : points.last().second;
}

QVector<QCPGraph *> EvalSeries::graphs() const
{
    return QVector<QCPGraph *>(mGraphs.begin(), mGraphs.end());
}
