// scheduleplot.h — the noise schedule of a diffusion model as a QCustomPlot:
// ᾱ_t (left axis, 0 … 1) and log SNR = ln(ᾱ_t / (1 − ᾱ_t)) (right axis) over
// t = 0 … T−1, with a vertical cursor at the timestep the scrubber shows.
//
// Ownership: a widget owned by its parent; owns its QCustomPlot. Thread
// affinity: GUI thread. Failure modes: an empty schedule clears the plot.
#pragma once

#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

class SchedulePlot : public QWidget
{
    Q_OBJECT

public:
    explicit SchedulePlot(QWidget *parent = nullptr);

    void setSchedule(const QVector<double> &alphaBar, const QVector<double> &logSnr, const QString &name);
    void clear();
    void setCursor(int t);

    int cursor() const { return mCursorT; }
    int timesteps() const { return int(mAlphaBar.size()); }
    QCustomPlot *plot() const { return mPlot; }

private:
    QCustomPlot *mPlot;
    QCPItemStraightLine *mCursor;
    QCPItemText *mLabel;
    QVector<double> mAlphaBar, mLogSnr;
    int mCursorT = -1;
};
