#include "explore/latent/latentcontrols.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

#include "explore/imagepickmenu.h"

LatentControls::LatentControls(ExplorationWorker *worker, int maxDimensionSliders,
                               QWidget *parent)
    : QWidget(parent)
    , mMaxDimensionSliders(maxDimensionSliders)
    , mDimensionsRadio(new QRadioButton(tr("Latent dimensions"), this))
    , mDirectionsRadio(new QRadioButton(tr("Principal directions"), this))
    , mDirectionCount(new QSpinBox(this))
    , mInfo(new QLabel(this))
    , mSeed(new QSpinBox(this))
    , mRandomise(new QPushButton(tr("Randomise"), this))
    , mReset(new QPushButton(tr("Reset"), this))
    , mTakeImage(new QPushButton(tr("Take from Image"), this))
{
    mDimensionsRadio->setObjectName(QStringLiteral("dimensionsRadio"));
    mDirectionsRadio->setObjectName(QStringLiteral("directionsRadio"));
    mSeed->setObjectName(QStringLiteral("seedBox"));
    mRandomise->setObjectName(QStringLiteral("randomiseButton"));
    mReset->setObjectName(QStringLiteral("resetButton"));
    mTakeImage->setObjectName(QStringLiteral("takeImageButton"));
    mDimensionsRadio->setToolTip(
        tr("One slider per latent dimension (latents of up to %1 dimensions).")
            .arg(maxDimensionSliders));
    mDirectionsRadio->setToolTip(tr("Sliders along the principal directions of the latent "
                                    "space: of encoded test images for models that encode, of "
                                    "the generator's first activations for GANs (GANSpace). "
                                    "Each slider spans ±3 standard deviations."));
    auto *modeGroup = new QButtonGroup(this);
    modeGroup->addButton(mDimensionsRadio);
    modeGroup->addButton(mDirectionsRadio);
    mDirectionCount->setRange(1, maxDimensionSliders);
    mDirectionCount->setValue(mPreferredCount);
    mDirectionCount->setPrefix(tr("top "));
    mDirectionCount->setKeyboardTracking(false);
    mDirectionCount->setToolTip(tr("How many principal directions get a slider"));
    mInfo->setWordWrap(true);
    mInfo->hide();
    mSeed->setRange(0, std::numeric_limits<int>::max());
    mSeed->setValue(1);
    mSeed->setKeyboardTracking(false);
    mSeed->setPrefix(tr("seed "));
    mSeed->setToolTip(tr("The latent drawn from the prior with this seed (the same seed "
                         "gives the same latent in genstudio-cli interpolate)"));
    mRandomise->setToolTip(tr("A latent from a new random seed"));
    mReset->setToolTip(tr("Dimensions: every slider to 0 (the centre of the prior). "
                          "Directions: undo the edits (every direction back to 0)."));
    auto *takeMenu = new ImagePickMenu(worker, mTakeImage);
    mTakeImage->setMenu(takeMenu);

    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(mDimensionsRadio);
    modeRow->addWidget(mDirectionsRadio);
    modeRow->addWidget(mDirectionCount);
    modeRow->addStretch(1);
    auto *latentRow = new QHBoxLayout;
    latentRow->addWidget(mSeed);
    latentRow->addWidget(mRandomise);
    latentRow->addWidget(mReset);
    latentRow->addWidget(mTakeImage);
    latentRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modeRow);
    layout->addWidget(mInfo);
    layout->addLayout(latentRow);

    connect(mDirectionsRadio, &QRadioButton::toggled, this, &LatentControls::modeChosen);
    connect(mDirectionCount, &QSpinBox::valueChanged, this, [this](int count) {
        mPreferredCount = count;
        emit directionCountChanged(count);
    });
    connect(mSeed, &QSpinBox::valueChanged, this,
            [this](int value) { emit seedChosen(unsigned(value)); });
    connect(mRandomise, &QPushButton::clicked, this, &LatentControls::randomiseClicked);
    connect(mReset, &QPushButton::clicked, this, &LatentControls::resetClicked);
    connect(takeMenu, &ImagePickMenu::datasetImageChosen, this,
            &LatentControls::datasetImageChosen);
    connect(takeMenu, &ImagePickMenu::imageChosen, this, &LatentControls::imageChosen);
    connect(takeMenu, &ImagePickMenu::failed, this, &LatentControls::failed);
    connect(takeMenu, &ImagePickMenu::damaged, this, &LatentControls::failed);
    setModel(false, 0, true, false);
}

void LatentControls::setModel(bool hasModel, int latentDim, bool dimensionsAvailable,
                              bool canEncode)
{
    mDimensionsRadio->setEnabled(dimensionsAvailable);
    if (hasModel && !dimensionsAvailable)
        mDimensionsRadio->setToolTip(tr("This model's latent has %1 dimensions; one slider per "
                                        "dimension is offered up to %2.")
                                         .arg(latentDim)
                                         .arg(mMaxDimensionSliders));
    // The count a person chose stays chosen when a smaller latent caps it.
    const QSignalBlocker blocker(mDirectionCount);
    mDirectionCount->setMaximum(
        latentDim > 0 ? std::min(mMaxDimensionSliders, latentDim) : mMaxDimensionSliders);
    mDirectionCount->setValue(std::min(mPreferredCount, mDirectionCount->maximum()));
    mTakeImage->setEnabled(canEncode);
    mTakeImage->setToolTip(canEncode ? tr("Encode a test image or an image file (or drop a "
                                          "picture here) and start from its latent")
                                     : tr("This model has no encoder, so it cannot start from "
                                          "an image; use a seed, the sliders or a bookmark."));
    for (QWidget *w : std::initializer_list<QWidget *>{mSeed, mRandomise, mReset})
        w->setEnabled(hasModel);
}

void LatentControls::showMode(bool directions)
{
    const QSignalBlocker a(mDimensionsRadio);
    const QSignalBlocker b(mDirectionsRadio);
    mDimensionsRadio->setChecked(!directions);
    mDirectionsRadio->setChecked(directions);
    mDirectionCount->setEnabled(directions);
}

void LatentControls::setInfo(const QString &text)
{
    mInfo->setText(text);
    mInfo->setVisible(!text.isEmpty());
}

int LatentControls::directionCount() const
{
    return mDirectionCount->value();
}

void LatentControls::setDirectionCount(int count)
{
    mDirectionCount->setValue(count);
}

unsigned long LatentControls::seed() const
{
    return unsigned(mSeed->value());
}

void LatentControls::showSeed(unsigned long seed)
{
    const QSignalBlocker blocker(mSeed);
    mSeed->setValue(int(std::min<unsigned long>(seed, unsigned(mSeed->maximum()))));
}
