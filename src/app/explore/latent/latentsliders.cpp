#include "explore/latent/latentsliders.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace {
int toTicks(double value)
{
    const double clamped = std::clamp(value, -LatentSliders::kRange, LatentSliders::kRange);
    return int(std::lround(clamped * LatentSliders::kTicksPerUnit));
}
} // namespace

LatentSliders::LatentSliders(QWidget *parent)
    : QWidget(parent)
    , mGrid(new QGridLayout(this))
{
    mGrid->setColumnStretch(1, 1);
    mGrid->setVerticalSpacing(2);
    mGrid->setContentsMargins(0, 0, 4, 0);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void LatentSliders::resize(int count)
{
    if (count == int(mSliders.size()))
        return;
    for (QWidget *w : findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly))
        delete w;
    mSliders.clear();
    mNames.clear();
    mValues.clear();
    for (int i = 0; i < count; ++i) {
        auto *label = new QLabel(this);
        auto *slider = new QSlider(Qt::Horizontal, this);
        slider->setObjectName(QStringLiteral("latentSlider%1").arg(i));
        slider->setRange(-int(kRange * kTicksPerUnit), int(kRange * kTicksPerUnit));
        slider->setPageStep(kTicksPerUnit / 2);
        auto *value = new QLabel(this);
        value->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("+0.00σ ")));
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        mGrid->addWidget(label, i, 0);
        mGrid->addWidget(slider, i, 1);
        mGrid->addWidget(value, i, 2);
        for (QWidget *w : std::initializer_list<QWidget *>{label, slider, value})
            w->show(); // at once, so that sizeHint() counts the new rows
        mSliders.push_back(slider);
        mNames.push_back(label);
        mValues.push_back(value);
        connect(slider, &QSlider::valueChanged, this, [this, i](int ticks) {
            const double value = double(ticks) / kTicksPerUnit;
            showValue(i, value);
            emit valueChanged(i, value);
        });
    }
}

void LatentSliders::showDimensions(int count)
{
    mDirections = false;
    resize(count);
    mShortNames.clear();
    for (int i = 0; i < count; ++i)
        mShortNames << QStringLiteral("z%1").arg(i);
    setSpread(mSpread);
}

void LatentSliders::setSpread(const std::vector<float> &spread)
{
    mSpread = spread;
    if (mDirections)
        return;
    const QLocale locale;
    for (int i = 0; i < count(); ++i) {
        QString tip = tr("Latent dimension %1, from −3 to +3").arg(i);
        QLabel *name = mNames[size_t(i)];
        name->setText(mShortNames.value(i));
        QPalette pal = palette();
        if (size_t(i) < spread.size()) {
            const float s = spread[size_t(i)];
            tip += tr(". The test images' codes spread %1 along it (standard deviation)")
                       .arg(locale.toString(s, 'f', 2));
            if (s < kLittleUsed) {
                tip += tr(": the encoder hardly uses it, so moving it changes little.");
                pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
            }
        }
        name->setPalette(pal);
        name->setToolTip(tip);
        mSliders[size_t(i)]->setToolTip(tip);
    }
}

void LatentSliders::showDirections(const gs::Directions &directions)
{
    mDirections = true;
    const int count = int(directions.directions.size());
    resize(count);
    mShortNames.clear();
    const QLocale locale;
    for (int i = 0; i < count; ++i) {
        mShortNames << QStringLiteral("PC%1").arg(i + 1);
        const double share = size_t(i) < directions.explained.size()
                                 ? 100.0 * directions.explained[size_t(i)]
                                 : 0.0;
        const double sigma = size_t(i) < directions.stddev.size() ? directions.stddev[size_t(i)]
                                                                  : 0.0;
        mNames[size_t(i)]->setText(
            QStringLiteral("%1  %2 %").arg(mShortNames.last(), locale.toString(share, 'f', 1)));
        const QString tip = tr("Principal direction %1 of %2: %3 % of the variance. The slider "
                               "spans ±3 standard deviations (σ = %4).")
                                .arg(i + 1)
                                .arg(QString::fromStdString(directions.source))
                                .arg(locale.toString(share, 'f', 1))
                                .arg(locale.toString(sigma, 'g', 3));
        mNames[size_t(i)]->setToolTip(tip);
        mSliders[size_t(i)]->setToolTip(tip);
    }
}

QSlider *LatentSliders::slider(int index) const
{
    return index >= 0 && index < count() ? mSliders[size_t(index)] : nullptr;
}

QString LatentSliders::name(int index) const
{
    return mShortNames.value(index);
}

void LatentSliders::setValues(const std::vector<double> &values)
{
    for (int i = 0; i < count(); ++i) {
        const double value = size_t(i) < values.size() ? values[size_t(i)] : 0.0;
        const QSignalBlocker blocker(mSliders[size_t(i)]);
        mSliders[size_t(i)]->setValue(toTicks(value));
        showValue(i, value);
    }
}

void LatentSliders::setValue(int index, double value)
{
    if (QSlider *s = slider(index))
        s->setValue(toTicks(value));
}

void LatentSliders::showValue(int index, double value)
{
    QString text = QLocale().toString(value, 'f', 2);
    if (value >= 0)
        text.prepend(QLatin1Char('+'));
    if (mDirections)
        text += QStringLiteral("σ");
    mValues[size_t(index)]->setText(text);
}
