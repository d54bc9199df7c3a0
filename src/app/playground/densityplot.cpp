#include "playground/densityplot.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "playground/playgroundcolors.h"
#include "playground/playgroundplot.h"

namespace {

int index(DensityPlot::Layer layer)
{
    return int(layer);
}

// Histogram of `values` over [x0, x1] as a density (integrates to the share
// of values inside the range); returns the number of non-empty bins.
int histogram(const std::vector<float> &values, double x0, double x1, QVector<double> &keys,
              QVector<double> &density)
{
    const int bins = DensityPlot::kBins;
    const double width = (x1 - x0) / bins;
    keys.resize(bins);
    density.fill(0.0, bins);
    for (int b = 0; b < bins; ++b)
        keys[b] = x0 + (b + 0.5) * width;
    if (values.empty())
        return 0;
    for (float v : values) {
        if (!std::isfinite(v) || v < x0 || v > x1)
            continue;
        const int b = std::clamp(int((v - x0) / width), 0, bins - 1);
        density[b] += 1.0;
    }
    int used = 0;
    for (double &d : density) {
        used += d > 0;
        d /= double(values.size()) * width;
    }
    return used;
}

} // namespace

DensityPlot::DensityPlot(QWidget *parent)
    : PlaygroundPlot(4, QStringLiteral("densityPlot"), parent)
{
    setMinimumSize(320, 260);

    mPlot->setAutoAddPlottableToLegend(true);
    mPlot->setAntialiasedElements(QCP::aePlottables);
    mPlot->xAxis->setLabel(tr("x"));
    mPlot->yAxis->setLabel(tr("density"));
    mPlot->yAxis2->setVisible(true);
    mPlot->yAxis2->setLabel(tr("D(x)"));
    mPlot->yAxis2->setTickLabelColor(playgroundcolors::discriminator());
    mPlot->yAxis2->setLabelColor(playgroundcolors::discriminator());
    mPlot->yAxis2->setRange(0, 1.05);
    mPlot->xAxis->grid()->setPen(gridPen());
    mPlot->yAxis->grid()->setPen(gridPen());

    mReal = new QCPBars(mPlot->xAxis, mPlot->yAxis);
    QColor realFill = playgroundcolors::real();
    realFill.setAlpha(80);
    mReal->setBrush(realFill);
    mReal->setPen(QPen(QColor(playgroundcolors::real()).lighter(130), 0.8));
    mReal->setName(tr("real data (histogram)"));
    mFake = new QCPGraph(mPlot->xAxis, mPlot->yAxis);
    mFake->setLineStyle(QCPGraph::lsStepCenter);
    mFake->setPen(QPen(playgroundcolors::fake(), 2));
    QColor fakeFill = playgroundcolors::fake();
    fakeFill.setAlpha(45);
    mFake->setBrush(fakeFill);
    mFake->setName(tr("generated (histogram)"));
    mDensity = new QCPGraph(mPlot->xAxis, mPlot->yAxis);
    mDensity->setPen(QPen(playgroundcolors::density(), 2.2, Qt::DashLine));
    mDensity->setName(tr("true density"));
    mField = new QCPGraph(mPlot->xAxis, mPlot->yAxis2);
    mField->setPen(QPen(playgroundcolors::discriminator(), 2.2));
    mField->setName(tr("D(x), right axis"));

    placeLegend();
    createPlaceholder();
    clearView(QString());
}

void DensityPlot::clearView(const QString &placeholder)
{
    mHasView = false;
    mReal->data()->clear();
    for (QCPGraph *graph : {mFake, mDensity, mField})
        graph->data()->clear();
    std::fill(std::begin(mCount), std::end(mCount), 0);
    showPlaceholder(placeholder);
    replot();
}

void DensityPlot::setView(const gs::PlaneView &view)
{
    if (view.dims != 1 || !(view.x1 > view.x0)) {
        clearView(tr("This view has no 1-D data."));
        return;
    }
    mHasView = true;
    mPlaceholder->setVisible(false);
    const double x0 = view.x0, x1 = view.x1;

    QVector<double> keys, real, fake;
    mCount[index(Layer::Real)] = histogram(view.real, x0, x1, keys, real);
    mReal->setWidth((x1 - x0) / kBins);
    mReal->setData(keys, real, true);
    QVector<double> fakeKeys;
    mCount[index(Layer::Fake)] = histogram(view.fake, x0, x1, fakeKeys, fake);
    mFake->setData(fakeKeys, fake, true);

    // Curves sampled at field_w positions across the view.
    auto curve = [&](QCPGraph *graph, const std::vector<float> &values, Layer layer) {
        QVector<double> xs, ys;
        const int n = int(values.size());
        for (int i = 0; i < n && n > 1; ++i) {
            xs.append(x0 + (x1 - x0) * i / (n - 1));
            ys.append(values[size_t(i)]);
        }
        graph->setData(xs, ys, true);
        mCount[index(layer)] = int(xs.size());
    };
    curve(mDensity, view.true_density, Layer::Density);
    curve(mField, view.field_h == 1 ? view.field : std::vector<float>(), Layer::Field);
    mField->setName(view.field_label.empty()
                        ? tr("score, right axis")
                        : tr("%1, right axis").arg(QString::fromStdString(view.field_label)));
    mPlot->yAxis2->setLabel(view.field_label.empty() ? tr("score")
                                                     : QString::fromStdString(view.field_label));

    double top = 0;
    for (const QVector<double> *v : {&real, &fake})
        for (double d : *v)
            top = std::max(top, d);
    for (float d : view.true_density)
        top = std::max(top, double(d));
    mPlot->xAxis->setRange(x0, x1);
    mPlot->yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    if (mCount[index(Layer::Field)] > 0) {
        const auto [lo, hi] = std::minmax_element(view.field.begin(), view.field.end());
        if (*lo >= 0 && *hi <= 1)
            mPlot->yAxis2->setRange(0, 1.05);
        else
            mPlot->yAxis2->setRange(*lo - 0.05 * (*hi - *lo), *hi + 0.05 * (*hi - *lo) + 1e-6);
    }
    for (int i = 0; i < 4; ++i)
        setLayerVisible(Layer(i), mShow[i]);
    replot();
}

void DensityPlot::setLayerVisible(Layer layer, bool visible)
{
    mShow[index(layer)] = visible;
    QCPAbstractPlottable *plottable = nullptr;
    switch (layer) {
    case Layer::Real: plottable = mReal; break;
    case Layer::Fake: plottable = mFake; break;
    case Layer::Field: plottable = mField; break;
    case Layer::Density: plottable = mDensity; break;
    }
    const bool shown = visible && mCount[index(layer)] > 0;
    showInLegend(plottable, shown);
    if (layer == Layer::Field)
        mPlot->yAxis2->setVisible(shown);
    replot();
}
