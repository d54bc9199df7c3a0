#include "presenter/plotstyle.h"

#include <QApplication>
#include <QEvent>
#include <QPointer>

#include <qcustomplot.h>

namespace {

const char *const kFollow = "gsFollowPalette";
const char *const kHooked = "gsPlotStyled";
const char *const kBaseWidth = "gsBaseWidth";
const char *const kBaseFont = "gsBaseFont";
const char *const kBaseLabelFont = "gsBaseLabelFont";

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

// The pen with its width the base width (remembered on `owner`) × scale. A
// width the owner set since the last styling (a highlighted curve) becomes the
// new base, so styling never undoes a view's own changes.
QPen scaledPen(QObject *owner, const char *key, QPen pen, double scale)
{
    const QByteArray styledKey = QByteArray(key) + "Styled";
    QVariant base = owner->property(key);
    const QVariant styled = owner->property(styledKey.constData());
    if (!base.isValid() || !styled.isValid() || !qFuzzyCompare(1.0 + styled.toDouble(), 1.0 + pen.widthF())) {
        base = pen.widthF();
        owner->setProperty(key, base);
    }
    const double width = base.toDouble();
    // A cosmetic 0-width pen is one device pixel; scaled it becomes `scale` pixels.
    pen.setWidthF(width <= 0 ? (scale > 1.01 ? scale : 0.0) : width * scale);
    owner->setProperty(styledKey.constData(), pen.widthF());
    return pen;
}

QFont scaledFont(QObject *owner, const char *key, const QFont &current, double scale)
{
    QVariant base = owner->property(key);
    if (!base.isValid()) {
        base = current;
        owner->setProperty(key, base);
    }
    QFont font = base.value<QFont>();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else if (font.pixelSize() > 0)
        font.setPixelSize(qRound(font.pixelSize() * scale));
    return font;
}

void styleAxis(QCPAxis *axis, double lineScale, double fontScale, const QPalette *colors)
{
    QPen base = axis->basePen();
    QPen tick = axis->tickPen();
    QPen subTick = axis->subTickPen();
    if (colors) {
        const QColor text = colors->color(QPalette::Text);
        base.setColor(text);
        tick.setColor(text);
        subTick.setColor(text);
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        const QColor base = colors->color(QPalette::Base);
        QPen grid = axis->grid()->pen();
        grid.setColor(mix(base, text, 0.18));
        axis->grid()->setPen(grid);
        QPen subGrid = axis->grid()->subGridPen();
        subGrid.setColor(mix(base, text, 0.09));
        axis->grid()->setSubGridPen(subGrid);
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    axis->setBasePen(scaledPen(axis, "gsBaseAxisWidth", base, lineScale));
    axis->setTickPen(scaledPen(axis, "gsBaseTickWidth", tick, lineScale));
    axis->setSubTickPen(scaledPen(axis, "gsBaseSubTickWidth", subTick, lineScale));
    QCPGrid *grid = axis->grid();
    grid->setPen(scaledPen(grid, kBaseWidth, grid->pen(), lineScale));
    const QFont tickFont = scaledFont(axis, kBaseFont, axis->tickLabelFont(), fontScale);
    if (tickFont != axis->tickLabelFont())
        axis->setTickLabelFont(tickFont);
    const QFont labelFont = scaledFont(axis, kBaseLabelFont, axis->labelFont(), fontScale);
    if (labelFont != axis->labelFont())
        axis->setLabelFont(labelFont);
}

} // namespace

namespace PlotStyle {

void followPalette(QCustomPlot *plot)
{
    plot->setProperty(kFollow, true);
}

bool followsPalette(const QCustomPlot *plot)
{
    return plot->property(kFollow).toBool();
}

void apply(QCustomPlot *plot, double lineScale, double fontScale)
{
    const QPalette colors = plot->palette();
    const QPalette *follow = followsPalette(plot) ? &colors : nullptr;
    if (follow) {
        plot->setBackground(colors.color(QPalette::Base));
        if (QCPLegend *legend = plot->legend) {
            QColor brush = colors.color(QPalette::Base);
            brush.setAlpha(215);
            legend->setBrush(brush);
            legend->setBorderPen(QPen(colors.color(QPalette::Mid)));
            legend->setTextColor(colors.color(QPalette::Text));
            for (int i = 0; i < legend->itemCount(); ++i) {
                if (auto *item = legend->item(i))
                    item->setTextColor(colors.color(QPalette::Text));
            }
        }
    }
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes())
            styleAxis(axis, lineScale, fontScale, follow);
    }
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *p = plot->plottable(i);
        if (p->pen().style() == Qt::NoPen)
            continue;
        QPen pen = scaledPen(p, kBaseWidth, p->pen(), lineScale);
        if (follow) {
            // A black curve means "the text colour": white on a dark palette.
            QVariant base = p->property("gsBaseBlack");
            if (!base.isValid()) {
                base = pen.color() == QColor(Qt::black);
                p->setProperty("gsBaseBlack", base);
            }
            if (base.toBool())
                pen.setColor(colors.color(QPalette::Text));
        }
        p->setPen(pen);
    }
    if (QCPLegend *legend = plot->legend) {
        const QFont font = scaledFont(legend, kBaseFont, legend->font(), fontScale);
        if (font != legend->font())
            legend->setFont(font);
    }
}

} // namespace PlotStyle

PlotStyler::PlotStyler(QObject *parent)
    : QObject(parent)
{
    qApp->installEventFilter(this);
}

PlotStyler::~PlotStyler()
{
    qApp->removeEventFilter(this);
}

void PlotStyler::setScales(double lineScale, double fontScale)
{
    mLineScale = lineScale;
    mFontScale = fontScale;
    restyleAll();
}

void PlotStyler::restyleAll()
{
    for (QWidget *widget : QApplication::allWidgets()) {
        if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
            hook(plot);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
}

void PlotStyler::hook(QCustomPlot *plot)
{
    if (plot->property(kHooked).toBool())
        return;
    plot->setProperty(kHooked, true);
    QPointer<PlotStyler> self(this);
    connect(plot, &QCustomPlot::beforeReplot, this, [self, plot] {
        if (self)
            PlotStyle::apply(plot, self->mLineScale, self->mFontScale);
    });
}

bool PlotStyler::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show) {
        if (auto *plot = qobject_cast<QCustomPlot *>(watched)) {
            if (!plot->property(kHooked).toBool()) {
                hook(plot);
                plot->replot(QCustomPlot::rpQueuedReplot);
            }
        }
    } else if (event->type() == QEvent::PaletteChange) {
        if (auto *plot = qobject_cast<QCustomPlot *>(watched)) {
            if (PlotStyle::followsPalette(plot))
                plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    return QObject::eventFilter(watched, event);
}
