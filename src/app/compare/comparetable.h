// comparetable.h — the compare view's table: one row per run (model, dataset,
// steps, wall time, the last and the best value of every loss and metric),
// the best value of each ranked column marked (bold, a ★ and a tinted cell;
// its header says whether lower or higher is better), the run's colour beside
// its name. The numbers come from gs::compare_runs, the CSV from
// gs::comparison_csv.
//
// Ownership: a QTableWidget owned by the view; the table is a copy. Thread
// affinity: GUI thread. Failure modes: none; empty cells stay empty.
#pragma once

#include <QTableWidget>

#include <vector>

#include "core/train/run_comparison.h"

class CompareTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit CompareTable(QWidget *parent = nullptr);

    void setRuns(const std::vector<gs::RunRecord> &runs);
    const gs::ComparisonTable &comparison() const { return mTable; }
    // The row marked best in the column titled `title` (−1: none).
    int bestRow(const QString &title) const;
    QByteArray toCsv() const;

private:
    gs::ComparisonTable mTable;
};
