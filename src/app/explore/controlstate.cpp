// controlstate.cpp — see controlstate.h.
#include "explore/controlstate.h"

#include <cmath>

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

QJsonObject ControlState::save(const QList<QWidget *> &controls)
{
    QJsonObject state;
    for (QWidget *w : controls) {
        if (!w || w->objectName().isEmpty())
            continue;
        const QString key = w->objectName();
        if (auto *spin = qobject_cast<QSpinBox *>(w))
            state.insert(key, spin->value());
        else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w))
            state.insert(key, dspin->value());
        else if (auto *slider = qobject_cast<QAbstractSlider *>(w))
            state.insert(key, slider->value());
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            state.insert(key, combo->currentText());
        else if (auto *button = qobject_cast<QAbstractButton *>(w); button && button->isCheckable())
            state.insert(key, button->isChecked());
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            state.insert(key, edit->text());
    }
    return state;
}

QStringList ControlState::apply(const QJsonObject &state, const QList<QWidget *> &controls)
{
    QStringList set;
    for (QWidget *w : controls) {
        if (!w || w->objectName().isEmpty() || !state.contains(w->objectName()))
            continue;
        const QJsonValue value = state.value(w->objectName());
        if (auto *spin = qobject_cast<QSpinBox *>(w)) {
            if (!value.isDouble())
                continue;
            const double v = value.toDouble();
            if (v < spin->minimum() || v > spin->maximum() || v != std::floor(v))
                continue;
            spin->setValue(int(v));
        } else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w)) {
            if (!value.isDouble() || value.toDouble() < dspin->minimum()
                || value.toDouble() > dspin->maximum())
                continue;
            dspin->setValue(value.toDouble());
        } else if (auto *slider = qobject_cast<QAbstractSlider *>(w)) {
            const double v = value.toDouble(-1e300);
            if (!value.isDouble() || v < slider->minimum() || v > slider->maximum() || v != std::floor(v))
                continue;
            slider->setValue(int(v));
        } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            const int index = combo->findText(value.toString());
            if (!value.isString() || index < 0)
                continue;
            combo->setCurrentIndex(index);
        } else if (auto *button = qobject_cast<QAbstractButton *>(w);
                   button && button->isCheckable()) {
            if (!value.isBool())
                continue;
            button->setChecked(value.toBool());
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            if (!value.isString())
                continue;
            edit->setText(value.toString());
        } else {
            continue;
        }
        set << w->objectName();
    }
    return set;
}

void ControlState::restore(const QJsonObject &state, const QList<QWidget *> &controls)
{
    mPending = state;
    mSecondChance = false;
    apply(state, controls);
}

void ControlState::modelArrived(const QList<QWidget *> &controls)
{
    if (mPending.isEmpty())
        return;
    const QStringList set = apply(mPending, controls);
    if (mSecondChance) {
        mPending = {};
        return;
    }
    for (const QString &key : set)
        mPending.remove(key);
    mSecondChance = true;
}

bool ControlState::wholeNumberFrom(const QJsonValue &value, qint64 min, qint64 max, qint64 *out)
{
    const double v = value.toDouble();
    // The range first: converting a double beyond qint64's range is undefined (and
    // double(max) rounds up to 2^63 when max is qint64's largest value).
    if (!value.isDouble() || !(v >= double(min) && v <= double(max) && v < 9223372036854775808.0)
        || v != std::floor(v))
        return false;
    *out = qint64(v);
    return true;
}

bool ControlState::seedFrom(const QJsonValue &value, unsigned long *seed)
{
    qint64 v = 0;
    if (!wholeNumberFrom(value, 0, qint64(1) << 53, &v))
        return false;
    *seed = static_cast<unsigned long>(v);
    return true;
}
