#include "widgets/logspinbox.h"

#include <QLocale>

#include <cmath>

namespace {

constexpr int kInternalDecimals = 12; // QDoubleSpinBox rounds values to this
constexpr double kMantissas[] = {1.0, 2.0, 5.0};

bool parse(const QString &text, double &value)
{
    QString trimmed = text.trimmed();
    bool ok = false;
    value = QLocale::c().toDouble(trimmed, &ok);
    if (!ok)
        value = QLocale().toDouble(trimmed, &ok);
    return ok && std::isfinite(value);
}

} // namespace

LogSpinBox::LogSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(kInternalDecimals);
    setKeyboardTracking(false);
    setAccelerated(false);
    setLogRange(1e-6, 1.0);
}

void LogSpinBox::setLogRange(double minimum, double maximum)
{
    if (!(minimum > 0))
        minimum = 1e-12;
    if (maximum < minimum)
        maximum = minimum;
    setRange(minimum, maximum);
}

double LogSpinBox::stepValue(double value, int steps)
{
    if (!(value > 0))
        return value;
    const double eps = 1e-9;
    while (steps != 0) {
        const double exponent = std::floor(std::log10(value));
        const double decade = std::pow(10.0, exponent);
        const double mantissa = value / decade; // [1, 10)
        double next = 0;
        if (steps > 0) {
            next = 10.0 * decade;
            for (double m : kMantissas) {
                if (m > mantissa * (1 + eps)) {
                    next = m * decade;
                    break;
                }
            }
            --steps;
        } else {
            next = 0.5 * decade;
            for (auto it = std::rbegin(kMantissas); it != std::rend(kMantissas); ++it) {
                if (*it < mantissa * (1 - eps)) {
                    next = *it * decade;
                    break;
                }
            }
            ++steps;
        }
        value = next;
    }
    return value;
}

void LogSpinBox::stepBy(int steps)
{
    const double target = qBound(minimum(), stepValue(value(), steps), maximum());
    setValue(target);
    selectAll();
}

QAbstractSpinBox::StepEnabled LogSpinBox::stepEnabled() const
{
    StepEnabled enabled = StepNone;
    if (value() < maximum() * (1 - 1e-9))
        enabled |= StepUpEnabled;
    if (value() > minimum() * (1 + 1e-9))
        enabled |= StepDownEnabled;
    return enabled;
}

QString LogSpinBox::textFromValue(double value) const
{
    // Four significant digits: 0.001, 0.0003, 2.5e-05, 0.1234.
    return QLocale::c().toString(value, 'g', 4);
}

double LogSpinBox::valueFromText(const QString &text) const
{
    double value = 0;
    if (!parse(text, value))
        return this->value();
    return value;
}

QValidator::State LogSpinBox::validate(QString &text, int &pos) const
{
    Q_UNUSED(pos);
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QValidator::Intermediate;
    for (QChar c : trimmed) {
        if (!(c.isDigit() || c == QLatin1Char('.') || c == QLatin1Char('e') || c == QLatin1Char('E')
              || c == QLatin1Char('-') || c == QLatin1Char('+')
              || c == QLocale().decimalPoint().at(0)))
            return QValidator::Invalid;
    }
    double value = 0;
    if (!parse(trimmed, value))
        return QValidator::Intermediate; // "1e", "0." while typing
    if (value < minimum() * (1 - 1e-9) || value > maximum() * (1 + 1e-9))
        return QValidator::Intermediate;
    return QValidator::Acceptable;
}
