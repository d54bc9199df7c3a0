// playgroundplot.h — what the playground's two plots (PlanePlot, 2-D, and
// DensityPlot, 1-D) set up alike: the QCustomPlot filling its widget, the
// dotted grid, the legend in the top-left corner, the placeholder text in the
// middle of the axis rect and the legend following which layers are shown.
//
// Ownership: free functions; what they create is owned by the given widget
// or plot. Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include <QPen>
#include <QString>

class QCPAbstractPlottable;
class QCPItemText;
class QCustomPlot;
class QWidget;

namespace playgroundplot {

// A QCustomPlot named `objectName` that fills `owner` (no margins).
QCustomPlot *createPlot(QWidget *owner, const QString &objectName);

// The faint dotted pen of the grid lines.
QPen gridPen();

// The legend: visible, on a translucent white box in the top-left corner.
void placeLegend(QCustomPlot *plot);

// A hidden text item centred in the axis rect (set its text to show it).
QCPItemText *createPlaceholder(QCustomPlot *plot);

// Shows or hides a layer and its legend entry; the legend hides when empty.
void showInLegend(QCustomPlot *plot, QCPAbstractPlottable *plottable, bool shown);

} // namespace playgroundplot
