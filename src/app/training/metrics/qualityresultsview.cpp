#include "training/metrics/qualityresultsview.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include <qcustomplot.h>

namespace {

enum Column { kMetric, kValue, kReference, kBetter, kNote, kColumns };

QTableWidgetItem *cell(const QString &text, const QString &tip = QString())
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (!tip.isEmpty())
        item->setToolTip(tip);
    return item;
}

} // namespace

QualityResultsView::QualityResultsView(QWidget *parent)
    : QWidget(parent)
{
    mTable = new QTableWidget(0, kColumns, this);
    mTable->setObjectName(QStringLiteral("qualityTable"));
    mTable->setHorizontalHeaderLabels(
        {tr("Metric"), tr("Value"), tr("Real vs real"), tr("Better"), tr("Note")});
    mTable->horizontalHeaderItem(kReference)
        ->setToolTip(tr("The same metric between the training and the test images: the value a "
                        "perfect model would get, so the scale is clear."));
    mTable->verticalHeader()->setVisible(false);
    // The metric's label takes what is left (elided; the whole label and the
    // key in its tooltip), the numbers their width, the note a column of its own.
    QHeaderView *header = mTable->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(kMetric, QHeaderView::Stretch);
    for (int column : {kValue, kReference, kBetter})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(kNote, QHeaderView::Interactive);
    header->resizeSection(kNote, 90);
    mTable->setTextElideMode(Qt::ElideRight);
    mTable->setSelectionMode(QAbstractItemView::ContiguousSelection);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setWordWrap(false);

    mNotApplicable = new QLabel(this);
    mNotApplicable->setObjectName(QStringLiteral("notApplicableLabel"));
    mNotApplicable->setWordWrap(true);
    mNotApplicable->setTextFormat(Qt::RichText);
    mNotApplicable->setVisible(false);

    mHistogramCaption = new QLabel(
        tr("<b>Class histogram</b> of generated samples (GenStudio classifier) against the test "
           "images: a model that drops classes shows gaps here."),
        this);
    mHistogramCaption->setWordWrap(true);
    mHistogram = new QCustomPlot(this);
    mHistogram->setObjectName(QStringLiteral("classHistogram"));
    mHistogram->setMinimumHeight(170);
    mGenerated = new QCPBars(mHistogram->xAxis, mHistogram->yAxis);
    mGenerated->setName(tr("generated"));
    mGenerated->setBrush(QColor(0x2f, 0x6f, 0xb5, 200));
    mGenerated->setPen(Qt::NoPen);
    mGenerated->setWidth(0.38);
    mReal = new QCPBars(mHistogram->xAxis, mHistogram->yAxis);
    mReal->setName(tr("test images"));
    mReal->setBrush(QColor(0x99, 0x99, 0x99, 170));
    mReal->setPen(Qt::NoPen);
    mReal->setWidth(0.38);
    auto *group = new QCPBarsGroup(mHistogram);
    group->append(mGenerated);
    group->append(mReal);
    group->setSpacing(1);
    mHistogram->yAxis->setLabel(tr("share of samples"));
    mHistogram->legend->setVisible(true);
    mHistogram->legend->setFont(font());
    mHistogram->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    mHistogram->xAxis->setTickLabelRotation(45);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mTable, 2);
    layout->addWidget(mNotApplicable);
    layout->addWidget(mHistogramCaption);
    layout->addWidget(mHistogram, 3);
    clear();
}

QString QualityResultsView::formatValue(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    const double magnitude = std::fabs(value);
    if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6))
        return QLocale().toString(value, 'e', 3);
    return QLocale().toString(value, 'g', magnitude >= 1000 ? 7 : 4);
}

void QualityResultsView::clear()
{
    mHasReport = false;
    mReport = {};
    mTable->setRowCount(0);
    mNotApplicable->clear();
    mNotApplicable->setVisible(false);
    mGenerated->data()->clear();
    mReal->data()->clear();
    mHistogramCaption->setVisible(false);
    mHistogram->setVisible(false);
}

void QualityResultsView::showReport(const gs::QualityReport &report)
{
    mReport = report;
    mHasReport = true;
    mTable->setRowCount(int(report.metrics.size()));
    for (int row = 0; row < int(report.metrics.size()); ++row) {
        const gs::QualityMetric &metric = report.metrics[size_t(row)];
        const QString label = QString::fromStdString(metric.label.empty() ? metric.key : metric.label);
        QTableWidgetItem *name = cell(label, label + QStringLiteral(" · ") + QString::fromStdString(metric.key));
        name->setData(Qt::UserRole, QString::fromStdString(metric.key));
        mTable->setItem(row, kMetric, name);
        mTable->setItem(row, kValue, cell(formatValue(metric.value)));
        mTable->setItem(row, kReference,
                        cell(formatValue(metric.reference),
                             std::isfinite(metric.reference)
                                 ? tr("Training images against test images")
                                 : tr("This metric has no real-vs-real value")));
        mTable->setItem(row, kBetter, cell(metric.higher_is_better ? tr("higher") : tr("lower")));
        mTable->setItem(row, kNote, cell(QString::fromStdString(metric.note),
                                         QString::fromStdString(metric.note)));
    }

    QStringList sentences;
    for (const std::string &sentence : report.not_applicable)
        sentences << QString::fromStdString(sentence).toHtmlEscaped();
    mNotApplicable->setText(sentences.isEmpty()
                                ? QString()
                                : tr("<b>Not applicable</b><ul style=\"margin-left:-20px\"><li>%1"
                                     "</li></ul>")
                                      .arg(sentences.join(QStringLiteral("</li><li>"))));
    mNotApplicable->setVisible(!sentences.isEmpty());
    showHistogram(report);
}

void QualityResultsView::showHistogram(const gs::QualityReport &report)
{
    const int classes = int(report.class_histogram.size());
    const bool shown = classes > 0;
    mHistogramCaption->setVisible(shown);
    mHistogram->setVisible(shown);
    mGenerated->data()->clear();
    mReal->data()->clear();
    if (!shown)
        return;
    QVector<double> ticks;
    QVector<QString> names;
    double top = 0;
    for (int i = 0; i < classes; ++i) {
        ticks << i;
        names << (i < int(report.class_names.size()) ? QString::fromStdString(report.class_names[size_t(i)])
                                                     : QString::number(i));
        const double generated = report.class_histogram[size_t(i)];
        mGenerated->addData(i, generated);
        top = std::max(top, generated);
        if (i < int(report.real_class_histogram.size())) {
            const double real = report.real_class_histogram[size_t(i)];
            mReal->addData(i, real);
            top = std::max(top, real);
        }
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTicks(ticks, names);
    mHistogram->xAxis->setTicker(ticker);
    mHistogram->xAxis->setRange(-0.6, classes - 0.4);
    mHistogram->yAxis->setRange(0, std::max(0.05, top * 1.4)); // room for the legend
    mHistogram->replot();
}
