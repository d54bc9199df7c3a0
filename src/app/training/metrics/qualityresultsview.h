// qualityresultsview.h — what one quality evaluation found, as the Metrics
// panel shows it: a table (metric, value, the real-vs-real reference, whether
// lower or higher is better, a note), the sentences of the metrics that do
// not apply, and the class histogram of generated samples against the test
// images (QCustomPlot bars, the mode-collapse view). Scores on images are the
// GenStudio classifier's, and the labels say so.
//
// Ownership: a widget of the panel; keeps a copy of the report it shows.
// The metric column's items hold the report key as Qt::UserRole.
// Thread affinity: GUI thread. Failure modes: none; NaN cells read "—", an
// empty histogram hides the plot.
#pragma once

#include <QWidget>

#include "core/explore/quality_explorer.h"

class QLabel;
class QTableWidget;
class QCustomPlot;
class QCPBars;

class QualityResultsView : public QWidget
{
    Q_OBJECT

public:
    explicit QualityResultsView(QWidget *parent = nullptr);

    void showReport(const gs::QualityReport &report);
    void clear();
    bool hasReport() const { return mHasReport; }
    const gs::QualityReport &report() const { return mReport; }

    QTableWidget *table() const { return mTable; }
    QLabel *notApplicableLabel() const { return mNotApplicable; }
    QCustomPlot *histogram() const { return mHistogram; }
    // The bars' values (generated, real) for tests.
    QCPBars *generatedBars() const { return mGenerated; }
    QCPBars *realBars() const { return mReal; }

    static QString formatValue(double value);

private:
    void showHistogram(const gs::QualityReport &report);

    QTableWidget *mTable = nullptr;
    QLabel *mNotApplicable = nullptr;
    QLabel *mHistogramCaption = nullptr;
    QCustomPlot *mHistogram = nullptr;
    QCPBars *mGenerated = nullptr;
    QCPBars *mReal = nullptr;
    gs::QualityReport mReport;
    bool mHasReport = false;
};
