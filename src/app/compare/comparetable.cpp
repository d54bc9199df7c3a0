#include "compare/comparetable.h"

#include <QHeaderView>

#include "compare/compareplot.h"

CompareTable::CompareTable(QWidget *parent)
    : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setMinimumHeight(110);
}

void CompareTable::setRuns(const std::vector<gs::RunRecord> &runs)
{
    mTable = gs::compare_runs(runs);
    clear();
    setColumnCount(int(mTable.columns.size()));
    setRowCount(int(mTable.text.size()));
    for (int c = 0; c < columnCount(); ++c) {
        const gs::ComparisonColumn &column = mTable.columns[c];
        auto *header = new QTableWidgetItem(QString::fromStdString(column.title));
        const QString better = QString::fromLatin1(gs::better_text(column.better));
        if (!better.isEmpty())
            header->setToolTip(tr("%1: %2; ★ marks the best run").arg(QString::fromStdString(column.title), better));
        setHorizontalHeaderItem(c, header);
    }
    for (int r = 0; r < rowCount(); ++r) {
        for (int c = 0; c < columnCount(); ++c) {
            auto *item = new QTableWidgetItem(QString::fromStdString(mTable.text[r][c]));
            if (mTable.columns[c].numeric)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 0) {
                QPixmap swatch(10, 10);
                swatch.fill(ComparePlot::runColor(r));
                item->setIcon(QIcon(swatch));
            }
            setItem(r, c, item);
        }
    }
    for (int c = 0; c < columnCount(); ++c) {
        const gs::ComparisonColumn &column = mTable.columns[c];
        if (column.best_row < 0 || rowCount() < 2)
            continue;
        QTableWidgetItem *best = item(column.best_row, c);
        QFont bold = best->font();
        bold.setBold(true);
        best->setFont(bold);
        best->setText(QStringLiteral("★ ") + best->text());
        best->setBackground(QColor(0xdf, 0xf3, 0xd8));
        best->setToolTip(tr("Best of the runs (%1)").arg(QString::fromLatin1(gs::better_text(column.better))));
    }
}

int CompareTable::bestRow(const QString &title) const
{
    for (const gs::ComparisonColumn &column : mTable.columns) {
        if (QString::fromStdString(column.title) == title)
            return column.best_row;
    }
    return -1;
}

QByteArray CompareTable::toCsv() const
{
    return QByteArray::fromStdString(gs::comparison_csv(mTable));
}
