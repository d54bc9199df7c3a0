// logspinbox.h — a spin box for positive values spanning decades (learning
// rates): shows "0.0003" or "1e-05", accepts scientific notation and steps
// along 1-2-5 per decade instead of by a fixed amount.
//
// Ownership: a plain widget, owned by its parent. Thread affinity: GUI thread.
// Failure modes: text that does not parse or lies outside the range is held as
// Intermediate by the validator and never becomes the value.
#pragma once

#include <QDoubleSpinBox>

class LogSpinBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit LogSpinBox(QWidget *parent = nullptr);

    // The range must be positive; minimum > 0.
    void setLogRange(double minimum, double maximum);

    // The next (steps > 0) or previous value on the 1-2-5 grid, |steps| times.
    static double stepValue(double value, int steps);

    void stepBy(int steps) override;
    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;

protected:
    StepEnabled stepEnabled() const override;
};
