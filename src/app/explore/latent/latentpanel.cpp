#include "explore/latent/latentpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "explore/latent/bookmarkbox.h"
#include "explore/bookmarkstore.h"
#include "explore/latent/latentcontrols.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "explore/latent/latentedit.h"
#include "explore/latent/latentsliders.h"
#include "explore/latent/sweepview.h"

namespace {
constexpr qint64 kDirectionsRefreshMs = 20000; // while training: at most this often
constexpr int kSweepDelayMs = 50;
} // namespace

LatentPanel::LatentPanel(ExplorationWorker *worker, BookmarkStore *bookmarks, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mBookmarks(bookmarks)
    , mControls(new LatentControls(worker, kMaxDimensionSliders, this))
    , mSliders(new LatentSliders(this))
    , mScroll(new QScrollArea(this))
    , mBookmarkBox(new BookmarkBox(bookmarks, this))
    , mPreview(new ImageView(this))
    , mCaption(new QLabel(this))
    , mToInterpolation(new QPushButton(tr("Add to Interpolation"), this))
    , mSweep(new SweepView(this))
    , mSweepTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("latentPanel"));
    mPreview->setObjectName(QStringLiteral("latentPreview"));
    mScroll->setWidget(mSliders);
    mScroll->setWidgetResizable(true);
    mScroll->setFrameShape(QFrame::NoFrame);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(mControls);
    leftLayout->addWidget(mScroll, 1);
    leftLayout->addWidget(mBookmarkBox);
    leftLayout->addStretch(0); // below few sliders: empty space, not a tall list

    mPreview->setPlaceholderText(tr("The decoded latent appears here."));
    mCaption->setTextFormat(Qt::RichText);
    mToInterpolation->setToolTip(tr("Use the current latent as an endpoint in the "
                                    "Interpolation view"));
    auto *captionRow = new QHBoxLayout;
    captionRow->addWidget(mCaption, 1);
    captionRow->addWidget(mToInterpolation);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(captionRow);
    rightLayout->addWidget(mPreview, 4);
    rightLayout->addWidget(mSweep, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(mControls, &LatentControls::modeChosen, this,
            [this](bool directions) { setMode(directions ? Mode::Directions : Mode::Dimensions); });
    connect(mControls, &LatentControls::directionCountChanged, this, [this] {
        if (mMode == Mode::Directions)
            requestDirections();
    });
    connect(mControls, &LatentControls::seedChosen, this, &LatentPanel::setSeed);
    connect(mControls, &LatentControls::randomiseClicked, this, &LatentPanel::randomise);
    connect(mControls, &LatentControls::resetClicked, this, &LatentPanel::resetToZero);
    connect(mControls, &LatentControls::datasetImageChosen, this, &LatentPanel::takeDatasetImage);
    connect(mControls, &LatentControls::imageChosen, this, &LatentPanel::takeImage);
    connect(mControls, &LatentControls::failed, this, &LatentPanel::error);
    connect(mSliders, &LatentSliders::valueChanged, this, &LatentPanel::sliderMoved);
    // The sweep follows a drag at most every kSweepDelayMs: the preview first.
    mSweepTimer->setSingleShot(true);
    mSweepTimer->setInterval(kSweepDelayMs);
    connect(mSweepTimer, &QTimer::timeout, this, &LatentPanel::requestSweep);
    connect(mSweep, &SweepView::changed, this, &LatentPanel::requestSweep);
    connect(mSweep, &SweepView::frameClicked, this, &LatentPanel::setSliderValue);
    connect(mSweep, &SweepView::targetChosen, this, [this] { mAutoSweep = false; });
    connect(mBookmarkBox, &BookmarkBox::saveRequested, this, &LatentPanel::saveBookmark);
    connect(mBookmarkBox, &BookmarkBox::applyRequested, this, [this](const LatentBookmark &b) {
        setLatent(b.latent, tr("bookmark “%1”").arg(b.name));
    });
    connect(mToInterpolation, &QPushButton::clicked, this, [this] {
        if (!mLatent.empty())
            emit addToInterpolation(mLatent, mOrigin.isEmpty() ? tr("latent") : mOrigin);
    });
    updateControls();
}

// --- Model and mode -------------------------------------------------------------

bool LatentPanel::dimensionsAvailable() const
{
    return mInfo.latentDim > 0 && mInfo.latentDim <= kMaxDimensionSliders;
}

void LatentPanel::setModel(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo) && !mLatent.empty();
    mInfo = info;
    if (same) {
        // The directions follow the weights, the edits stay. Encoded directions
        // reload the test set in each new copy, so not at every refresh.
        const bool due
            = !mDirectionsAge.isValid() || mDirectionsAge.elapsed() > kDirectionsRefreshMs;
        if (due && mMode == Mode::Directions)
            requestDirections();
        if (due)
            requestSpread();
        requestPreview();
        return;
    }
    mLatent.assign(size_t(info.latentDim), 0.0f);
    mEdit = LatentEdit();
    mEdit.setBase(mLatent);
    mOrigin.clear();
    mShownTicket = mRequestedTicket = 0;
    mPreview->clear();
    mSweep->clear();
    // Dimensions for small latents of models that encode; directions for large
    // latents and for GANs, whose raw dimensions mean little one by one.
    mMode = dimensionsAvailable() && info.canEncode() ? Mode::Dimensions : Mode::Directions;
    mBookmarkBox->setModel(info.bookmarkKey(), info.latentDim);
    mAutoSweep = true;
    mSpreadInfo.clear();
    mSliders->setSpread({});
    updateControls();
    showSliders();
    requestSpread();
    if (mMode == Mode::Directions)
        requestDirections();
    setSeed(seed()); // the seed's latent, then the preview
    applyPendingSession();
}

bool LatentPanel::setMode(Mode mode)
{
    if (mode == Mode::Dimensions && !dimensionsAvailable())
        return false;
    if (mode == mMode)
        return true;
    mMode = mode;
    mEdit.setBase(mLatent); // the edits start from what is shown
    updateControls();
    showSliders();
    if (mode == Mode::Directions)
        requestDirections();
    requestPreview();
    return true;
}

int LatentPanel::directionCount() const
{
    return mControls->directionCount();
}

void LatentPanel::setDirectionCount(int count)
{
    mControls->setDirectionCount(count);
}

void LatentPanel::updateControls()
{
    mControls->setModel(mInfo.isValid(), mInfo.latentDim, dimensionsAvailable(),
                        mInfo.canEncode());
    mControls->showMode(mMode == Mode::Directions);
    mControls->setInfo(mMode == Mode::Directions ? directionsText() : mSpreadInfo);
    mToInterpolation->setEnabled(mInfo.isValid());
}

QString LatentPanel::directionsText() const
{
    if (mEdit.count() == 0)
        return tr("Finding principal directions…");
    return tr("%1 directions of %2 explain %3 % of the variance.")
        .arg(mEdit.count())
        .arg(QString::fromStdString(mEdit.directions().source))
        .arg(QLocale().toString(100.0 * mEdit.explainedTotal(), 'f', 1));
}

// --- Sliders --------------------------------------------------------------------

int LatentPanel::sliderCount() const
{
    return mSliders->count();
}

QSlider *LatentPanel::slider(int index) const
{
    return mSliders->slider(index);
}

void LatentPanel::setSliderValue(int index, double value)
{
    mSliders->setValue(index, value);
}

std::vector<double> LatentPanel::sliderValues() const
{
    if (mMode == Mode::Directions)
        return mEdit.edits();
    return std::vector<double>(mLatent.begin(), mLatent.end());
}

void LatentPanel::showSliders()
{
    if (mMode == Mode::Dimensions)
        mSliders->showDimensions(dimensionsAvailable() ? mInfo.latentDim : 0);
    else
        mSliders->showDirections(mEdit.directions());
    mControls->setInfo(mMode == Mode::Directions ? directionsText() : mSpreadInfo);
    mSliders->setValues(sliderValues());
    // No taller than the sliders, so the bookmarks follow right below them.
    mSliders->layout()->activate();
    mScroll->setMaximumHeight(mSliders->sizeHint().height() + 2 * mScroll->frameWidth() + 2);
    QStringList names;
    for (int i = 0; i < mSliders->count(); ++i)
        names << mSliders->name(i);
    mSweep->setNames(names);
}

void LatentPanel::sliderMoved(int index, double value)
{
    if (mMode == Mode::Dimensions) {
        if (size_t(index) >= mLatent.size())
            return;
        mLatent[size_t(index)] = float(value);
    } else {
        mEdit.setEdit(index, value);
        mLatent = mEdit.latent();
    }
    requestPreview();
}

void LatentPanel::setLatent(const gs::Latent &z, const QString &origin)
{
    if (int(z.size()) != mInfo.latentDim) {
        emit error(tr("That latent has %1 values but this model's has %2.")
                       .arg(z.size())
                       .arg(mInfo.latentDim));
        return;
    }
    mLatent = z;
    mEdit.setBase(z);
    mOrigin = origin;
    mSliders->setValues(sliderValues());
    requestPreview();
}

// --- Sources of latents ---------------------------------------------------------

unsigned long LatentPanel::seed() const
{
    return mControls->seed();
}

void LatentPanel::setSeed(unsigned long seed)
{
    mControls->showSeed(seed);
    if (mInfo.isValid())
        requestSeed();
}

void LatentPanel::randomise()
{
    setSeed(QRandomGenerator::global()->bounded(1u << 30));
}

void LatentPanel::resetToZero()
{
    if (!mInfo.isValid())
        return;
    if (mMode == Mode::Dimensions) {
        mLatent.assign(size_t(mInfo.latentDim), 0.0f);
        mEdit.setBase(mLatent);
        mOrigin = tr("the centre (all zero)");
    } else {
        mEdit.clearEdits();
        mLatent = mEdit.latent();
    }
    mSliders->setValues(sliderValues());
    requestPreview();
}

void LatentPanel::takeImage(const gs::Image &image, const QString &label)
{
    if (!mInfo.canEncode()) {
        emit error(tr("%1 cannot encode images (it has no encoder), so it cannot start from "
                      "%2. Use a seed, the sliders or a bookmark instead.")
                       .arg(mInfo.modelName.isEmpty() ? tr("This model") : mInfo.modelName,
                            label));
        return;
    }
    mEncodeLabel = label;
    requestEncode(LatentSource::fromImage(image));
}

void LatentPanel::takeDatasetImage(int index)
{
    const QString label = tr("test image #%1").arg(index);
    if (!mInfo.canEncode()) {
        takeImage({}, label); // says why not
        return;
    }
    mEncodeLabel = label;
    requestEncode(LatentSource::fromDatasetImage(index));
}

// --- Bookmarks ------------------------------------------------------------------

bool LatentPanel::saveBookmark(const QString &name)
{
    if (!mInfo.isValid() || mLatent.empty())
        return false;
    LatentBookmark bookmark;
    bookmark.name = name;
    bookmark.modelId = mInfo.bookmarkKey();
    bookmark.latentDim = mInfo.latentDim;
    bookmark.step = mInfo.step;
    bookmark.latent = mLatent;
    if (!mBookmarks->add(bookmark)) {
        emit error(tr("A bookmark needs a name."));
        return false;
    }
    emit notice(tr("Saved bookmark “%1”.").arg(name.trimmed()));
    return true;
}

bool LatentPanel::applyBookmark(const QString &name)
{
    LatentBookmark bookmark;
    if (!mBookmarkBox->find(name, &bookmark))
        return false;
    setLatent(bookmark.latent, tr("bookmark “%1”").arg(name));
    return true;
}

QStringList LatentPanel::bookmarkNames() const
{
    return mBookmarkBox->names();
}

void LatentPanel::updateCaption()
{
    QString text = tr("<b>Preview</b>");
    if (!mOrigin.isEmpty())
        text += tr(" · from %1").arg(mOrigin.toHtmlEscaped());
    if (mInfo.isValid())
        text += tr(" · step %1").arg(QLocale().toString(mInfo.step));
    mCaption->setText(text);
}

QImage LatentPanel::sweepImage() const
{
    return mSweep->image();
}

QImage LatentPanel::previewImage() const
{
    return mPreview->image();
}

void LatentPanel::setSweepTarget(int index)
{
    mSweep->setTarget(index);
}
