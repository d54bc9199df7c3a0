// anomalyplots.h — the Anomaly view's two plots: histograms of the scores per
// class on common bins (one step curve per class, the normal class drawn
// bold) and the ROC curve of telling the other classes from the normal one,
// with the chance diagonal and its AUROC in the title.
//
// Ownership: widgets owned by their parent. Thread affinity: GUI thread.
// Failure modes: none; empty inputs show a placeholder sentence.
#pragma once

#include <QStringList>
#include <QWidget>

#include "core/metrics/anomaly.h"

class QCustomPlot;
class QCPCurve;
class QCPTextElement;

class AnomalyPlots : public QWidget
{
    Q_OBJECT

public:
    explicit AnomalyPlots(QWidget *parent = nullptr);

    // names[k] is the name of label k; −1 is "unlabelled".
    void setHistograms(const gs::ScoreHistograms &histograms, const QStringList &names,
                       const QString &scoreName, int normalClass);
    void setRoc(const gs::RocCurve &roc, const QString &title);
    void clearRoc(const QString &why);
    void clear();

    // What the plots show, read back from their graphs (for tests).
    int histogramTotal() const;  // sum of every class's bin counts
    int histogramCurves() const;
    int rocPoints() const;
    QString rocTitle() const;

    QCustomPlot *histogramPlot() const { return mHistogram; }
    QCustomPlot *rocPlot() const { return mRoc; }

private:
    QCustomPlot *mHistogram;
    QCustomPlot *mRoc;
    QCPCurve *mRocCurve = nullptr;
    QCPTextElement *mRocTitle = nullptr;
    QCPTextElement *mHistogramTitle = nullptr;
};
