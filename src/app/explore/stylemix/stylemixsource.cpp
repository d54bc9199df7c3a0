#include "explore/stylemix/stylemixsource.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSpinBox>

#include <algorithm>

#include "widgets/imageview.h"

StyleMixSourceBox::StyleMixSourceBox(const QString &title, BookmarkStore *store, QWidget *parent)
    : QGroupBox(title, parent)
    , mStore(store)
    , mSeedRadio(new QRadioButton(tr("Seed"), this))
    , mSeed(new QSpinBox(this))
    , mRandomise(new QPushButton(tr("Randomise"), this))
    , mBookmarkRadio(new QRadioButton(tr("Bookmark"), this))
    , mBookmark(new QComboBox(this))
    , mThumbnail(new ImageView(this))
{
    mSeed->setRange(0, 1 << 30);
    mSeed->setValue(1);
    mSeed->setKeyboardTracking(false);
    mSeed->setToolTip(tr("The latent z drawn with this seed (the same seed gives the same "
                         "latent in the Latent tab and in genstudio-cli)"));
    mRandomise->setToolTip(tr("A new random seed"));
    mBookmark->setMinimumContentsLength(10);
    mBookmark->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    mSeedRadio->setChecked(true);
    auto *group = new QButtonGroup(this);
    group->addButton(mSeedRadio);
    group->addButton(mBookmarkRadio);
    mThumbnail->setFixedSize(kThumbnailSize, kThumbnailSize);
    mThumbnail->setToolTip(tr("This source alone (every layer its own), with the same ψ and "
                              "noise as the mix"));
    mThumbnail->setPlaceholderText(QStringLiteral("…"));

    auto *controls = new QGridLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(mSeedRadio, 0, 0);
    controls->addWidget(mSeed, 0, 1);
    controls->addWidget(mRandomise, 1, 1);
    controls->addWidget(mBookmarkRadio, 2, 0);
    controls->addWidget(mBookmark, 2, 1);
    controls->setColumnStretch(1, 1);
    controls->setRowStretch(3, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(controls, 1);
    layout->addWidget(mThumbnail, 0, Qt::AlignTop);

    connect(mSeed, &QSpinBox::valueChanged, this, [this] {
        if (!mSeedRadio->isChecked()) {
            mSeedRadio->setChecked(true); // toggled → changed()
            return;
        }
        emit changed();
    });
    connect(mRandomise, &QPushButton::clicked, this, &StyleMixSourceBox::randomise);
    connect(mSeedRadio, &QRadioButton::toggled, this, [this](bool on) {
        updateEnabled();
        if (on)
            emit changed();
    });
    connect(mBookmarkRadio, &QRadioButton::toggled, this, [this](bool on) {
        updateEnabled();
        if (on)
            emit changed();
    });
    connect(mBookmark, &QComboBox::currentIndexChanged, this, [this] {
        if (mBookmarkRadio->isChecked())
            emit changed();
    });
    connect(mStore, &BookmarkStore::changed, this, &StyleMixSourceBox::refreshBookmarks);
    refreshBookmarks();
}

void StyleMixSourceBox::setModel(const QString &modelId, int latentDim, bool usable)
{
    mModelId = modelId;
    mLatentDim = latentDim;
    mUsable = usable;
    refreshBookmarks();
}

void StyleMixSourceBox::refreshBookmarks()
{
    const QString current = mBookmark->currentText();
    mBookmarks = mUsable ? mStore->bookmarks(mModelId, mLatentDim) : QVector<LatentBookmark>();
    int keep = -1;
    {
        const QSignalBlocker blocker(mBookmark);
        mBookmark->clear();
        for (const LatentBookmark &b : mBookmarks) {
            mBookmark->addItem(b.name);
            if (b.name == current)
                keep = mBookmark->count() - 1;
        }
        if (keep >= 0)
            mBookmark->setCurrentIndex(keep);
    }
    const bool lost = mBookmarkRadio->isChecked() && keep < 0;
    if (lost)
        mSeedRadio->setChecked(true); // the bookmark went away: back to the seed (changed())
    else if (mBookmarkRadio->isChecked() && mBookmark->currentText() != current)
        emit changed();
    updateEnabled();
}

void StyleMixSourceBox::updateEnabled()
{
    const bool any = !mBookmarks.isEmpty();
    mBookmarkRadio->setEnabled(any);
    mBookmark->setEnabled(any && mBookmarkRadio->isChecked());
    const QString why = !mUsable ? tr("Bookmarks keep latents of the Latent tab; they can be "
                                      "used here when that tab explores z.")
                        : any    ? tr("A latent saved in the Latent tab's bookmarks")
                                 : tr("No bookmarks for this model yet: save some in the "
                                      "Latent tab.");
    mBookmarkRadio->setToolTip(why);
    mBookmark->setToolTip(why);
}

bool StyleMixSourceBox::usesBookmark() const
{
    return mBookmarkRadio->isChecked() && mBookmark->currentIndex() >= 0;
}

unsigned long StyleMixSourceBox::seed() const
{
    return unsigned(mSeed->value());
}

void StyleMixSourceBox::setSeed(unsigned long seed)
{
    const int value = int(std::min<unsigned long>(seed, unsigned(mSeed->maximum())));
    if (mSeed->value() == value) {
        if (mSeedRadio->isChecked())
            return;
        mSeedRadio->setChecked(true); // changed()
        return;
    }
    mSeed->setValue(value); // changed()
}

void StyleMixSourceBox::randomise()
{
    setSeed(QRandomGenerator::global()->bounded(1u << 30));
}

bool StyleMixSourceBox::useBookmark(const QString &name)
{
    const int index = mBookmark->findText(name);
    if (index < 0 || !mBookmarkRadio->isEnabled())
        return false;
    {
        const QSignalBlocker blocker(mBookmark);
        mBookmark->setCurrentIndex(index);
    }
    if (mBookmarkRadio->isChecked())
        emit changed();
    else
        mBookmarkRadio->setChecked(true); // changed()
    return true;
}

QStringList StyleMixSourceBox::bookmarkNames() const
{
    QStringList names;
    for (const LatentBookmark &b : mBookmarks)
        names << b.name;
    return names;
}

gs::Latent StyleMixSourceBox::latent() const
{
    const int index = mBookmark->currentIndex();
    if (!usesBookmark() || index >= mBookmarks.size())
        return {};
    return mBookmarks[index].latent;
}

QString StyleMixSourceBox::label() const
{
    if (usesBookmark())
        return tr("bookmark “%1”").arg(mBookmark->currentText());
    return tr("seed %1").arg(seed());
}

QString StyleMixSourceBox::bookmarkName() const
{
    return mBookmark->currentText();
}

void StyleMixSourceBox::setThumbnail(const QImage &image)
{
    mThumbnail->setImage(image);
}

QImage StyleMixSourceBox::thumbnail() const
{
    return mThumbnail->image();
}

void StyleMixSourceBox::clearThumbnail()
{
    mThumbnail->clear();
}
