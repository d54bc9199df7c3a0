// lessoncontrols.cpp — controls moved and read back by lessons (lessoncontrols.h).
#include "lessons/lessoncontrols.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

namespace LessonControls {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LessonControls", text);
}

} // namespace

QString valueText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

QString setValue(QWidget *control, const QString &name, const QJsonValue &value)
{
    if (auto *slider = qobject_cast<QAbstractSlider *>(control)) {
        slider->setValue(value.toInt());
    } else if (auto *spin = qobject_cast<QSpinBox *>(control)) {
        spin->setValue(value.toInt());
    } else if (auto *real = qobject_cast<QDoubleSpinBox *>(control)) {
        real->setValue(value.toDouble());
    } else if (auto *combo = qobject_cast<QComboBox *>(control)) {
        int index = value.isDouble() ? value.toInt() : combo->findText(value.toString());
        if (!value.isDouble() && index < 0)
            index = combo->findData(value.toString());
        if (index < 0 || index >= combo->count())
            return tr("The list “%1” has no entry “%2”.").arg(name, valueText(value));
        combo->setCurrentIndex(index);
    } else if (auto *button = qobject_cast<QAbstractButton *>(control); button && button->isCheckable()) {
        if (button->isChecked() != value.toBool())
            button->click();
    } else if (auto *edit = qobject_cast<QLineEdit *>(control)) {
        edit->setText(valueText(value));
    } else {
        return tr("The control “%1” is not a slider, spin box, list, check box or text field.").arg(name);
    }
    return {};
}

QString valueGap(QWidget *control, const QString &name, const QJsonValue &value)
{
    QString now;
    bool same = false;
    if (auto *slider = qobject_cast<QAbstractSlider *>(control)) {
        same = slider->value() == value.toInt();
        now = QString::number(slider->value());
    } else if (auto *spin = qobject_cast<QSpinBox *>(control)) {
        same = spin->value() == value.toInt();
        now = QString::number(spin->value());
    } else if (auto *real = qobject_cast<QDoubleSpinBox *>(control)) {
        same = qAbs(real->value() - value.toDouble()) < 1e-9;
        now = QString::number(real->value());
    } else if (auto *combo = qobject_cast<QComboBox *>(control)) {
        same = value.isDouble() ? combo->currentIndex() == value.toInt()
                                : combo->currentText() == value.toString()
                                      || combo->currentData().toString() == value.toString();
        now = combo->currentText();
    } else if (auto *button = qobject_cast<QAbstractButton *>(control)) {
        same = button->isChecked() == value.toBool();
        now = button->isChecked() ? QStringLiteral("on") : QStringLiteral("off");
    } else if (auto *edit = qobject_cast<QLineEdit *>(control)) {
        same = edit->text() == valueText(value);
        now = edit->text();
    }
    return same ? QString() : tr("“%1” shows %2, not %3").arg(name, now, valueText(value));
}

} // namespace LessonControls
