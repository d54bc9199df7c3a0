// planeplot.h — the playground's 2-D plot (QCustomPlot): the model's score
// field as a heatmap (QCPColorMap with its colour scale), real and generated
// points, the generator manifold (a latent grid pushed through G, drawn as a
// warped mesh of lines) and arrows showing where the generator's loss pushes
// the generated points (or, for diffusion models, the predicted score on a
// grid, PlaneView::push_from) and faint trajectories from noise to data.
// Every layer can be hidden. In drawing mode clicks and
// drags add points to a user-drawn distribution (right button erases).
//
// Ownership: owns (through PlaygroundPlot) its QCustomPlot and copies of what
// it draws; setView() does not keep the PlaneView. Thread affinity: GUI
// thread; callers coalesce views
// (it replots with rpQueuedReplot, so several calls per frame cost one paint).
// Failure modes: a view with dims != 2, missing layers or mismatched sizes is
// drawn as far as it is consistent (absent parts are simply not drawn).
#pragma once

#include <QString>

#include <vector>

#include "core/train/train_observer.h"
#include "playground/playgroundplot.h"

class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QCPMarginGroup;
class QMouseEvent;

class PlanePlot : public PlaygroundPlot
{
    Q_OBJECT

public:
    enum class Layer { Real, Fake, Field, Mesh, Arrows, Trajectories };

    explicit PlanePlot(QWidget *parent = nullptr);

    // Draws a 2-D view (replaces the previous one).
    void setView(const gs::PlaneView &view);
    // Removes the view and shows `placeholder` in the middle of the plot.
    void clearView(const QString &placeholder);

    void setLayerVisible(Layer layer, bool visible);
    bool isLayerVisible(Layer layer) const { return layerSwitchedOn(int(layer)); }
    // What is drawn now (0 when the layer is hidden or absent): points for
    // Real/Fake, cells for Field, lines for Mesh, arrows for Arrows, polylines for Trajectories.
    int itemCount(Layer layer) const { return shownItems(int(layer)); }

    // Drawing mode: the axes show the drawing area and the mouse edits points.
    void setDrawingEnabled(bool on);
    bool isDrawingEnabled() const { return mDrawing; }
    const std::vector<float> &drawnPoints() const { return mDrawn; } // x0, y0, x1, y1, …
    void setDrawnPoints(const std::vector<float> &points);
    void clearDrawing();
    // Half width of the square drawing area around the origin, data units.
    static constexpr double kDrawExtent = 3.0;

    // Widget pixel of a data point (for tests that draw with the mouse).
    QPoint pixelFor(double x, double y) const;

signals:
    void drawingChanged(int pointCount);

private:
    void updateField(const gs::PlaneView &view);
    void updateMesh(const gs::PlaneView &view);
    void updateArrows(const gs::PlaneView &view);
    void updateTrajectories(const gs::PlaneView &view);
    void updateDrawingLayer();
    void applyBounds();
    void keepAspect();
    void onMousePress(QMouseEvent *event);
    void onMouseMove(QMouseEvent *event);
    void onMouseRelease(QMouseEvent *event);
    void editAt(const QPointF &pixel, Qt::MouseButtons buttons);

    QCPColorMap *mField = nullptr;
    QCPColorScale *mScale = nullptr;
    QCPMarginGroup *mMargins = nullptr;
    QCPCurve *mMesh = nullptr;
    QCPGraph *mReal = nullptr;
    QCPGraph *mFake = nullptr;
    QCPCurve *mArrows = nullptr;
    QCPCurve *mTrajectories = nullptr;
    QCPGraph *mDrawnGraph = nullptr;

    double mX0 = -kDrawExtent, mX1 = kDrawExtent, mY0 = -kDrawExtent, mY1 = kDrawExtent;

    bool mDrawing = false;
    bool mStroke = false; // a mouse button is down in drawing mode
    QPointF mLastAdded;   // data coordinates of the last point of the stroke
    std::vector<float> mDrawn;
};
