// plotstyle.h — one style for every QCustomPlot of the studio: line widths and
// axis fonts scaled for a projector (StudioLook's presenter factors), and, for
// plots that opt in with followPalette(), background, axes, grid and legend in
// the palette's colours so a plot stays readable on a dark desktop.
//
// PlotStyler watches the application for plots being shown and restyles each
// one just before it replots, so curves added later (a new session's series)
// get the same widths; the widths a view chose are kept as the base
// ("gsBaseWidth" property) and multiplied, never compounded.
//
// Ownership: PlotStyler is a QObject (the StudioLook owns it) filtering the
// application's events. Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include <QObject>

class QCustomPlot;

namespace PlotStyle {

// Marks `plot` to take the palette's colours (the loss plot does).
void followPalette(QCustomPlot *plot);
bool followsPalette(const QCustomPlot *plot);

// Applies the widths × lineScale, fonts × fontScale and (if the plot follows
// the palette) the colours of plot->palette(). Idempotent.
void apply(QCustomPlot *plot, double lineScale, double fontScale);

} // namespace PlotStyle

class PlotStyler : public QObject
{
    Q_OBJECT

public:
    explicit PlotStyler(QObject *parent = nullptr);
    ~PlotStyler() override;

    void setScales(double lineScale, double fontScale); // restyles every plot seen so far
    double lineScale() const { return mLineScale; }
    double fontScale() const { return mFontScale; }
    void restyleAll();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void hook(QCustomPlot *plot);
    double mLineScale = 1.0;
    double mFontScale = 1.0;
};
