#include "training/losspanel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "presenter/plotstyle.h"
#include "training/losscsv.h"
#include "training/lossaxisticker.h"
#include "widgets/advancedcontrol.h"

namespace {

const QColor kColors[]
    = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
       QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
       QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};

QColor seriesColor(int index)
{
    return kColors[index % int(std::size(kColors))];
}

QString formatValue(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    return QLocale::c().toString(value, 'g', 4);
}

const QString kOverlayLayer = QStringLiteral("overlay");

} // namespace

LossPanel::LossPanel(QWidget *parent)
    : QWidget(parent)
    , mPlot(new QCustomPlot(this))
    , mSmoothingSlider(new QSlider(Qt::Horizontal, this))
    , mSmoothingLabel(new QLabel(this))
    , mLogCheck(new QCheckBox(tr("Log scale"), this))
    , mFollowCheck(new QCheckBox(tr("Follow"), this))
    , mAutoscaleButton(new QToolButton(this))
    , mReadout(new QLabel(this))
    , mTicker(new LossAxisTicker)
    , mEval(mPlot)
{
    mPlot->setObjectName(QStringLiteral("lossPlot"));
    mSmoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    mLogCheck->setObjectName(QStringLiteral("logScaleCheck"));
    mFollowCheck->setObjectName(QStringLiteral("followCheck"));
    mAutoscaleButton->setObjectName(QStringLiteral("autoscaleButton"));
    mReadout->setObjectName(QStringLiteral("lossReadout"));

    // Controls above the plot.
    auto *smoothingCaption = new QLabel(tr("Smoothing:"), this);
    mSmoothingSlider->setRange(0, 99);
    mSmoothingSlider->setFixedWidth(150);
    mSmoothingSlider->setToolTip(tr("Exponential moving average of the curves (0 = raw "
                                    "values). The raw values stay visible as faint lines."));
    smoothingCaption->setToolTip(mSmoothingSlider->toolTip());
    mSmoothingLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("0.00"))
                                     + 4);
    mLogCheck->setToolTip(tr("Logarithmic loss axis: keeps losses of very different size "
                             "readable in one plot."));
    mFollowCheck->setToolTip(tr("Keep all data in view as training goes on. Dragging or "
                                "zooming the plot turns this off; a double click turns it on."));
    mAutoscaleButton->setText(tr("Autoscale"));
    mAutoscaleButton->setToolTip(tr("Fit the axes to the visible curves once."));
    mReadout->setTextFormat(Qt::RichText);
    mReadout->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    mReadout->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    mReadout->setToolTip(tr("Latest smoothed values; hover over the plot to read any step."));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(smoothingCaption);
    controls->addWidget(mSmoothingSlider);
    controls->addWidget(mSmoothingLabel);
    controls->addSpacing(12);
    controls->addWidget(mLogCheck);
    controls->addWidget(mFollowCheck);
    controls->addWidget(mAutoscaleButton);
    controls->addSpacing(12);
    controls->addWidget(mReadout, 1);
    // The view options are advanced: hidden in presenter mode, the plot stays.
    for (QWidget *w : std::initializer_list<QWidget *>{smoothingCaption, mSmoothingSlider, mSmoothingLabel,
                                                       mLogCheck, mFollowCheck, mAutoscaleButton})
        markAdvanced(w);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(controls);
    layout->addWidget(mPlot, 1);

    // The plot.
    mPlot->setMinimumHeight(180);
    mPlot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    mPlot->setNoAntialiasingOnDrag(true);
    mPlot->xAxis->setLabel(tr("step"));
    mPlot->yAxis->setLabel(tr("loss"));
    mPlot->yAxis->setTicker(mTicker);
    mPlot->yAxis->setNumberFormat(QStringLiteral("g"));
    mPlot->yAxis->setNumberPrecision(4);
    mPlot->xAxis->setNumberFormat(QStringLiteral("f"));
    mPlot->xAxis->setNumberPrecision(0);
    mPlot->xAxis->grid()->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0));
    mPlot->yAxis->grid()->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0));
    mPlot->yAxis->grid()->setSubGridPen(QPen(QColor(0xee, 0xee, 0xee), 0, Qt::DotLine));
    PlotStyle::followPalette(mPlot); // background, axes and grid in the palette's colours
    mPlot->xAxis->setRange(0, 100);
    mPlot->yAxis->setRange(1, 1000);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.95);
    mPlot->legend->setFont(legendFont);
    mPlot->legend->setBrush(QColor(255, 255, 255, 215));
    mPlot->legend->setBorderPen(QPen(QColor(0xbb, 0xbb, 0xbb)));
    mPlot->legend->setVisible(true);
    mPlot->legend->setSelectableParts(QCPLegend::spNone);
    // The legend sits right of the axis rect, never on top of the curves.
    mPlot->axisRect()->insetLayout()->take(mPlot->legend);
    auto *legendColumn = new QCPLayoutGrid;
    mPlot->plotLayout()->addElement(0, 1, legendColumn);
    legendColumn->setMargins(QMargins(0, 12, 8, 0));
    legendColumn->addElement(0, 0, mPlot->legend);
    legendColumn->addElement(1, 0, new QCPLayoutElement(mPlot)); // pushes the legend up
    legendColumn->setRowStretchFactor(0, 0.001);
    mPlot->plotLayout()->setColumnStretchFactor(1, 0.001);

    mPlot->layer(kOverlayLayer)->setMode(QCPLayer::lmBuffered);
    mCursor = new QCPItemLine(mPlot);
    mCursor->setLayer(kOverlayLayer);
    mCursor->setPen(QPen(QColor(0x60, 0x60, 0x60), 1, Qt::DashLine));
    mCursor->start->setTypeY(QCPItemPosition::ptAxisRectRatio);
    mCursor->end->setTypeY(QCPItemPosition::ptAxisRectRatio);
    mCursor->setSelectable(false);
    mCursor->setVisible(false);

    mPlaceholder = new QCPItemText(mPlot);
    mPlaceholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    mPlaceholder->position->setCoords(0.5, 0.5);
    mPlaceholder->setPositionAlignment(Qt::AlignCenter);
    mPlaceholder->setText(tr("Loss curves appear here once training starts."));
    mPlaceholder->setColor(QColor(0x90, 0x90, 0x90));
    mPlaceholder->setSelectable(false);

    mPlot->installEventFilter(this);
    connect(mPlot, &QCustomPlot::mouseMove, this, &LossPanel::onMouseMove);
    connect(mPlot, &QCustomPlot::mouseWheel, this, &LossPanel::userMovedView);
    connect(mPlot, &QCustomPlot::mouseDoubleClick, this, [this] { setFollow(true); });
    connect(mPlot, &QCustomPlot::legendClick, this, &LossPanel::onLegendClick);

    connect(mSmoothingSlider, &QSlider::valueChanged, this,
            [this](int value) { setSmoothing(value / 100.0); });
    connect(mLogCheck, &QCheckBox::toggled, this, &LossPanel::setLogScale);
    connect(mFollowCheck, &QCheckBox::toggled, this, &LossPanel::setFollow);
    connect(mAutoscaleButton, &QToolButton::clicked, this, &LossPanel::autoscale);

    mSmoothingSlider->setValue(int(std::lround(mSmoothing * 100)));
    mSmoothingLabel->setText(QString::number(mSmoothing, 'f', 2));
    mLogCheck->setChecked(mLogScale);
    mFollowCheck->setChecked(mFollow);
    mPlot->legend->setVisible(false); // until there are series
    setLogScale(mLogScale);
    updateReadout(-1);
}

void LossPanel::setSeries(const QStringList &names)
{
    mPlot->clearGraphs();
    mSeries.clear();
    mSteps.clear();
    mNames = names;
    for (int i = 0; i < names.size(); ++i) {
        Series series;
        const QColor color = seriesColor(i);
        QColor faint = color;
        faint.setAlpha(60);
        series.raw = mPlot->addGraph();
        series.raw->setPen(QPen(faint, 1));
        series.raw->removeFromLegend();
        series.raw->setVisible(mSmoothing > 0);
        series.smooth = mPlot->addGraph();
        series.smooth->setPen(QPen(color, i == 0 ? 2.4 : 1.8));
        series.smooth->setName(names.at(i));
        mSeries.push_back(series);
    }
    mEval.rebuild();
    mPlaceholder->setVisible(true);
    mCursor->setVisible(false);
    mPlot->legend->setVisible(!names.isEmpty());
    updateReadout(-1);
    replot();
}

void LossPanel::clear()
{
    mEval.reset();
    setSeries(mNames);
}

void LossPanel::appendMetrics(qint64 step, const QStringList &names, const QVector<double> &values)
{
    if (!mEval.append(double(step), names, values))
        return;
    mPlot->legend->setVisible(true);
    if (mFollow)
        fitView();
    replot();
}

QByteArray LossPanel::toCsv() const
{
    return lossPointsToCsv(mNames, points());
}

std::vector<LossPoint> LossPanel::points() const
{
    std::vector<LossPoint> out(size_t(mSteps.size()));
    for (int j = 0; j < mSteps.size(); ++j) {
        out[size_t(j)].step = long(mSteps.at(j));
        for (const Series &series : mSeries)
            out[size_t(j)].values.push_back(series.values.value(j, qQNaN()));
    }
    return out;
}

double LossPanel::smoothNext(Series &series, double value) const
{
    if (!std::isfinite(value))
        return qQNaN();
    if (mSmoothing <= 0)
        return value;
    series.accumulator = mSmoothing * series.accumulator + (1 - mSmoothing) * value;
    ++series.count;
    return series.accumulator / (1 - std::pow(mSmoothing, series.count));
}

void LossPanel::appendPoints(const std::vector<LossPoint> &points)
{
    QString nonPositive;
    for (const LossPoint &point : points) {
        const double step = double(point.step);
        if (!mSteps.isEmpty() && step <= mSteps.last())
            continue; // a stale interval from before a restart
        mSteps.append(step);
        for (size_t i = 0; i < mSeries.size(); ++i) {
            Series &series = mSeries[i];
            const double value = i < point.values.size() ? point.values[i] : qQNaN();
            const double smooth = smoothNext(series, value);
            series.values.append(value);
            series.smoothed.append(smooth);
            series.raw->addData(step, value);
            series.smooth->addData(step, smooth);
            if (mLogScale && std::isfinite(value) && value <= 0 && nonPositive.isEmpty())
                nonPositive = mNames.value(int(i));
        }
    }
    if (!nonPositive.isEmpty()) {
        setLogScale(false);
        emit notice(tr("The loss \"%1\" reached zero or below; the plot switched to a linear "
                       "scale.")
                        .arg(nonPositive));
    }
    mPlaceholder->setVisible(mSteps.isEmpty());
    if (mFollow)
        fitView();
    if (!mCursor->visible())
        updateReadout(-1);
    replot();
}

void LossPanel::recomputeSmoothing()
{
    for (Series &series : mSeries) {
        series.accumulator = 0;
        series.count = 0;
        for (int j = 0; j < series.values.size(); ++j)
            series.smoothed[j] = smoothNext(series, series.values[j]);
        series.smooth->setData(mSteps, series.smoothed, true);
        series.raw->setVisible(series.visible && mSmoothing > 0);
    }
}

void LossPanel::setSmoothing(double smoothing)
{
    smoothing = qBound(0.0, smoothing, 0.99);
    if (qFuzzyCompare(smoothing + 1, mSmoothing + 1))
        return;
    mSmoothing = smoothing;
    const QSignalBlocker blocker(mSmoothingSlider);
    mSmoothingSlider->setValue(int(std::lround(smoothing * 100)));
    mSmoothingLabel->setText(QString::number(smoothing, 'f', 2));
    recomputeSmoothing();
    if (mFollow)
        fitView();
    updateReadout(-1);
    replot();
    emit viewOptionsChanged();
}

void LossPanel::setLogScale(bool on)
{
    mLogScale = on;
    {
        const QSignalBlocker blocker(mLogCheck);
        mLogCheck->setChecked(on);
    }
    mTicker->setLogarithmic(on);
    mPlot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    mPlot->yAxis->grid()->setSubGridVisible(on);
    if (on && mPlot->yAxis->range().lower <= 0)
        mPlot->yAxis->setRange(1, 1000);
    fitView();
    replot();
    emit viewOptionsChanged();
}

void LossPanel::setFollow(bool on)
{
    mFollow = on;
    {
        const QSignalBlocker blocker(mFollowCheck);
        mFollowCheck->setChecked(on);
    }
    if (on) {
        fitView();
        replot();
    }
}

void LossPanel::autoscale()
{
    fitView();
    replot();
}

void LossPanel::userMovedView()
{
    if (mFollow)
        setFollow(false);
}

void LossPanel::fitView()
{
    if (mSteps.isEmpty())
        return;
    double first = mSteps.first();
    double last = mSteps.last();
    if (last - first < 1) {
        first -= 1;
        last += 1;
    }
    mPlot->xAxis->setRange(first, last + (last - first) * 0.02);

    const QCP::SignDomain domain = mLogScale ? QCP::sdPositive : QCP::sdBoth;
    bool haveRange = false;
    QCPRange values;
    QVector<QCPGraph *> shown = mEval.graphs();
    for (const Series &series : mSeries) {
        if (series.visible)
            shown << series.smooth << series.raw;
    }
    {
        for (QCPGraph *graph : shown) {
            if (!graph->visible())
                continue;
            bool found = false;
            const QCPRange range = graph->getValueRange(found, domain);
            if (!found)
                continue;
            if (haveRange) {
                values.expand(range);
            } else {
                values = range;
                haveRange = true;
            }
        }
    }
    if (!haveRange)
        return;
    if (mLogScale) {
        double lower = values.lower;
        double upper = values.upper;
        if (upper / lower < 1.05) {
            lower /= 1.05;
            upper *= 1.05;
        }
        const double margin = std::pow(upper / lower, 0.05);
        mPlot->yAxis->setRange(lower / margin, upper * margin);
    } else {
        double span = values.size();
        if (span <= 0)
            span = std::max(std::abs(values.upper) * 0.1, 1e-3);
        mPlot->yAxis->setRange(values.lower - 0.05 * span, values.upper + 0.05 * span);
    }
}

void LossPanel::updateReadout(int index)
{
    if (mSteps.isEmpty() || mSeries.empty()) {
        mReadout->setText(QString());
        return;
    }
    if (index < 0 || index >= mSteps.size())
        index = mSteps.size() - 1;
    QString text = tr("<b>step %1</b>").arg(qint64(mSteps.at(index)));
    for (size_t i = 0; i < mSeries.size(); ++i) {
        text += QStringLiteral(
                    "&nbsp;&nbsp; <span style=\"color:%1\">&#9632;</span>&nbsp;%2&nbsp;%3")
                    .arg(seriesColor(int(i)).name(), mNames.value(int(i)).toHtmlEscaped(),
                         formatValue(mSeries[i].smoothed.value(index, qQNaN())));
    }
    mReadout->setText(text);
}

void LossPanel::replot()
{
    if (!isVisible()) {
        mReplotWhenShown = true;
        return;
    }
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (mReplotWhenShown) {
        mReplotWhenShown = false;
        mPlot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void LossPanel::onMouseMove(QMouseEvent *event)
{
    if (event->buttons() != Qt::NoButton) {
        userMovedView(); // a drag moves the view
        return;
    }
    const bool inside = mPlot->axisRect()->rect().contains(event->pos());
    if (!inside || mSteps.isEmpty()) {
        if (mCursor->visible()) {
            mCursor->setVisible(false);
            mPlot->layer(kOverlayLayer)->replot();
            updateReadout(-1);
        }
        return;
    }
    const double step = mPlot->xAxis->pixelToCoord(event->pos().x());
    auto it = std::lower_bound(mSteps.cbegin(), mSteps.cend(), step);
    int index = int(it - mSteps.cbegin());
    if (index >= mSteps.size())
        index = mSteps.size() - 1;
    if (index > 0 && std::abs(mSteps.at(index - 1) - step) < std::abs(mSteps.at(index) - step))
        --index;
    mCursor->start->setCoords(mSteps.at(index), 0);
    mCursor->end->setCoords(mSteps.at(index), 1);
    mCursor->setVisible(true);
    mPlot->layer(kOverlayLayer)->replot();
    updateReadout(index);
}

bool LossPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == mPlot && event->type() == QEvent::Leave && mCursor->visible()) {
        mCursor->setVisible(false);
        mPlot->layer(kOverlayLayer)->replot();
        updateReadout(-1);
    }
    return QWidget::eventFilter(watched, event);
}

void LossPanel::onLegendClick(QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *)
{
    auto *plottableItem = qobject_cast<QCPPlottableLegendItem *>(item);
    if (!plottableItem)
        return;
    for (Series &series : mSeries) {
        if (series.smooth != plottableItem->plottable())
            continue;
        series.visible = !series.visible;
        series.smooth->setVisible(series.visible);
        series.raw->setVisible(series.visible && mSmoothing > 0);
        plottableItem->setTextColor(series.visible ? QColor(Qt::black) : QColor(0xaa, 0xaa, 0xaa));
        if (mFollow)
            fitView();
        replot();
        return;
    }
}
