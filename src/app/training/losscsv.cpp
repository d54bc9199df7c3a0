#include "training/losscsv.h"

#include <cmath>

QByteArray lossPointsToCsv(const QStringList &names, const std::vector<LossPoint> &points)
{
    QByteArray csv = "step";
    for (const QString &name : names)
        csv += ',' + name.toUtf8();
    csv += '\n';
    for (const LossPoint &point : points) {
        csv += QByteArray::number(qint64(point.step));
        for (int i = 0; i < names.size(); ++i) {
            const double value = size_t(i) < point.values.size() ? point.values[size_t(i)] : NAN;
            csv += ',';
            if (std::isfinite(value))
                csv += QByteArray::number(value, 'g', 9);
            else if (std::isnan(value))
                csv += "nan";
            else
                csv += value > 0 ? "inf" : "-inf";
        }
        csv += '\n';
    }
    return csv;
}
