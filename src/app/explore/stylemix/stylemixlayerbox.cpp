#include "explore/stylemix/stylemixlayerbox.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/notelabel.h"

namespace {
using Group = StyleMixLayers::Group;
constexpr Group kGroups[] = {Group::Coarse, Group::Middle, Group::Fine};
} // namespace

StyleMixLayerBox::StyleMixLayerBox(QWidget *parent)
    : QGroupBox(tr("Layers that take B's style"), parent)
    , mCoarse(new QPushButton(this))
    , mMiddle(new QPushButton(this))
    , mFine(new QPushButton(this))
    , mNone(new QPushButton(tr("None"), this))
    , mAll(new QPushButton(tr("All"), this))
    , mGrid(new QWidget(this))
    , mGridLayout(new QGridLayout(mGrid))
    , mNote(makeNoteLabel(this))
{
    mCoarse->setObjectName(QStringLiteral("coarsePreset"));
    mMiddle->setObjectName(QStringLiteral("middlePreset"));
    mFine->setObjectName(QStringLiteral("finePreset"));
    mNone->setObjectName(QStringLiteral("nonePreset"));
    mAll->setObjectName(QStringLiteral("allPreset"));
    mCoarse->setToolTip(tr("B's style in the coarse layers only: B's pose and overall shape, "
                           "A's details"));
    mMiddle->setToolTip(tr("B's style in the middle layers only: smaller features"));
    mFine->setToolTip(tr("B's style in the fine layers only: A's shape with B's texture and "
                         "brightness"));
    mNone->setToolTip(tr("Every layer from A: the mix is A itself"));
    mAll->setToolTip(tr("Every layer from B: the mix is B itself"));
    for (QPushButton *b : {mCoarse, mMiddle, mFine})
        b->setCheckable(true);
    mGridLayout->setContentsMargins(0, 0, 0, 0);
    mGridLayout->setHorizontalSpacing(10);
    mNote->setText(tr("Checked layers use B's w, the others A's. Coarse layers set pose and "
                      "shape, middle ones smaller features, fine ones texture and brightness."));
    auto *extremes = new QHBoxLayout;
    extremes->addWidget(mNone);
    extremes->addWidget(mAll);
    extremes->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mGrid);
    layout->addLayout(extremes);
    layout->addWidget(mNote);

    connect(mCoarse, &QPushButton::clicked, this, [this] { choose(Group::Coarse); });
    connect(mMiddle, &QPushButton::clicked, this, [this] { choose(Group::Middle); });
    connect(mFine, &QPushButton::clicked, this, [this] { choose(Group::Fine); });
    connect(mNone, &QPushButton::clicked, this, &StyleMixLayerBox::chooseNone);
    connect(mAll, &QPushButton::clicked, this, &StyleMixLayerBox::chooseAll);
    setLayerCount(0);
}

void StyleMixLayerBox::setLayerCount(int count)
{
    if (count == mLayers.count() && count > 0)
        return;
    mLayers = StyleMixLayers(count);
    qDeleteAll(mBoxes);
    mBoxes.clear();
    // Rows by group: its preset button, then its layers' check boxes.
    QPushButton *presets[] = {mCoarse, mMiddle, mFine};
    for (int g = 0; g < 3; ++g) {
        QPushButton *preset = presets[g];
        mGridLayout->removeWidget(preset);
        const QString range = mLayers.resolutionText(kGroups[g]);
        QString name = StyleMixLayers::name(kGroups[g]);
        name[0] = name[0].toUpper();
        preset->setText(range.isEmpty() ? name : tr("%1 · %2").arg(name, range));
        preset->setEnabled(!range.isEmpty());
        preset->setVisible(mLayers.isValid());
        mGridLayout->addWidget(preset, g, 0);
    }
    int column[3] = {1, 1, 1};
    for (int i = 0; i < count; ++i) {
        auto *box = new QCheckBox(mLayers.label(i), mGrid);
        box->setObjectName(QStringLiteral("styleLayer%1").arg(i));
        box->setToolTip(mLayers.description(i));
        const int row = mLayers.isValid() ? int(mLayers.group(i)) : i / 4;
        const int col = mLayers.isValid() ? column[row]++ : 1 + i % 4;
        mGridLayout->addWidget(box, row, col);
        connect(box, &QCheckBox::toggled, this, [this] {
            updatePresets();
            emit changed();
        });
        mBoxes << box;
    }
    for (int c = 1; c < 6; ++c)
        mGridLayout->setColumnStretch(c, 0);
    mGridLayout->setColumnStretch(5, 1);
    mNone->setEnabled(count > 0);
    mAll->setEnabled(count > 0);
    // Another layer count: start from B's coarse styles (B's pose and shape with
    // A's details, the first rows of the StyleGAN paper's figure).
    if (mLayers.isValid())
        setMask(mLayers.mask(Group::Coarse));
    updatePresets();
}

std::vector<int> StyleMixLayerBox::mask() const
{
    std::vector<int> out;
    for (QCheckBox *box : mBoxes)
        out.push_back(box->isChecked() ? 1 : 0);
    return out;
}

void StyleMixLayerBox::setMask(const std::vector<int> &mask)
{
    if (mask.size() != size_t(mBoxes.size()) || mask == this->mask()) {
        updatePresets();
        return;
    }
    for (int i = 0; i < mBoxes.size(); ++i) {
        const QSignalBlocker blocker(mBoxes[i]);
        mBoxes[i]->setChecked(mask[size_t(i)] != 0);
    }
    updatePresets();
    emit changed();
}

void StyleMixLayerBox::choose(StyleMixLayers::Group group)
{
    setMask(mLayers.mask(group));
}

void StyleMixLayerBox::chooseNone()
{
    setMask(std::vector<int>(size_t(mBoxes.size()), 0));
}

void StyleMixLayerBox::chooseAll()
{
    setMask(std::vector<int>(size_t(mBoxes.size()), 1));
}

QCheckBox *StyleMixLayerBox::checkBox(int layer) const
{
    return layer >= 0 && layer < mBoxes.size() ? mBoxes[layer] : nullptr;
}

QPushButton *StyleMixLayerBox::presetButton(StyleMixLayers::Group group) const
{
    switch (group) {
    case Group::Coarse:
        return mCoarse;
    case Group::Middle:
        return mMiddle;
    case Group::Fine:
        return mFine;
    }
    return nullptr;
}

QString StyleMixLayerBox::summary() const
{
    return StyleMixLayers::describeMask(mask(), mLayers);
}

void StyleMixLayerBox::updatePresets()
{
    const std::vector<int> current = mask();
    for (Group g : kGroups) {
        QPushButton *b = presetButton(g);
        b->setChecked(!current.empty() && current == mLayers.mask(g));
    }
}
