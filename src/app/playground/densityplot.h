// densityplot.h — the playground's 1-D plot (QCustomPlot): histograms of real
// and generated samples as densities, the true density curve where the data
// knows it (gmm1d) and the discriminator's D(x) curve on a right-hand axis.
// Every layer can be hidden.
//
// Ownership: owns (through PlaygroundPlot) its QCustomPlot and copies of what
// it draws; setView() does not keep the PlaneView. Thread affinity: GUI thread;
// replots with rpQueuedReplot. Failure modes: a view with dims != 1 shows a placeholder;
// absent parts (no field, no true density) are simply not drawn.
#pragma once

#include <QString>

#include "core/train/train_observer.h"
#include "playground/playgroundplot.h"

class QCPBars;
class QCPGraph;

class DensityPlot : public PlaygroundPlot
{
    Q_OBJECT

public:
    enum class Layer { Real, Fake, Field, Density };
    static constexpr int kBins = 60;

    explicit DensityPlot(QWidget *parent = nullptr);

    void setView(const gs::PlaneView &view);
    void clearView(const QString &placeholder);

    void setLayerVisible(Layer layer, bool visible);
    bool isLayerVisible(Layer layer) const { return layerSwitchedOn(int(layer)); }
    // What is drawn now (0 when hidden or absent): bins with samples for the
    // histograms, curve points for Field and Density.
    int itemCount(Layer layer) const { return shownItems(int(layer)); }

private:
    QCPBars *mReal = nullptr;
    QCPGraph *mFake = nullptr;
    QCPGraph *mDensity = nullptr;
    QCPGraph *mField = nullptr;
};
