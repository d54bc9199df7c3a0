#include "explore/stylespacebar.h"

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>

#include <algorithm>
#include <cmath>

#include "explore/styledetails.h"

namespace {
constexpr int kSliderSteps = 100; // slider units per 1.0 of ψ
constexpr int kPsiDelayMs = 40;
} // namespace

StyleSpaceBar::StyleSpaceBar(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , mWorker(worker)
    , mZ(new QRadioButton(tr("z (input noise)"), this))
    , mW(new QRadioButton(tr("w (mapping network output)"), this))
    , mPsiSlider(new QSlider(Qt::Horizontal, this))
    , mPsiBox(new QDoubleSpinBox(this))
    , mHint(new QLabel(this))
    , mPsiTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("styleSpaceBar"));
    mZ->setObjectName(QStringLiteral("styleSpaceZ"));
    mW->setObjectName(QStringLiteral("styleSpaceW"));
    mPsiSlider->setObjectName(QStringLiteral("styleSpacePsiSlider"));
    mPsiBox->setObjectName(QStringLiteral("styleSpacePsi"));
    mHint->setObjectName(QStringLiteral("styleSpaceHint"));
    auto *group = new QButtonGroup(this);
    group->addButton(mZ);
    group->addButton(mW);
    mZ->setChecked(true);
    mZ->setToolTip(tr("Sliders, maps and interpolations move through z, the Gaussian noise "
                      "the mapping network takes"));
    mW->setToolTip(tr("Sliders, maps and interpolations move through w, the styles the mapping "
                      "network makes of z: directions are principal components of w (GANSpace) "
                      "and interpolations pass through typical styles"));
    mPsiSlider->setRange(0, static_cast<int>(kMaxPsi * kSliderSteps));
    mPsiSlider->setValue(kSliderSteps);
    mPsiBox->setRange(0.0, kMaxPsi);
    mPsiBox->setSingleStep(0.05);
    mPsiBox->setDecimals(2);
    mPsiBox->setPrefix(QStringLiteral("ψ = "));
    mPsiBox->setValue(1.0);
    const QString psiTip = tr("Truncation: w ← w̄ + ψ(w − w̄). 1 is the model as trained, lower "
                              "values give more typical, less varied images, 0 the average "
                              "image for every latent");
    mPsiSlider->setToolTip(psiTip);
    mPsiBox->setToolTip(psiTip);
    mHint->setStyleSheet(QStringLiteral("color: palette(mid)"));
    mPsiTimer->setSingleShot(true);
    mPsiTimer->setInterval(kPsiDelayMs);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Explore:"), this));
    layout->addWidget(mZ);
    layout->addWidget(mW);
    layout->addSpacing(16);
    layout->addWidget(new QLabel(tr("Truncation"), this));
    layout->addWidget(mPsiSlider, 1);
    layout->addWidget(mPsiBox);
    layout->addWidget(mHint, 2);

    connect(mW, &QRadioButton::toggled, this, [this](bool on) {
        mAppliedWSpace = on;
        sendSetup();
        updateHint();
    });
    connect(mPsiSlider, &QSlider::valueChanged, this, [this](int value) {
        const QSignalBlocker blocker(mPsiBox);
        mPsiBox->setValue(static_cast<double>(value) / kSliderSteps);
        mPsiTimer->start();
    });
    connect(mPsiBox, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        const QSignalBlocker blocker(mPsiSlider);
        mPsiSlider->setValue(static_cast<int>(std::lround(value * kSliderSteps)));
        mPsiTimer->start();
    });
    connect(mPsiTimer, &QTimer::timeout, this, &StyleSpaceBar::sendPsi);
    setVisible(false);
    updateHint();
    sendSetup(); // style-based models start in z with ψ = 1
}

void StyleSpaceBar::setModel(const ExplorerInfo &info)
{
    setVisible(appliesTo(info));
    if (!appliesTo(info))
        return;
    const QSignalBlocker z(mZ);
    const QSignalBlocker w(mW);
    (StyleDetails::wSpace(info) ? mW : mZ)->setChecked(true);
    if (!mPsiTimer->isActive()) { // not while a change of ours is on its way
        const QSignalBlocker box(mPsiBox);
        const QSignalBlocker slider(mPsiSlider);
        const double psi = StyleDetails::truncation(info);
        mPsiBox->setValue(psi);
        mPsiSlider->setValue(static_cast<int>(std::lround(psi * kSliderSteps)));
    }
    updateHint();
}

bool StyleSpaceBar::wSpace() const { return mW->isChecked(); }

void StyleSpaceBar::setWSpace(bool on) { (on ? mW : mZ)->setChecked(true); }

double StyleSpaceBar::psi() const { return mPsiBox->value(); }

void StyleSpaceBar::setPsi(double psi) { mPsiBox->setValue(std::clamp(psi, 0.0, kMaxPsi)); }

void StyleSpaceBar::sendPsi()
{
    mAppliedPsi = mPsiBox->value();
    sendSetup();
    updateHint();
}

void StyleSpaceBar::sendSetup()
{
    mWorker->setModelSetup(StyleDetails::kSetupName,
                           StyleDetails::setup(mAppliedWSpace, mAppliedPsi));
}

void StyleSpaceBar::updateHint()
{
    const double psi = mPsiBox->value();
    if (psi == 0.0)
        mHint->setText(tr("every latent gives the average image w̄"));
    else if (psi < 1.0)
        mHint->setText(tr("more typical, less varied"));
    else if (psi > 1.0)
        mHint->setText(tr("exaggerated"));
    else
        mHint->setText(tr("as trained"));
}
