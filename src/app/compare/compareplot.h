// compareplot.h — the compare view's chart: one loss or metric series of
// several runs overlaid, one colour per run (the run list's colour), a legend
// naming the runs, TensorBoard-style smoothing (the smoothed curve solid, the
// raw values faint behind it) and x as the step or the wall time in seconds.
//
// Ownership: owns its QCustomPlot; the runs are copied in. Thread affinity:
// GUI thread. Failure modes: none; a run without the chosen series simply
// has no curve (and no legend entry), NaN cells leave the point out.
#pragma once

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

#include "core/train/run_folder.h"

class QCustomPlot;
class QCPGraph;

class ComparePlot : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePlot(QWidget *parent = nullptr);

    static QColor runColor(int index);

    void setRuns(const std::vector<gs::RunRecord> &runs);
    void setSeries(const QString &name);
    QString series() const { return mSeries; }
    void setSmoothing(double weight); // 0 (raw) … 0.99
    double smoothing() const { return mSmoothing; }
    void setWallTime(bool on);
    bool wallTime() const { return mWallTime; }

    // What is drawn, for tests and the legend: runs that have a curve, and the
    // plotted (smoothed) values and x of run `index` (empty when it has none).
    int curveCount() const;
    QVector<double> plottedValues(int index) const;
    QVector<double> plottedKeys(int index) const;
    QVector<double> rawValues(int index) const;
    QString xAxisLabel() const;
    QCustomPlot *plot() const { return mPlot; }

private:
    void rebuild();

    QCustomPlot *mPlot = nullptr;
    std::vector<gs::RunRecord> mRuns;
    QString mSeries;
    double mSmoothing = 0.6;
    bool mWallTime = false;
    std::vector<QCPGraph *> mSmoothed; // per run (null: no curve)
    std::vector<QCPGraph *> mRaw;
};
