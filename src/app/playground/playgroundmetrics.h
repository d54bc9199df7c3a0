// playgroundmetrics.h — the strip of quality metrics under the playground's
// plot: modes covered (of how many), the share of high-quality samples, and
// the KL and JS divergence estimates the trainer evaluates at its log
// interval. Each tile explains its metric in a tooltip; a metric the data does
// not define (modes of the moons) reads "n/a", one not measured yet "–".
//
// Ownership: a plain widget, owned by its parent. Thread affinity: GUI thread.
// Failure modes: none; unknown names are ignored, NaN reads "–".
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <string>

class QLabel;

class PlaygroundMetrics : public QWidget
{
    Q_OBJECT

public:
    explicit PlaygroundMetrics(QWidget *parent = nullptr);

    // Shows the newest metrics of a run on `datasetId` (which gives the
    // number of modes: the trainer reports only how many are covered).
    void showMetrics(const QStringList &names, const QVector<double> &values,
                     const std::string &datasetId);
    void clear(); // every tile "–"

    // The number of modes of the data sets made of separate modes, else 0.
    static int modeTotal(const std::string &datasetId);

private:
    QLabel *mTiles[4] = {}; // modes, high quality, KL, JS
};
