#include "explore/anomaly/anomalyplots.h"

#include <QHBoxLayout>

#include <qcustomplot.h>

namespace {

QColor classColour(int label)
{
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                                     QColor(0x17, 0xbe, 0xcf)};
    if (label < 0)
        return QColor(0x44, 0x44, 0x44);
    return palette[label % 10];
}

QCPTextElement *addTitle(QCustomPlot *plot, const QString &text)
{
    plot->plotLayout()->insertRow(0);
    auto *title = new QCPTextElement(plot, text, QFont(plot->font().family(), 10, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, title);
    return title;
}

} // namespace

AnomalyPlots::AnomalyPlots(QWidget *parent)
    : QWidget(parent)
    , mHistogram(new QCustomPlot(this))
    , mRoc(new QCustomPlot(this))
{
    mHistogram->setObjectName(QStringLiteral("anomalyHistogram"));
    mRoc->setObjectName(QStringLiteral("anomalyRoc"));
    mHistogramTitle = addTitle(mHistogram, tr("Scores per class"));
    mRocTitle = addTitle(mRoc, tr("ROC"));
    mHistogram->yAxis->setLabel(tr("images"));
    mHistogram->legend->setVisible(true);
    mHistogram->legend->setFont(QFont(font().family(), 8));
    mHistogram->legend->setBrush(QColor(255, 255, 255, 215));
    // The legend sits right of the curves, never on top of them.
    mHistogram->axisRect()->insetLayout()->take(mHistogram->legend);
    auto *legendColumn = new QCPLayoutGrid;
    mHistogram->plotLayout()->addElement(1, 1, legendColumn);
    legendColumn->setMargins(QMargins(0, 4, 6, 0));
    legendColumn->addElement(0, 0, mHistogram->legend);
    legendColumn->addElement(1, 0, new QCPLayoutElement(mHistogram));
    legendColumn->setRowStretchFactor(0, 0.001);
    mHistogram->plotLayout()->setColumnStretchFactor(1, 0.001);
    mRoc->xAxis->setLabel(tr("false positive rate"));
    mRoc->yAxis->setLabel(tr("true positive rate"));
    mRoc->xAxis->setRange(0, 1);
    mRoc->yAxis->setRange(0, 1);
    mHistogram->setMinimumSize(360, 260);
    mRoc->setMinimumSize(260, 260);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mHistogram, 3);
    layout->addWidget(mRoc, 2);
    clear();
}

void AnomalyPlots::clear()
{
    mHistogram->clearGraphs();
    mHistogramTitle->setText(tr("Scores per class"));
    mHistogram->replot();
    clearRoc(tr("ROC: pick a normal class"));
}

void AnomalyPlots::setHistograms(const gs::ScoreHistograms &h, const QStringList &names, const QString &scoreName,
                                 int normalClass)
{
    mHistogram->clearGraphs();
    const double width = h.high > h.low ? (h.high - h.low) / h.bins : 1.0;
    double top = 1;
    for (size_t c = 0; c < h.classes.size(); ++c) {
        const int label = h.classes[c];
        QVector<double> x, y;
        for (int b = 0; b < h.bins; ++b) {
            x << h.low + (b + 0.5) * width;
            y << h.counts[c][b];
            top = std::max(top, double(h.counts[c][b]));
        }
        QCPGraph *graph = mHistogram->addGraph();
        graph->setData(x, y, true);
        graph->setLineStyle(QCPGraph::lsStepCenter);
        QPen pen(classColour(label));
        pen.setWidthF(label == normalClass ? 3.0 : 1.3);
        graph->setPen(pen);
        graph->setName(label >= 0 && label < names.size() ? names[label] : tr("unlabelled"));
    }
    mHistogram->xAxis->setLabel(scoreName + tr(" (higher: less typical)"));
    mHistogram->xAxis->setRange(h.low - width, h.high + width);
    mHistogram->yAxis->setRange(0, top * 1.08);
    mHistogramTitle->setText(tr("Scores per class"));
    mHistogram->replot();
}

void AnomalyPlots::setRoc(const gs::RocCurve &roc, const QString &title)
{
    mRoc->clearPlottables();
    QCPGraph *chance = mRoc->addGraph();
    chance->setData({0.0, 1.0}, {0.0, 1.0});
    chance->setPen(QPen(QColor(0x99, 0x99, 0x99), 1, Qt::DashLine));
    // A parametric curve keeps the points in threshold order (vertical steps included).
    mRocCurve = new QCPCurve(mRoc->xAxis, mRoc->yAxis);
    mRocCurve->setData(QVector<double>(roc.fpr.begin(), roc.fpr.end()), QVector<double>(roc.tpr.begin(), roc.tpr.end()));
    mRocCurve->setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
    mRocTitle->setText(title);
    mRoc->replot();
}

void AnomalyPlots::clearRoc(const QString &why)
{
    mRoc->clearPlottables();
    mRocCurve = nullptr;
    mRocTitle->setText(why);
    mRoc->replot();
}

int AnomalyPlots::histogramTotal() const
{
    double total = 0;
    for (int g = 0; g < mHistogram->graphCount(); ++g) {
        for (auto it = mHistogram->graph(g)->data()->constBegin(); it != mHistogram->graph(g)->data()->constEnd(); ++it)
            total += it->value;
    }
    return int(total);
}

int AnomalyPlots::histogramCurves() const
{
    return mHistogram->graphCount();
}

int AnomalyPlots::rocPoints() const
{
    return mRocCurve ? mRocCurve->dataCount() : 0;
}

QString AnomalyPlots::rocTitle() const
{
    return mRocTitle->text();
}
