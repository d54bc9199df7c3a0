// evalseries.h — the loss plot's evaluation curves: metrics a run evaluates at
// an interval on held-out data (names starting with "test_", such as the
// test-set bits/dim of likelihood models) or on a fixed training subset
// ("eval_", such as the RBM's training free energy), drawn as marked lines over the
// training curves of LossPanel. Generic: any metric so named is drawn, in the
// order it first arrives.
//
// Ownership: owned by the LossPanel; its graphs belong to the panel's plot and
// are rebuilt after the panel clears the plot's graphs. Thread affinity: GUI
// thread. Failure modes: non-finite values are skipped.
#pragma once

#include <QMap>
#include <QStringList>
#include <QVector>

class QCustomPlot;
class QCPGraph;

class EvalSeries
{
public:
    explicit EvalSeries(QCustomPlot *plot);

    static bool isEvalMetric(const QString &name);
    // Adds the evaluation metrics among `names` at `step`; true when any was added.
    bool append(double step, const QStringList &names, const QVector<double> &values);
    void rebuild(); // after the plot's graphs were cleared: draw the stored points again
    void reset();   // a new session: forget every point

    QStringList names() const { return mOrder; }
    int pointCount(const QString &name) const;
    double lastValue(const QString &name) const; // NaN when none
    QVector<QCPGraph *> graphs() const;

private:
    QCPGraph *graphFor(const QString &name);

    QCustomPlot *mPlot;
    QStringList mOrder;
    QMap<QString, QVector<QPair<double, double>>> mPoints;
    QMap<QString, QCPGraph *> mGraphs;
};
