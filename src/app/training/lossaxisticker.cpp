#include "training/lossaxisticker.h"

#include <cmath>

void LossAxisTicker::generate(const QCPRange &range, const QLocale &locale, QChar formatChar,
                              int precision, QVector<double> &ticks, QVector<double> *subTicks,
                              QVector<QString> *tickLabels)
{
    const double lower = range.lower;
    const double upper = range.upper;
    if (!mLogarithmic || !(lower > 0) || upper / lower < 4.0) {
        QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
        return;
    }

    const int first = int(std::floor(std::log10(lower)));
    const int last = int(std::ceil(std::log10(upper)));
    const int decades = last - first;
    QVector<double> mantissas;
    if (decades <= 2)
        mantissas = {1, 2, 5};
    else if (decades <= 4)
        mantissas = {1, 3};
    else
        mantissas = {1};
    const int decadeStep = std::max(1, decades / 8);

    ticks.clear();
    if (subTicks)
        subTicks->clear();
    for (int k = first; k <= last; ++k) {
        const double decade = std::pow(10.0, k);
        const bool labelled = (k - first) % decadeStep == 0;
        for (int m = 1; m <= 9; ++m) {
            const double value = m * decade;
            if (value < lower * (1 - 1e-12) || value > upper * (1 + 1e-12))
                continue;
            if (labelled && mantissas.contains(double(m)))
                ticks.append(value);
            else if (subTicks && (decades <= 4 || m == 1))
                subTicks->append(value);
        }
    }
    if (tickLabels) {
        tickLabels->clear();
        for (double tick : ticks)
            tickLabels->append(getTickLabel(tick, locale, formatChar, precision));
    }
}
