#include "explore/stylemix/stylemixview.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "explore/styledetails.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/notelabel.h"
#include "explore/stylemix/stylemixgrid.h"
#include "explore/stylemix/stylemixlayerbox.h"
#include "explore/stylemix/stylemixsource.h"

namespace {
constexpr int kGridDelayMs = 80; // the grid follows the mix after this pause
constexpr int kPsiSteps = 100;   // slider steps per unit of ψ (0.01)
// Priorities (ExplorationWorker: lower runs first).
constexpr int kMixPriority = 40;
constexpr int kGridPriority = 130;
} // namespace

StyleMixView::StyleMixView(ExplorationWorker *worker, BookmarkStore *bookmarks, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new QStackedWidget(this))
    , mUnavailable(new QLabel(this))
    , mSourceA(new StyleMixSourceBox(tr("Source A"), bookmarks, this))
    , mSourceB(new StyleMixSourceBox(tr("Source B"), bookmarks, this))
    , mSwap(new QPushButton(tr("Swap A ↔ B"), this))
    , mLayers(new StyleMixLayerBox(this))
    , mPsiSlider(new QSlider(Qt::Horizontal, this))
    , mPsi(new QDoubleSpinBox(this))
    , mNoise(new QCheckBox(tr("Per-pixel noise"), this))
    , mNoiseSeed(new QSpinBox(this))
    , mNoiseRandomise(new QPushButton(tr("Randomise"), this))
    , mExport(new QPushButton(tr("Export"), this))
    , mCaption(new QLabel(this))
    , mMixed(new ImageView(this))
    , mGrid(new StyleMixGrid(this))
    , mGridTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("styleMixView"));
    mSourceA->setObjectName(QStringLiteral("styleSourceA"));
    mSourceB->setObjectName(QStringLiteral("styleSourceB"));
    mMixed->setObjectName(QStringLiteral("styleMixImage"));
    mPsiSlider->setObjectName(QStringLiteral("psiSlider"));
    mPsi->setObjectName(QStringLiteral("psiBox"));
    mNoise->setObjectName(QStringLiteral("noiseCheck"));
    mNoiseSeed->setObjectName(QStringLiteral("noiseSeedBox"));
    mExport->setObjectName(QStringLiteral("styleExportButton"));
    mSourceB->setSeed(2);

    mSwap->setToolTip(tr("Exchange the two sources"));
    mPsiSlider->setRange(0, int(std::lround(kMaxPsi * kPsiSteps)));
    mPsiSlider->setPageStep(10);
    mPsiSlider->setTickInterval(50);
    mPsiSlider->setTickPosition(QSlider::TicksBelow);
    mPsi->setRange(0.0, kMaxPsi);
    mPsi->setSingleStep(0.01);
    mPsi->setDecimals(2);
    mPsi->setPrefix(tr("ψ = "));
    mPsi->setKeyboardTracking(false);
    const QString psiTip = tr("Truncation: w ← w̄ + ψ (w − w̄). 1 is the model as trained; "
                              "below 1 pulls every style towards the average w̄ (more typical "
                              "images, less variety); 0 gives the average image for every "
                              "seed; above 1 exaggerates.");
    mPsiSlider->setToolTip(psiTip);
    mPsi->setToolTip(psiTip);
    mNoise->setChecked(true);
    mNoise->setToolTip(tr("The per-pixel noise the generator adds in every layer (the "
                          "stochastic detail). Off: the image depends on the styles alone."));
    mNoiseSeed->setRange(0, 1 << 30);
    mNoiseSeed->setPrefix(tr("noise seed "));
    mNoiseSeed->setKeyboardTracking(false);
    mNoiseSeed->setToolTip(tr("The same noise seed gives the same noise (and image)"));
    mNoiseRandomise->setToolTip(tr("Another noise seed: the stochastic detail changes, the "
                                   "styles stay"));
    auto *exportMenu = new QMenu(mExport);
    exportMenu->addAction(tr("Mixed Image…"), this, [this] { chooseExport(ExportKind::Mix); });
    exportMenu->addAction(tr("Sources and Mix…"), this,
                          [this] { chooseExport(ExportKind::MixWithSources); });
    exportMenu->addAction(tr("Mixing Grid…"), this, [this] { chooseExport(ExportKind::Grid); });
    mExport->setMenu(exportMenu);
    mExport->setToolTip(tr("Write a PNG, enlarged so that the pixels stay sharp"));

    // Left: the controls.
    auto *truncation = new QGroupBox(tr("Truncation and noise"), this);
    auto *psiRow = new QHBoxLayout;
    psiRow->addWidget(mPsiSlider, 1);
    psiRow->addWidget(mPsi);
    auto *psiNote = makeNoteLabel(truncation);
    psiNote->setText(tr("ψ 1: as trained · 0: the average image w̄ · between: more typical"));
    auto *noiseRow = new QHBoxLayout;
    noiseRow->addWidget(mNoise);
    noiseRow->addWidget(mNoiseSeed, 1);
    noiseRow->addWidget(mNoiseRandomise);
    auto *truncationLayout = new QVBoxLayout(truncation);
    truncationLayout->addLayout(psiRow);
    truncationLayout->addWidget(psiNote);
    truncationLayout->addLayout(noiseRow);
    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(mSwap);
    bottomRow->addStretch(1);
    bottomRow->addWidget(mExport);
    auto *controls = new QWidget(this);
    auto *controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 4, 0);
    controlsLayout->addWidget(mSourceA);
    controlsLayout->addWidget(mSourceB);
    controlsLayout->addWidget(mLayers);
    controlsLayout->addWidget(truncation);
    controlsLayout->addLayout(bottomRow);
    controlsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(controls->sizeHint().width() + 16);

    // Right: the mix, and the grid beside it.
    mCaption->setTextFormat(Qt::RichText);
    mCaption->setWordWrap(true);
    mMixed->setPlaceholderText(tr("The mixed image appears here."));
    auto *mixPane = new QWidget(this);
    auto *mixLayout = new QVBoxLayout(mixPane);
    mixLayout->setContentsMargins(0, 0, 0, 0);
    mixLayout->addWidget(mCaption);
    mixLayout->addWidget(mMixed, 1);
    auto *images = new QSplitter(Qt::Horizontal, this);
    images->addWidget(mixPane);
    images->addWidget(mGrid);
    images->setStretchFactor(0, 1);
    images->setStretchFactor(1, 1);
    images->setChildrenCollapsible(false);

    auto *content = new QSplitter(Qt::Horizontal, this);
    content->addWidget(scroll);
    content->addWidget(images);
    content->setStretchFactor(0, 0);
    content->setStretchFactor(1, 1);
    content->setChildrenCollapsible(false);

    mUnavailable->setObjectName(QStringLiteral("styleUnavailable"));
    mUnavailable->setAlignment(Qt::AlignCenter);
    mUnavailable->setWordWrap(true);
    mUnavailable->setText(unavailableText());
    mStack->addWidget(mUnavailable);
    mStack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mStack);

    mGridTimer->setSingleShot(true);
    mGridTimer->setInterval(kGridDelayMs);
    connect(mGridTimer, &QTimer::timeout, this, &StyleMixView::requestGrid);
    connect(mSourceA, &StyleMixSourceBox::changed, this, &StyleMixView::requestMix);
    connect(mSourceB, &StyleMixSourceBox::changed, this, &StyleMixView::requestMix);
    connect(mLayers, &StyleMixLayerBox::changed, this, &StyleMixView::requestMix);
    connect(mSwap, &QPushButton::clicked, this, [this] {
        const bool aBookmark = mSourceA->usesBookmark();
        const bool bBookmark = mSourceB->usesBookmark();
        const unsigned long aSeed = mSourceA->seed();
        const QString aName = mSourceA->bookmarkName();
        {
            const QSignalBlocker a(mSourceA);
            const QSignalBlocker b(mSourceB);
            mSourceA->setSeed(mSourceB->seed());
            if (bBookmark)
                mSourceA->useBookmark(mSourceB->bookmarkName());
            mSourceB->setSeed(aSeed);
            if (aBookmark)
                mSourceB->useBookmark(aName);
        }
        requestMix();
    });
    connect(mPsiSlider, &QSlider::valueChanged, this, [this](int value) {
        const QSignalBlocker blocker(mPsi);
        mPsi->setValue(double(value) / kPsiSteps);
        requestMix();
    });
    connect(mPsi, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        const QSignalBlocker blocker(mPsiSlider);
        mPsiSlider->setValue(int(std::lround(value * kPsiSteps)));
        requestMix();
    });
    connect(mNoise, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        requestMix();
    });
    connect(mNoiseSeed, &QSpinBox::valueChanged, this, &StyleMixView::requestMix);
    connect(mNoiseRandomise, &QPushButton::clicked, this, [this] {
        mNoiseSeed->setValue(int(QRandomGenerator::global()->bounded(1u << 30)));
    });
    connect(mGrid, &StyleMixGrid::changed, this, &StyleMixView::requestGrid);
    connect(mGrid, &StyleMixGrid::cellClicked, this, &StyleMixView::useGridCell);
    setPsi(1.0);
    updateEnabled();
    updateCaption();
}

QString StyleMixView::unavailableText()
{
    return tr("This model has no per-layer styles: train the style-based generator (model "
              "%1).")
        .arg(CatalogSuggestions::modelWith(gs::kHasStyles));
}

// --- Model --------------------------------------------------------------------

void StyleMixView::setModel(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo)
                      && StyleDetails::layers(info) == StyleDetails::layers(mInfo);
    mInfo = info;
    updateEnabled();
    if (!info.hasStyles()) {
        mMixed->clear();
        mGrid->clear(tr("The mixing grid appears here."));
        mSourceA->clearThumbnail();
        mSourceB->clearThumbnail();
        return;
    }
    // Sources are z: the bookmarks the Latent tab saved in z (kept under the
    // model id; those saved while exploring w are kept apart, ExplorerInfo::bookmarkKey).
    const bool zBookmarks = true;
    {
        const QSignalBlocker a(mSourceA);
        const QSignalBlocker b(mSourceB);
        const QSignalBlocker l(mLayers);
        mSourceA->setModel(info.modelId, info.latentDim, zBookmarks);
        mSourceB->setModel(info.modelId, info.latentDim, zBookmarks);
        mLayers->setLayerCount(StyleDetails::layers(info));
    }
    if (!same) {
        mMixed->clear();
        mGrid->clear(tr("Mixing…"));
        mSourceA->clearThumbnail();
        mSourceB->clearThumbnail();
    }
    requestMix(); // new weights, same choices
}

void StyleMixView::updateEnabled()
{
    const bool styles = mInfo.hasStyles();
    mStack->setCurrentIndex(styles ? 1 : 0);
    if (!mInfo.isValid())
        mUnavailable->setText(tr("Train a style-based generator or explore a checkpoint of one "
                                 "to mix styles."));
    else if (!styles)
        mUnavailable->setText(unavailableText());
    mNoiseSeed->setEnabled(mNoise->isChecked());
    mNoiseRandomise->setEnabled(mNoise->isChecked());
}

// --- Controls -----------------------------------------------------------------

double StyleMixView::psi() const
{
    return mPsi->value();
}

void StyleMixView::setPsi(double psi)
{
    mPsi->setValue(std::clamp(psi, 0.0, kMaxPsi)); // the slider follows
}

bool StyleMixView::noise() const
{
    return mNoise->isChecked();
}

void StyleMixView::setNoise(bool on)
{
    mNoise->setChecked(on);
}

unsigned long StyleMixView::noiseSeed() const
{
    return unsigned(mNoiseSeed->value());
}

void StyleMixView::setNoiseSeed(unsigned long seed)
{
    mNoiseSeed->setValue(int(std::min<unsigned long>(seed, unsigned(mNoiseSeed->maximum()))));
}

gs::StyleMix StyleMixView::withSources(unsigned long seedA, const gs::Latent &latentA,
                                       unsigned long seedB, const gs::Latent &latentB) const
{
    gs::StyleMix mix;
    mix.seed_a = seedA;
    mix.latent_a = latentA;
    mix.seed_b = seedB;
    mix.latent_b = latentB;
    mix.layer_from_b = mLayers->mask();
    mix.psi = psi();
    mix.noise = noise();
    mix.noise_seed = noiseSeed();
    return mix;
}

gs::StyleMix StyleMixView::currentMix() const
{
    return withSources(mSourceA->seed(), mSourceA->latent(), mSourceB->seed(), mSourceB->latent());
}

// --- Requests and results -------------------------------------------------------

void StyleMixView::requestMix()
{
    updateCaption();
    if (!mInfo.hasStyles())
        return;
    if (deferWhileHidden())
        return; // caught up when shown
    // The mix and each source alone (every layer its own), with the same ψ and noise.
    const gs::StyleMix mix = currentMix();
    gs::StyleMix a = withSources(mix.seed_a, mix.latent_a, mix.seed_a, mix.latent_a);
    gs::StyleMix b = withSources(mix.seed_b, mix.latent_b, mix.seed_b, mix.latent_b);
    a.layer_from_b.clear();
    b.layer_from_b.clear();
    mRequestedTicket = submit(QStringLiteral("mix"), kMixPriority, {mix, a, b}, &StyleMixView::onMix,
                              &mRequestedTicket);
    mGridTimer->start();
}

void StyleMixView::requestGrid()
{
    if (!mInfo.hasStyles() || !isVisible())
        return;
    const int n = mGrid->size();
    std::vector<std::pair<unsigned long, gs::Latent>> rows;
    std::vector<std::pair<unsigned long, gs::Latent>> columns;
    rows.emplace_back(mSourceA->seed(), mSourceA->latent());
    columns.emplace_back(mSourceB->seed(), mSourceB->latent());
    for (int i = 1; i < n; ++i) {
        rows.emplace_back(mGrid->extraSeed(false, i), gs::Latent());
        columns.emplace_back(mGrid->extraSeed(true, i), gs::Latent());
    }
    std::vector<gs::StyleMix> mixes;
    for (const auto *side : {&rows, &columns}) {
        for (const auto &[seed, latent] : *side) {
            gs::StyleMix alone = withSources(seed, latent, seed, latent);
            alone.layer_from_b.clear();
            mixes.push_back(std::move(alone));
        }
    }
    for (const auto &[seedA, latentA] : rows) {
        for (const auto &[seedB, latentB] : columns)
            mixes.push_back(withSources(seedA, latentA, seedB, latentB));
    }
    mGridTicket = submit(QStringLiteral("grid"), kGridPriority, mixes, &StyleMixView::onGrid,
                         &mGridTicket);
}

quint64 StyleMixView::submit(const QString &purpose, int priority,
                             const std::vector<gs::StyleMix> &mixes,
                             void (StyleMixView::*onReply)(const ExploreResult &),
                             const quint64 *reportFailuresOf)
{
    return mWorker->submit(
        {this, purpose, priority}, StyleDetails::styleMixes(mixes),
        [this, onReply](const ExploreResultPtr &result) { (this->*onReply)(*result); },
        [this, reportFailuresOf](quint64 ticket, const QString &message) {
            if (ticket == *reportFailuresOf)
                emit error(message);
        });
}

void StyleMixView::onMix(const ExploreResult &reply)
{
    const ExploreResult *result = &reply;
    {
        // An image older than the one shown never replaces it.
        if (result->ticket <= mShownTicket || result->images.size() != 3)
            return;
        mShownTicket = result->ticket;
        mShownStep = result->step;
        mMixedSource = result->images.at(0);
        mSourceAImage = result->images.at(1);
        mSourceBImage = result->images.at(2);
        mMixed->setImage(mMixedSource);
        mSourceA->setThumbnail(mSourceAImage);
        mSourceB->setThumbnail(mSourceBImage);
        updateCaption();
        emit mixShown(result->ticket);
    }
}

void StyleMixView::onGrid(const ExploreResult &reply)
{
    const ExploreResult *result = &reply;
    {
        if (result->ticket <= mGridShown || result->ticket != mGridTicket)
            return;
        mGridShown = result->ticket;
        mGrid->setImages(result->images, tr("%1 · step %2")
                                             .arg(mLayers->summary(),
                                                  QLocale().toString(result->step)));
        emit gridShown(result->ticket);
    }
}

bool StyleMixView::isUpToDate() const
{
    return mInfo.hasStyles() && mRequestedTicket > 0 && mShownTicket >= mRequestedTicket;
}

bool StyleMixView::isGridUpToDate() const
{
    return isUpToDate() && !mGridTimer->isActive() && mGridTicket > 0 && mGridShown >= mGridTicket;
}

QImage StyleMixView::mixedImage() const
{
    return mMixedSource;
}

void StyleMixView::useGridCell(int row, int column)
{
    {
        const QSignalBlocker a(mSourceA);
        const QSignalBlocker b(mSourceB);
        if (row > 0)
            mSourceA->setSeed(mGrid->extraSeed(false, row));
        if (column > 0)
            mSourceB->setSeed(mGrid->extraSeed(true, column));
    }
    if (row > 0 || column > 0) {
        requestMix();
        emit notice(tr("Now mixing %1 with %2.").arg(mSourceA->label(), mSourceB->label()));
    }
}

void StyleMixView::updateCaption()
{
    if (!mInfo.hasStyles()) {
        mCaption->clear();
        return;
    }
    QString text = tr("<b>Mix</b> · A %1 with B %2 in %3 · ψ %4 · %5")
                       .arg(mSourceA->label().toHtmlEscaped(), mSourceB->label().toHtmlEscaped(),
                            mLayers->summary().toHtmlEscaped(),
                            QLocale().toString(psi(), 'f', 2),
                            noise() ? tr("noise seed %1").arg(noiseSeed()) : tr("no noise"));
    const qint64 step = mShownStep >= 0 ? mShownStep : mInfo.step;
    text += tr(" · step %1").arg(QLocale().toString(step));
    mCaption->setText(text);
}

void StyleMixView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (takeDeferred())
        requestMix();
}
