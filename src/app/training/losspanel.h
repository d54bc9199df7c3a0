// losspanel.h — the live loss plot: one curve per loss name over the training
// step, smoothed with a debiased exponential moving average (the raw values
// stay visible as faint traces), with a legend (click an entry to hide or show
// its curve), a logarithmic y axis so losses of very different size stay
// readable, autoscale, and a "follow" mode that keeps the newest data in view.
// Dragging or zooming the plot turns follow off; a double click turns it on.
// Metrics evaluated on held-out data (test bits/dim) join as marked lines.
//
// Ownership: owns its QCustomPlot and the series data. Thread affinity: GUI
// thread; points arrive from the GUI's drain timer, never from the worker.
// While hidden it stores points and fits the axes; drawing waits until it is shown.
// Failure modes: NaN/infinite values leave a gap; values <= 0 switch the log
// axis back to linear and say so through notice().
#pragma once

#include <QSharedPointer>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <vector>

#include "training/evalseries.h"
#include "training/lossbuffer.h"

class QCheckBox;
class QLabel;
class QMouseEvent;
class QSlider;
class QToolButton;
class QCustomPlot;
class QCPGraph;
class QCPItemLine;
class QCPItemText;
class QCPLegend;
class LossAxisTicker;
class QCPAbstractLegendItem;

class LossPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LossPanel(QWidget *parent = nullptr);

    // Starts over with one curve per name (total first).
    void setSeries(const QStringList &names);
    QStringList seriesNames() const { return mNames; }
    void clear(); // drops the points, keeps the series

    void appendPoints(const std::vector<LossPoint> &points);
    // Metrics of the run at a step; those evaluated on held-out data
    // ("test_…", EvalSeries) are drawn with the losses. clear() forgets them.
    void appendMetrics(qint64 step, const QStringList &names, const QVector<double> &values);
    const EvalSeries &evalSeries() const { return mEval; }

    int pointCount() const { return mSteps.size(); }
    // "step,<name>,…" then one line per logged step with the raw values.
    QByteArray toCsv() const;
    std::vector<LossPoint> points() const; // every logged step, raw values (session files)
    double lastStep() const { return mSteps.isEmpty() ? 0.0 : mSteps.last(); }
    QCustomPlot *plot() const { return mPlot; }

    double smoothing() const { return mSmoothing; }
    void setSmoothing(double smoothing); // 0 (raw) … 0.99
    bool logScale() const { return mLogScale; }
    void setLogScale(bool on);
    bool follow() const { return mFollow; }
    void setFollow(bool on);

public slots:
    void autoscale();

signals:
    void notice(const QString &message);
    void viewOptionsChanged(); // smoothing or scale, for the settings

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Series
    {
        QCPGraph *raw = nullptr;
        QCPGraph *smooth = nullptr;
        QVector<double> values;
        QVector<double> smoothed;
        double accumulator = 0; // EMA state
        int count = 0;          // finite values seen, for the debiasing
        bool visible = true;    // toggled from the legend
    };

    double smoothNext(Series &series, double value) const;
    void recomputeSmoothing();
    void fitView();
    void updateReadout(int index);
    void replot();
    void onMouseMove(QMouseEvent *event);
    void onLegendClick(QCPLegend *legend, QCPAbstractLegendItem *item, QMouseEvent *event);
    void userMovedView();

    QCustomPlot *mPlot;
    QSlider *mSmoothingSlider;
    QLabel *mSmoothingLabel;
    QCheckBox *mLogCheck;
    QCheckBox *mFollowCheck;
    QToolButton *mAutoscaleButton;
    QLabel *mReadout;
    QCPItemLine *mCursor = nullptr;
    QCPItemText *mPlaceholder = nullptr;
    QSharedPointer<LossAxisTicker> mTicker;

    QStringList mNames;
    QVector<double> mSteps;
    std::vector<Series> mSeries;
    EvalSeries mEval;
    double mSmoothing = 0.6;
    bool mLogScale = true;
    bool mFollow = true;
    // While hidden (another tab in front) new points are kept and the axes
    // follow, but nothing is drawn: drawing tens of thousands of points every
    // 40 ms on the GUI thread grew with the run (bench/soak.sh); one replot when shown.
    bool mReplotWhenShown = false;
};
