#include "playground/planeplot.h"

#include <QMouseEvent>

#include <algorithm>
#include <cmath>
#include <limits>

#include <qcustomplot.h>

#include "playground/playgroundcolors.h"
#include "playground/playgroundplot.h"

namespace {

constexpr int kMaxArrows = 160;          // arrows on a subset of the fixed generated points
constexpr double kArrowLength = 0.085;   // longest arrow, as a share of the view
constexpr double kArrowHead = 0.35;      // head length, as a share of the arrow
constexpr double kArrowHeadAngle = 0.45; // radians
constexpr double kDrawSpacing = 0.1;     // data units between points of a stroke
constexpr double kEraseRadius = 0.25;    // data units
constexpr size_t kMaxDrawnPoints = 1500;

int index(PlanePlot::Layer layer)
{
    return int(layer);
}

void addGap(QVector<QCPCurveData> &data)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    data.append(QCPCurveData(data.size(), nan, nan));
}

void addPoint(QVector<QCPCurveData> &data, double x, double y)
{
    data.append(QCPCurveData(data.size(), x, y));
}

QCPGraph *scatterGraph(QCustomPlot *plot, const QColor &color, double size, const QString &name)
{
    auto *graph = new QCPGraph(plot->xAxis, plot->yAxis);
    graph->setLineStyle(QCPGraph::lsNone);
    QColor fill = color;
    fill.setAlpha(170);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, fill, size));
    graph->setAdaptiveSampling(false); // every point is drawn, dense modes included
    graph->setName(name);
    return graph;
}

} // namespace

PlanePlot::PlanePlot(QWidget *parent)
    : PlaygroundPlot(6, QStringLiteral("planePlot"), parent)
{
    setMinimumSize(320, 300);

    mPlot->setAutoAddPlottableToLegend(false);
    mPlot->setNoAntialiasingOnDrag(true);
    mPlot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    for (QCPAxis *axis : {mPlot->xAxis, mPlot->yAxis}) {
        axis->grid()->setPen(gridPen());
        axis->grid()->setZeroLinePen(QPen(QColor(0, 0, 0, 60), 0));
        axis->setNumberPrecision(2);
    }
    mPlot->xAxis->setLabel(tr("x₁"));
    mPlot->yAxis->setLabel(tr("x₂"));

    // Bottom to top: heatmap, mesh, arrows, generated, real, the drawing.
    mField = new QCPColorMap(mPlot->xAxis, mPlot->yAxis);
    mField->setInterpolate(true);
    mField->setTightBoundary(false);
    // The scale is not in the layout until there is a field (setLayerVisible).
    mScale = new QCPColorScale(mPlot);
    mScale->setType(QCPAxis::atRight);
    mScale->setBarWidth(14);
    mScale->axis()->setNumberPrecision(2);
    mField->setColorScale(mScale); // the map takes the scale's gradient: set it there
    mScale->setGradient(playgroundcolors::fieldGradient());
    mMargins = new QCPMarginGroup(mPlot);
    mPlot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, mMargins);
    mScale->setMarginGroup(QCP::msTop | QCP::msBottom, mMargins);

    mMesh = new QCPCurve(mPlot->xAxis, mPlot->yAxis);
    mMesh->setPen(QPen(playgroundcolors::mesh(), 1.0));
    mMesh->setName(tr("generator manifold"));
    mTrajectories = new QCPCurve(mPlot->xAxis, mPlot->yAxis);
    mTrajectories->setPen(QPen(playgroundcolors::trajectory(), 1.2));
    mTrajectories->setName(tr("trajectories from noise"));
    mArrows = new QCPCurve(mPlot->xAxis, mPlot->yAxis);
    mArrows->setPen(QPen(playgroundcolors::arrow(), 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    mArrows->setName(tr("where G is pushed"));
    mFake = scatterGraph(mPlot, playgroundcolors::fake(), 5, tr("generated"));
    mReal = scatterGraph(mPlot, playgroundcolors::real(), 5, tr("real data"));
    mDrawnGraph = new QCPGraph(mPlot->xAxis, mPlot->yAxis);
    mDrawnGraph->setLineStyle(QCPGraph::lsNone);
    mDrawnGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                                 QPen(playgroundcolors::drawn(), 2),
                                                 QColor(255, 255, 255, 140), 9));
    mDrawnGraph->setAdaptiveSampling(false);
    mDrawnGraph->setName(tr("your drawing"));

    placeLegend();
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.95);
    mPlot->legend->setFont(legendFont);

    createPlaceholder();
    mPlaceholder->setTextAlignment(Qt::AlignCenter);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    mPlaceholder->setFont(big);
    mPlaceholder->setClipToAxisRect(true);

    connect(mPlot, &QCustomPlot::afterLayout, this, &PlanePlot::keepAspect);
    connect(mPlot, &QCustomPlot::mousePress, this, &PlanePlot::onMousePress);
    connect(mPlot, &QCustomPlot::mouseMove, this, &PlanePlot::onMouseMove);
    connect(mPlot, &QCustomPlot::mouseRelease, this, &PlanePlot::onMouseRelease);
    clearView(QString());
}

void PlanePlot::clearView(const QString &placeholder)
{
    mHasView = false;
    mField->data()->clear();
    mField->setVisible(false);
    if (mPlot->plotLayout()->hasElement(0, 1))
        mPlot->plotLayout()->take(mScale);
    mPlot->plotLayout()->simplify();
    for (QCPGraph *graph : {mReal, mFake})
        graph->data()->clear();
    for (QCPCurve *curve : {mMesh, mArrows, mTrajectories})
        curve->data()->clear();
    std::fill(std::begin(mCount), std::end(mCount), 0);
    showPlaceholder(placeholder);
    if (!mDrawing)
        mX0 = -kDrawExtent, mX1 = kDrawExtent, mY0 = -kDrawExtent, mY1 = kDrawExtent;
    applyBounds();
    replot();
}

void PlanePlot::setView(const gs::PlaneView &view)
{
    if (view.dims != 2 || !(view.x1 > view.x0) || !(view.y1 > view.y0)) {
        clearView(tr("This view has no 2-D data."));
        return;
    }
    mHasView = true;
    mPlaceholder->setVisible(false);
    if (!mDrawing) {
        mX0 = view.x0, mX1 = view.x1, mY0 = view.y0, mY1 = view.y1;
        applyBounds();
    }
    auto setPoints = [this](QCPGraph *graph, const std::vector<float> &xy, Layer layer) {
        QVector<double> xs, ys;
        xs.reserve(int(xy.size() / 2));
        ys.reserve(int(xy.size() / 2));
        for (size_t i = 0; i + 1 < xy.size(); i += 2) {
            xs.append(xy[i]);
            ys.append(xy[i + 1]);
        }
        graph->setData(xs, ys);
        mCount[index(layer)] = int(xs.size());
    };
    setPoints(mReal, view.real, Layer::Real);
    setPoints(mFake, view.fake, Layer::Fake);
    updateField(view);
    updateMesh(view);
    updateArrows(view);
    updateTrajectories(view);
    for (int i = 0; i < 6; ++i)
        setLayerVisible(Layer(i), mShow[i]); // legend entries follow what exists
    replot();
}

void PlanePlot::updateField(const gs::PlaneView &view)
{
    const int w = view.field_w, h = view.field_h;
    const bool have = w > 1 && h > 1 && view.field.size() == size_t(w) * size_t(h);
    mCount[index(Layer::Field)] = have ? w * h : 0;
    if (!have) {
        mField->data()->clear();
        return;
    }
    QCPColorMapData *data = mField->data();
    data->setSize(w, h);
    data->setRange(QCPRange(view.x0, view.x1), QCPRange(view.y0, view.y1));
    float lo = view.field[0], hi = view.field[0];
    for (int row = 0; row < h; ++row) {
        for (int col = 0; col < w; ++col) {
            const float z = view.field[size_t(row) * w + col];
            data->setCell(col, row, z);
            lo = std::min(lo, z);
            hi = std::max(hi, z);
        }
    }
    // Probabilities keep the fixed 0–1 scale (white = D undecided); critic
    // scores are centred on their own range.
    if (lo >= 0 && hi <= 1)
        mField->setDataRange(QCPRange(0, 1));
    else
        mField->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1));
    const QString label = view.field_label.empty() ? tr("score")
                                                   : QString::fromStdString(view.field_label);
    mScale->axis()->setLabel(view.field_is_log_density ? tr("%1   (purple: low · green: high)").arg(label)
                                                        : tr("%1   (purple: fake · green: real)").arg(label));
}

void PlanePlot::updateMesh(const gs::PlaneView &view)
{
    const int n = view.mesh_n;
    mMesh->setName(view.flow_meshes.empty() ? tr("generator manifold") : tr("z grid through the inverse flow"));
    QVector<QCPCurveData> data;
    if (n >= 2 && view.mesh.size() == size_t(n) * size_t(n) * 2) {
        auto at = [&](int row, int col, int c) { return view.mesh[(size_t(row) * n + col) * 2 + c]; };
        data.reserve(2 * n * (n + 1));
        for (int row = 0; row < n; ++row) {
            for (int col = 0; col < n; ++col)
                addPoint(data, at(row, col, 0), at(row, col, 1));
            addGap(data);
        }
        for (int col = 0; col < n; ++col) {
            for (int row = 0; row < n; ++row)
                addPoint(data, at(row, col, 0), at(row, col, 1));
            addGap(data);
        }
        mCount[index(Layer::Mesh)] = 2 * n;
    } else {
        mCount[index(Layer::Mesh)] = 0;
    }
    mMesh->data()->set(data, true);
}

void PlanePlot::updateArrows(const gs::PlaneView &view)
{
    QVector<QCPCurveData> data;
    // Arrows start at the generated points, or where the view says (a diffusion model's grid).
    const std::vector<float> &from = view.push_from.empty() ? view.fake : view.push_from;
    mArrows->setName(view.push_from.empty() ? tr("where G is pushed") : tr("denoising direction (score)"));
    const size_t n = std::min(from.size(), view.push.size()) / 2;
    int arrows = 0;
    if (n > 0) {
        const size_t stride = std::max<size_t>(1, (n + kMaxArrows - 1) / kMaxArrows);
        std::vector<double> magnitudes;
        for (size_t i = 0; i < n; i += stride)
            magnitudes.push_back(std::hypot(view.push[2 * i], view.push[2 * i + 1]));
        // The 90th percentile gets the longest arrow: one outlier does not
        // shrink every other arrow to a dot.
        std::vector<double> sorted = magnitudes;
        std::sort(sorted.begin(), sorted.end());
        const double reference = sorted[size_t(0.9 * double(sorted.size() - 1))];
        const double longest = kArrowLength * std::min(view.x1 - view.x0, view.y1 - view.y0);
        if (reference > 0 && std::isfinite(reference)) {
            data.reserve(int(magnitudes.size()) * 6);
            size_t k = 0;
            for (size_t i = 0; i < n; i += stride, ++k) {
                const double m = magnitudes[k];
                if (!(m > 0) || !std::isfinite(m))
                    continue;
                const double length = longest * std::min(1.0, m / reference);
                const double dx = view.push[2 * i] / m, dy = view.push[2 * i + 1] / m;
                const double x = from[2 * i], y = from[2 * i + 1];
                const double tx = x + dx * length, ty = y + dy * length;
                addPoint(data, x, y);
                addPoint(data, tx, ty);
                addGap(data);
                const double head = kArrowHead * length;
                const double c = std::cos(kArrowHeadAngle), s = std::sin(kArrowHeadAngle);
                addPoint(data, tx - head * (dx * c - dy * s), ty - head * (dx * s + dy * c));
                addPoint(data, tx, ty);
                addPoint(data, tx - head * (dx * c + dy * s), ty - head * (-dx * s + dy * c));
                addGap(data);
                ++arrows;
            }
        }
    }
    mCount[index(Layer::Arrows)] = arrows;
    mArrows->data()->set(data, true);
}

void PlanePlot::updateTrajectories(const gs::PlaneView &view)
{
    QVector<QCPCurveData> data;
    const size_t count = size_t(std::max(0, view.trajectory_count)), length = view.diffusion_t.size();
    const bool have = count > 0 && length >= 2 && view.trajectories.size() == count * length * 2;
    if (have) {
        data.reserve(int(count * (length + 1)));
        for (size_t i = 0; i < count; ++i) {
            for (size_t k = 0; k < length; ++k)
                addPoint(data, view.trajectories[(i * length + k) * 2], view.trajectories[(i * length + k) * 2 + 1]);
            addGap(data);
        }
    }
    mCount[index(Layer::Trajectories)] = have ? int(count) : 0;
    mTrajectories->data()->set(data, true);
}

void PlanePlot::setLayerVisible(Layer layer, bool visible)
{
    mShow[index(layer)] = visible;
    QCPAbstractPlottable *plottable = nullptr;
    switch (layer) {
    case Layer::Real: plottable = mReal; break;
    case Layer::Fake: plottable = mFake; break;
    case Layer::Field: plottable = mField; break;
    case Layer::Mesh: plottable = mMesh; break;
    case Layer::Arrows: plottable = mArrows; break;
    case Layer::Trajectories: plottable = mTrajectories; break;
    }
    const bool shown = visible && mCount[index(layer)] > 0;
    plottable->setVisible(shown);
    if (layer == Layer::Field) {
        const bool inLayout = mPlot->plotLayout()->hasElement(0, 1);
        if (shown && !inLayout)
            mPlot->plotLayout()->addElement(0, 1, mScale);
        else if (!shown && inLayout) {
            mPlot->plotLayout()->take(mScale);
            mPlot->plotLayout()->simplify();
        }
        updateLegendVisibility();
    } else {
        showInLegend(plottable, shown);
    }
    replot();
}


void PlanePlot::applyBounds()
{
    mPlot->xAxis->setRange(mX0, mX1);
    mPlot->yAxis->setRange(mY0, mY1);
}

void PlanePlot::keepAspect()
{
    // One data unit is as long on both axes, so circles stay circles; the
    // bounds fit inside the axis rect and the longer side gets more room.
    const QRect rect = mPlot->axisRect()->rect();
    if (rect.width() < 10 || rect.height() < 10)
        return;
    const double bw = mX1 - mX0, bh = mY1 - mY0;
    const double scale = std::min(rect.width() / bw, rect.height() / bh);
    const double w = rect.width() / scale, h = rect.height() / scale;
    const double cx = 0.5 * (mX0 + mX1), cy = 0.5 * (mY0 + mY1);
    mPlot->xAxis->setRange(cx - w / 2, cx + w / 2);
    mPlot->yAxis->setRange(cy - h / 2, cy + h / 2);
}

void PlanePlot::setDrawingEnabled(bool on)
{
    if (mDrawing == on)
        return;
    mDrawing = on;
    mStroke = false;
    mPlot->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    if (on)
        mX0 = -kDrawExtent, mX1 = kDrawExtent, mY0 = -kDrawExtent, mY1 = kDrawExtent;
    applyBounds();
    updateDrawingLayer();
}

void PlanePlot::setDrawnPoints(const std::vector<float> &points)
{
    mDrawn.assign(points.begin(), points.begin() + (points.size() / 2) * 2);
    updateDrawingLayer();
    emit drawingChanged(int(mDrawn.size() / 2));
}

void PlanePlot::clearDrawing()
{
    setDrawnPoints({});
}

void PlanePlot::updateDrawingLayer()
{
    QVector<double> xs, ys;
    if (mDrawing) {
        for (size_t i = 0; i + 1 < mDrawn.size(); i += 2) {
            xs.append(mDrawn[i]);
            ys.append(mDrawn[i + 1]);
        }
    }
    mDrawnGraph->setData(xs, ys);
    if (!xs.isEmpty())
        mDrawnGraph->addToLegend();
    else
        mDrawnGraph->removeFromLegend();
    mPlot->legend->setVisible(mPlot->legend->itemCount() > 0);
    replot();
}

QPoint PlanePlot::pixelFor(double x, double y) const
{
    return QPoint(int(std::lround(mPlot->xAxis->coordToPixel(x))),
                  int(std::lround(mPlot->yAxis->coordToPixel(y))));
}

void PlanePlot::onMousePress(QMouseEvent *event)
{
    if (!mDrawing || !(event->buttons() & (Qt::LeftButton | Qt::RightButton)))
        return;
    mStroke = true;
    mLastAdded = QPointF(std::numeric_limits<double>::quiet_NaN(), 0);
    editAt(event->position(), event->buttons());
}

void PlanePlot::onMouseMove(QMouseEvent *event)
{
    if (mDrawing && mStroke)
        editAt(event->position(), event->buttons());
}

void PlanePlot::onMouseRelease(QMouseEvent *)
{
    mStroke = false;
}

void PlanePlot::editAt(const QPointF &pixel, Qt::MouseButtons buttons)
{
    const double x = mPlot->xAxis->pixelToCoord(pixel.x());
    const double y = mPlot->yAxis->pixelToCoord(pixel.y());
    if (std::abs(x) > kDrawExtent || std::abs(y) > kDrawExtent)
        return;
    const size_t before = mDrawn.size();
    if (buttons & Qt::RightButton) {
        std::vector<float> kept;
        for (size_t i = 0; i + 1 < mDrawn.size(); i += 2) {
            if (std::hypot(mDrawn[i] - x, mDrawn[i + 1] - y) > kEraseRadius) {
                kept.push_back(mDrawn[i]);
                kept.push_back(mDrawn[i + 1]);
            }
        }
        mDrawn.swap(kept);
    } else if (buttons & Qt::LeftButton) {
        const bool first = std::isnan(mLastAdded.x());
        if (!first && std::hypot(x - mLastAdded.x(), y - mLastAdded.y()) < kDrawSpacing)
            return;
        if (mDrawn.size() / 2 >= kMaxDrawnPoints)
            return;
        mDrawn.push_back(float(x));
        mDrawn.push_back(float(y));
        mLastAdded = QPointF(x, y);
    }
    if (mDrawn.size() != before) {
        updateDrawingLayer();
        emit drawingChanged(int(mDrawn.size() / 2));
    }
}
