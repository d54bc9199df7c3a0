#include "explore/diffusion/guidancebox.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

#include "explore/classpicker.h"
#include "widgets/imageview.h"

namespace {
constexpr int kSliderPerUnit = 10; // w in steps of 0.1
constexpr int kMaxGuidance = 8;
} // namespace

GuidanceBox::GuidanceBox(ExplorationWorker *worker, QWidget *parent)
    : QGroupBox(tr("Class and classifier-free guidance"), parent)
    , mPicker(new ClassPicker(worker, this))
    , mGuidance(new QSlider(Qt::Horizontal, this))
    , mValue(new QLabel(this))
    , mRowsButton(new QPushButton(tr("Same seed at w = 0, 1, 3"), this))
    , mRows(new ImageView(this))
    , mCaption(new QLabel(this))
{
    setObjectName(QStringLiteral("diffusionGuidanceBox"));
    mPicker->setObjectName(QStringLiteral("diffusionClass"));
    mGuidance->setObjectName(QStringLiteral("diffusionGuidance"));
    mGuidance->setRange(0, kMaxGuidance * kSliderPerUnit);
    mGuidance->setValue(kSliderPerUnit); // w = 1
    mGuidance->setPageStep(kSliderPerUnit);
    mGuidance->setToolTip(tr("Guidance w: ε̃ = (1 + w)·ε(x, class) − w·ε(x, no class). 0 is the conditional model "
                             "alone; larger w gives more typical images of the class and less variety"));
    mValue->setObjectName(QStringLiteral("diffusionGuidanceValue"));
    mValue->setMinimumWidth(60);
    mRowsButton->setObjectName(QStringLiteral("diffusionGuidanceRowsButton"));
    mRowsButton->setToolTip(tr("Draw the seed's starting noise of the chosen class at w = 0, 1 and 3, one row each"));
    mRows->setObjectName(QStringLiteral("diffusionGuidanceRows"));
    mRows->setPlaceholderText(tr("rows at w = 0, 1, 3"));
    mRows->setMinimumSize(240, 90);
    mCaption->setObjectName(QStringLiteral("diffusionGuidanceCaption"));
    mCaption->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("class"), this));
    top->addWidget(mPicker);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("guidance"), this));
    top->addWidget(mGuidance, 1);
    top->addWidget(mValue);
    top->addWidget(mRowsButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(mRows, 1);
    layout->addWidget(mCaption);

    connect(mPicker, &ClassPicker::classChanged, this, [this] {
        updateLabel();
        emit changed();
    });
    connect(mPicker, &ClassPicker::failed, this, &GuidanceBox::failed);
    connect(mGuidance, &QSlider::valueChanged, this, [this] {
        updateLabel();
        emit changed();
    });
    connect(mRowsButton, &QPushButton::clicked, this, &GuidanceBox::rowsRequested);
    updateLabel();
    setVisible(false);
}

void GuidanceBox::modelChanged(const ExplorerInfo &info)
{
    mPicker->modelChanged(info);
    setVisible(mPicker->isConditional());
    if (!mPicker->isConditional())
        clearRows();
    updateLabel();
}

bool GuidanceBox::isConditional() const { return mPicker->isConditional(); }
int GuidanceBox::classLabel() const { return mPicker->classLabel(); }

double GuidanceBox::guidance() const
{
    if (classLabel() < 0)
        return 0.0;
    return double(mGuidance->value()) / kSliderPerUnit;
}

void GuidanceBox::setClassLabel(int label) { mPicker->setClassLabel(label); }
void GuidanceBox::setGuidance(double w) { mGuidance->setValue(int(std::lround(w * kSliderPerUnit))); }

void GuidanceBox::setRows(const QImage &rows, const QString &caption)
{
    mRows->setImage(rows);
    mCaption->setText(caption);
}

void GuidanceBox::clearRows()
{
    mRows->clear();
    mCaption->clear();
}

void GuidanceBox::updateLabel()
{
    const bool chosen = classLabel() >= 0;
    mGuidance->setEnabled(chosen);
    mRowsButton->setEnabled(chosen);
    mValue->setText(chosen ? tr("w = %1").arg(double(mGuidance->value()) / kSliderPerUnit, 0, 'f', 1)
                           : tr("(pick a class)"));
}
