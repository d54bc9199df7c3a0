// densityplot.h — the playground's 1-D plot (QCustomPlot): histograms of real
// and generated samples as densities, the true density curve where the data
// knows it (gmm1d) and the discriminator's D(x) curve on a right-hand axis.
// Every layer can be hidden.
//
// Ownership: owns its QCustomPlot and copies of what it draws; setView() does
// not keep the PlaneView. Thread affinity: GUI thread; replots with
// rpQueuedReplot. Failure modes: a view with dims != 1 shows a placeholder;
// absent parts (no field, no true density) are simply not drawn.
#pragma once

#include <QString>
#include <QWidget>

#include "core/train/train_observer.h"

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemText;

class DensityPlot : public QWidget
{
    Q_OBJECT

public:
    enum class Layer { Real, Fake, Field, Density };
    static constexpr int kBins = 60;

    explicit DensityPlot(QWidget *parent = nullptr);

    void setView(const gs::PlaneView &view);
    void clearView(const QString &placeholder);
    bool hasView() const { return mHasView; }

    void setLayerVisible(Layer layer, bool visible);
    bool isLayerVisible(Layer layer) const;
    // What is drawn now (0 when hidden or absent): bins with samples for the
    // histograms, curve points for Field and Density.
    int itemCount(Layer layer) const;

    QCustomPlot *plot() const { return mPlot; }

private:
    void replot();

    QCustomPlot *mPlot;
    QCPBars *mReal = nullptr;
    QCPGraph *mFake = nullptr;
    QCPGraph *mDensity = nullptr;
    QCPGraph *mField = nullptr;
    QCPItemText *mPlaceholder = nullptr;
    bool mHasView = false;
    bool mShow[4] = {true, true, true, true};
    int mCount[4] = {0, 0, 0, 0};
};
