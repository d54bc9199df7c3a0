// lossaxisticker.h — y-axis ticks for loss curves. On a logarithmic axis that
// spans several decades it labels 1-2-5 (or 1-3, or 1) times powers of ten with
// the other digits as sub-ticks; on a narrow range (losses between 240 and 300)
// where a plain log ticker would print no label at all, it falls back to evenly
// spaced readable ticks.
//
// Ownership: shared by its axis through QSharedPointer. Thread affinity: GUI
// thread. Failure modes: none; non-positive ranges use the linear ticks.
#pragma once

#include <qcustomplot.h>

class LossAxisTicker : public QCPAxisTicker
{
public:
    void setLogarithmic(bool on) { mLogarithmic = on; }
    bool logarithmic() const { return mLogarithmic; }

    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
                  QVector<double> &ticks, QVector<double> *subTicks,
                  QVector<QString> *tickLabels) override;

private:
    bool mLogarithmic = false;
};
