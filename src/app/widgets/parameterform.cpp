#include "widgets/parameterform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

#include "widgets/logspinbox.h"

namespace {

int clampToInt(double value)
{
    if (value >= double(INT_MAX))
        return INT_MAX;
    if (value <= double(INT_MIN))
        return INT_MIN;
    return int(std::lround(value));
}

bool parseDouble(const QString &text, double &value)
{
    bool ok = false;
    value = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok && std::isfinite(value);
}

bool parseBool(const QString &text, bool &value)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes")
        || t == QLatin1String("on")) {
        value = true;
        return true;
    }
    if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no")
        || t == QLatin1String("off")) {
        value = false;
        return true;
    }
    return false;
}

// Decimals and step for a linear float range: enough digits to show a
// hundredth of the range, at least two.
void configureLinear(QDoubleSpinBox *box, double minimum, double maximum)
{
    const double span = std::max(maximum - minimum, 1e-12);
    const double step = std::pow(10.0, std::floor(std::log10(span / 100.0)));
    const int decimals = std::clamp(int(-std::floor(std::log10(step))), 2, 8);
    box->setDecimals(decimals);
    box->setRange(minimum, maximum);
    box->setSingleStep(step);
    box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
}

QString tooltipFor(const gs::ParamSpec &spec)
{
    QString range;
    switch (spec.type) {
    case gs::ParamSpec::Type::Int:
    case gs::ParamSpec::Type::Float:
        range = ParameterForm::tr("Range %1 – %2.")
                    .arg(QString::fromStdString(gs::format_number(spec.min)),
                         QString::fromStdString(gs::format_number(spec.max)));
        break;
    case gs::ParamSpec::Type::Choice:
    case gs::ParamSpec::Type::Bool:
        break;
    }
    QString tip = QStringLiteral("<p>%1</p><p><small>")
                      .arg(QString::fromStdString(spec.help).toHtmlEscaped());
    if (!range.isEmpty())
        tip += range + QLatin1Char(' ');
    tip += ParameterForm::tr("Default %1. Key <code>%2</code>.")
               .arg(QString::fromStdString(spec.default_value).toHtmlEscaped(),
                    QString::fromStdString(spec.key).toHtmlEscaped());
    tip += QStringLiteral("</small></p>");
    return tip;
}

} // namespace

ParameterForm::ParameterForm(QWidget *parent)
    : QWidget(parent)
    , mLayout(new QFormLayout(this))
{
    mLayout->setContentsMargins(0, 0, 0, 0);
    mLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    mLayout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    mLayout->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void ParameterForm::setSpecs(const std::vector<gs::ParamSpec> &specs)
{
    while (mLayout->rowCount() > 0)
        mLayout->removeRow(0);
    mEditors.clear();
    mSpecs = specs;

    for (const gs::ParamSpec &spec : mSpecs) {
        QWidget *editor = createEditor(spec);
        const QString key = QString::fromStdString(spec.key);
        editor->setObjectName(QStringLiteral("param_") + key);
        const QString tip = tooltipFor(spec);
        editor->setToolTip(tip);
        QWidget *labelWidget = nullptr;
        if (spec.type == gs::ParamSpec::Type::Bool) {
            // The check box carries its own label; keep the column aligned.
            labelWidget = new QLabel(this);
        } else {
            auto *label = new QLabel(QString::fromStdString(spec.label) + QLatin1Char(':'), this);
            label->setBuddy(editor);
            label->setToolTip(tip);
            labelWidget = label;
        }
        mLayout->addRow(labelWidget, editor);
        mEditors.insert(key, editor);
    }
}

QWidget *ParameterForm::createEditor(const gs::ParamSpec &spec)
{
    const QString key = QString::fromStdString(spec.key);
    const QString def = QString::fromStdString(spec.default_value);
    auto notify = [this, key] { emit valueEdited(key); };
    QWidget *editor = nullptr;

    switch (spec.type) {
    case gs::ParamSpec::Type::Int: {
        auto *box = new QSpinBox(this);
        box->setRange(clampToInt(spec.min), clampToInt(spec.max));
        box->setKeyboardTracking(false);
        box->setGroupSeparatorShown(spec.max >= 10000);
        connect(box, &QSpinBox::valueChanged, this, notify);
        editor = box;
        break;
    }
    case gs::ParamSpec::Type::Float: {
        QDoubleSpinBox *box = nullptr;
        if (spec.log_scale && spec.min > 0) {
            auto *logBox = new LogSpinBox(this);
            logBox->setLogRange(spec.min, spec.max);
            box = logBox;
        } else {
            box = new QDoubleSpinBox(this);
            box->setKeyboardTracking(false);
            configureLinear(box, spec.min, spec.max);
        }
        connect(box, &QDoubleSpinBox::valueChanged, this, notify);
        editor = box;
        break;
    }
    case gs::ParamSpec::Type::Choice: {
        auto *combo = new QComboBox(this);
        for (const std::string &choice : spec.choices)
            combo->addItem(QString::fromStdString(choice));
        connect(combo, &QComboBox::currentIndexChanged, this, notify);
        editor = combo;
        break;
    }
    case gs::ParamSpec::Type::Bool: {
        auto *check = new QCheckBox(QString::fromStdString(spec.label), this);
        connect(check, &QCheckBox::toggled, this, notify);
        editor = check;
        break;
    }
    }
    setEditorValue(spec, editor, def);
    return editor;
}

void ParameterForm::setEditorValue(const gs::ParamSpec &spec, QWidget *editor, const QString &text)
{
    switch (spec.type) {
    case gs::ParamSpec::Type::Int: {
        double value = 0;
        if (parseDouble(text, value))
            static_cast<QSpinBox *>(editor)->setValue(clampToInt(value));
        break;
    }
    case gs::ParamSpec::Type::Float: {
        double value = 0;
        if (parseDouble(text, value))
            static_cast<QDoubleSpinBox *>(editor)->setValue(value);
        break;
    }
    case gs::ParamSpec::Type::Choice: {
        auto *combo = static_cast<QComboBox *>(editor);
        const int index = combo->findText(text);
        if (index >= 0)
            combo->setCurrentIndex(index);
        break;
    }
    case gs::ParamSpec::Type::Bool: {
        bool value = false;
        if (parseBool(text, value))
            static_cast<QCheckBox *>(editor)->setChecked(value);
        break;
    }
    }
}

QString ParameterForm::valueText(const gs::ParamSpec &spec, QWidget *editor)
{
    switch (spec.type) {
    case gs::ParamSpec::Type::Int:
        return QString::number(static_cast<QSpinBox *>(editor)->value());
    case gs::ParamSpec::Type::Float:
        return QString::fromStdString(
            gs::format_number(static_cast<QDoubleSpinBox *>(editor)->value()));
    case gs::ParamSpec::Type::Choice:
        return static_cast<QComboBox *>(editor)->currentText();
    case gs::ParamSpec::Type::Bool:
        return static_cast<QCheckBox *>(editor)->isChecked() ? QStringLiteral("true")
                                                             : QStringLiteral("false");
    }
    return {};
}

gs::ParamValues ParameterForm::values() const
{
    gs::ParamValues result;
    for (const gs::ParamSpec &spec : mSpecs) {
        QWidget *editor = mEditors.value(QString::fromStdString(spec.key));
        if (editor)
            result[spec.key] = valueText(spec, editor).toStdString();
    }
    return result;
}

void ParameterForm::setValues(const gs::ParamValues &values)
{
    for (const gs::ParamSpec &spec : mSpecs) {
        const auto it = values.find(spec.key);
        QWidget *editor = mEditors.value(QString::fromStdString(spec.key));
        if (it != values.end() && editor)
            setEditorValue(spec, editor, QString::fromStdString(it->second));
    }
}

void ParameterForm::resetToDefaults()
{
    for (const gs::ParamSpec &spec : mSpecs) {
        QWidget *editor = mEditors.value(QString::fromStdString(spec.key));
        if (editor)
            setEditorValue(spec, editor, QString::fromStdString(spec.default_value));
    }
}

void ParameterForm::setTrainingActive(bool active)
{
    for (auto it = mEditors.cbegin(); it != mEditors.cend(); ++it) {
        const bool live = mLiveKeys.contains(it.key());
        it.value()->setEnabled(!active || live);
        QWidget *label = mLayout->labelForField(it.value());
        if (label)
            label->setEnabled(!active || live);
    }
}
