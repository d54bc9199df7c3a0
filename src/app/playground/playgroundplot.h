// playgroundplot.h — the base of the playground's two plots (PlanePlot, 2-D,
// and DensityPlot, 1-D): the QCustomPlot filling the widget, the dotted grid,
// the legend in the top-left corner, the placeholder text in the middle of the
// axis rect, the per-layer "shown" switches and item counts, the legend
// following which layers are shown, and the queued replot.
//
// Ownership: owns its QCustomPlot (a child widget) and the placeholder item.
// Thread affinity: GUI thread; replots with rpQueuedReplot, so several calls
// per frame cost one paint. Failure modes: none.
#pragma once

#include <QPen>
#include <QString>
#include <QWidget>

#include <vector>

class QCPAbstractPlottable;
class QCPItemText;
class QCustomPlot;

class PlaygroundPlot : public QWidget
{
    Q_OBJECT

public:
    QCustomPlot *plot() const { return mPlot; }
    bool hasView() const { return mHasView; }

protected:
    // A plot named `objectName` with `layerCount` layers, all switched on.
    PlaygroundPlot(int layerCount, const QString &objectName, QWidget *parent);

    static QPen gridPen(); // the faint dotted pen of the grid lines
    void placeLegend();    // visible, translucent white, top-left corner
    // Creates mPlaceholder: hidden text centred in the axis rect.
    void createPlaceholder();
    // Shows `text` in the middle of the plot; an empty text hides it.
    void showPlaceholder(const QString &text);
    // Shows or hides a layer and its legend entry; the legend hides when empty.
    void showInLegend(QCPAbstractPlottable *plottable, bool shown);
    void updateLegendVisibility();
    void replot();

    bool layerSwitchedOn(int layer) const { return mShow[layer]; }
    int shownItems(int layer) const { return mShow[layer] ? mCount[layer] : 0; }

    QCustomPlot *mPlot;
    QCPItemText *mPlaceholder = nullptr;
    bool mHasView = false;
    std::vector<bool> mShow; // per layer: switched on by the user
    std::vector<int> mCount; // per layer: items drawn (0: absent)
};
