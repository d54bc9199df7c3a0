#include "explore/diffusion/diffusionview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>

#include "explore/diffusion/guidancebox.h"
#include "explore/diffusion/samplercomparison.h"
#include "explore/diffusion/scheduleplot.h"
#include "explore/imagepickmenu.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {

constexpr int kDefaultSteps = 50;
constexpr int kDefaultCount = 4;
constexpr int kPlaySeconds = 6; // a whole run plays in about this long

ImageView *makeImage(QWidget *parent, const QString &name, const QString &placeholder, const QString &tip)
{
    auto *view = new ImageView(parent);
    view->setObjectName(name);
    view->setPlaceholderText(placeholder);
    view->setToolTip(tip);
    view->setMinimumSize(84, 84);
    return view;
}

QToolButton *makeButton(QWidget *parent, const QString &name, QStyle::StandardPixmap icon, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setToolTip(tip);
    return button;
}

} // namespace

DiffusionView::DiffusionView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mTestIndex(new QSpinBox(this))
    , mPick(new QToolButton(this))
    , mSource(new QLabel(this))
    , mSampler(new QComboBox(this))
    , mSteps(new QSpinBox(this))
    , mEta(new QDoubleSpinBox(this))
    , mSeed(new QSpinBox(this))
    , mCount(new QSpinBox(this))
    , mNewSeed(new QPushButton(tr("New seed"), this))
    , mBack(makeButton(this, QStringLiteral("diffusionStepBack"), QStyle::SP_MediaSeekBackward,
                       tr("Step back: one recorded step towards the noise")))
    , mPlay(makeButton(this, QStringLiteral("diffusionPlay"), QStyle::SP_MediaPlay, QString()))
    , mForwardButton(makeButton(this, QStringLiteral("diffusionStepForward"), QStyle::SP_MediaSeekForward,
                                tr("Step forward: one denoising step towards the sample")))
    , mReplay(makeButton(this, QStringLiteral("diffusionReplay"), QStyle::SP_BrowserReload,
                         tr("Replay the denoising from pure noise")))
    , mSlider(new QSlider(Qt::Horizontal, this))
    , mStepCaption(new QLabel(this))
    , mFwdXt(makeImage(this, QStringLiteral("diffusionForwardXt"), tr("x_t"),
                       tr("The image noised to t in one go: √ᾱ_t x_0 + √(1 − ᾱ_t) ε, with a fixed ε")))
    , mFwdX0Hat(makeImage(this, QStringLiteral("diffusionForwardX0Hat"), tr("x̂₀"),
                          tr("What the model thinks the clean image is, seeing only x_t")))
    , mFwdEps(makeImage(this, QStringLiteral("diffusionForwardEps"), tr("ε̂"),
                        tr("The noise the model sees in x_t (gray 0, black −3, white +3)")))
    , mFwdX0(makeImage(this, QStringLiteral("diffusionForwardX0"), tr("x_0"), tr("The image being noised")))
    , mRevXt(makeImage(this, QStringLiteral("diffusionReverseXt"), tr("x_t"),
                       tr("The sample at this step of the reverse process, from pure noise at t = T−1")))
    , mRevX0Hat(makeImage(this, QStringLiteral("diffusionReverseX0Hat"), tr("x̂₀"),
                          tr("The model's predicted clean image at this step")))
    , mRevEps(makeImage(this, QStringLiteral("diffusionReverseEps"), tr("ε̂"),
                        tr("The model's predicted noise at this step (gray 0, black −3, white +3)")))
    , mRevFinal(makeImage(this, QStringLiteral("diffusionReverseFinal"), tr("sample"),
                          tr("Where the reverse process ends: the finished samples")))
    , mFwdCaption(new QLabel(this))
    , mRevCaption(new QLabel(this))
    , mSchedule(new SchedulePlot(this))
    , mCompare(new QPushButton(tr("Compare samplers"), this))
    , mComparison(new SamplerComparison(this))
    , mGuidanceBox(new GuidanceBox(worker, this))
    , mTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("diffusionView"));
    buildLayout();

    auto *pickMenu = new ImagePickMenu(mWorker, mPick);
    mPick->setMenu(pickMenu);
    connect(mPick, &QToolButton::clicked, pickMenu, &ImagePickMenu::chooseDatasetImage);
    connect(pickMenu, &ImagePickMenu::datasetImageChosen, this, &DiffusionView::setTestIndex);
    connect(pickMenu, &ImagePickMenu::imageChosen, this, &DiffusionView::takeImage);
    connect(pickMenu, &ImagePickMenu::failed, this, &DiffusionView::error);
    connect(pickMenu, &ImagePickMenu::damaged, this, &DiffusionView::error);
    connect(mTestIndex, &QSpinBox::valueChanged, this, [this] {
        mSourceImage = {};
        mSourceLabel.clear();
        requestForward();
    });
    connect(mSampler, &QComboBox::currentIndexChanged, this, [this] {
        updateSamplerControls();
        requestReverse();
    });
    connect(mSteps, &QSpinBox::valueChanged, this, [this] { requestReverse(); });
    connect(mEta, &QDoubleSpinBox::valueChanged, this, [this] { requestReverse(); });
    connect(mSeed, &QSpinBox::valueChanged, this, [this] {
        requestForward();
        requestReverse();
    });
    connect(mCount, &QSpinBox::valueChanged, this, [this] { requestReverse(); });
    connect(mNewSeed, &QPushButton::clicked, this, [this] { mSeed->setValue(mSeed->value() + 1); });
    connect(mSlider, &QSlider::valueChanged, this, &DiffusionView::onTimestepChanged);
    connect(mSlider, &QSlider::sliderPressed, this, &DiffusionView::pause);
    connect(mBack, &QToolButton::clicked, this, [this] {
        pause();
        stepBack();
    });
    connect(mForwardButton, &QToolButton::clicked, this, [this] {
        pause();
        stepForward();
    });
    connect(mPlay, &QToolButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(mReplay, &QToolButton::clicked, this, &DiffusionView::replay);
    connect(mCompare, &QPushButton::clicked, this, &DiffusionView::compare);
    connect(mTimer, &QTimer::timeout, this, &DiffusionView::tick);
    connect(mGuidanceBox, &GuidanceBox::changed, this, [this] {
        requestReverse();
        if (mCompareWanted && mRequestedCompare != 0)
            requestComparison();
        if (mShownRows != 0)
            requestGuidanceRows();
    });
    connect(mGuidanceBox, &GuidanceBox::rowsRequested, this, &DiffusionView::requestGuidanceRows);
    connect(mGuidanceBox, &GuidanceBox::failed, this, &DiffusionView::error);
    updateSamplerControls();
    updatePlayButton();
    mUnavailable->setText(unavailableReason(mInfo));
}

void DiffusionView::buildLayout()
{
    mTestIndex->setObjectName(QStringLiteral("diffusionTestIndex"));
    mTestIndex->setRange(0, 0);
    mTestIndex->setPrefix(tr("test image "));
    mTestIndex->setKeyboardTracking(false);
    mTestIndex->setToolTip(tr("The test image the forward process noises"));
    mPick->setObjectName(QStringLiteral("diffusionPickImage"));
    mPick->setText(tr("Pick…"));
    mPick->setPopupMode(QToolButton::MenuButtonPopup);
    mPick->setToolTip(tr("Choose the image to noise in the dataset browser or from a file (or drop a picture)"));
    mSource->setObjectName(QStringLiteral("diffusionSource"));
    mSampler->setObjectName(QStringLiteral("diffusionSampler"));
    mSampler->addItem(tr("DDIM"), int(gs::DiffusionSamplerKind::DDIM));
    mSampler->addItem(tr("DDPM"), int(gs::DiffusionSamplerKind::DDPM));
    mSampler->setToolTip(tr("DDPM: ancestral sampling through every one of the T steps; DDIM: K evenly spaced "
                            "steps, deterministic at η = 0"));
    mSteps->setObjectName(QStringLiteral("diffusionSteps"));
    mSteps->setRange(1, 1000);
    mSteps->setValue(kDefaultSteps);
    mSteps->setSuffix(tr(" steps"));
    mSteps->setKeyboardTracking(false);
    mEta->setObjectName(QStringLiteral("diffusionEta"));
    mEta->setRange(0.0, 1.0);
    mEta->setSingleStep(0.1);
    mEta->setDecimals(2);
    mEta->setPrefix(tr("η "));
    mEta->setKeyboardTracking(false);
    mEta->setToolTip(tr("DDIM's noise: 0 deterministic (one seed, one sample), 1 as much fresh noise per step as DDPM"));
    mSeed->setObjectName(QStringLiteral("diffusionSeed"));
    mSeed->setRange(0, 1 << 30);
    mSeed->setValue(1);
    mSeed->setPrefix(tr("seed "));
    mSeed->setKeyboardTracking(false);
    mSeed->setToolTip(tr("Fixes the starting noise x_T, the noise drawn on the way and the forward process's ε"));
    mCount->setObjectName(QStringLiteral("diffusionCount"));
    mCount->setRange(1, gs::DiffusionExplorer::kMaxCount);
    mCount->setValue(kDefaultCount);
    mCount->setSuffix(tr(" images"));
    mCount->setKeyboardTracking(false);
    mNewSeed->setObjectName(QStringLiteral("diffusionNewSeed"));
    mSlider->setObjectName(QStringLiteral("diffusionTimestep"));
    mSlider->setInvertedAppearance(true); // noise (t = T−1) on the left, the clean image on the right
    mSlider->setRange(0, 0);
    mSlider->setToolTip(tr("The timestep t: left pure noise (T−1), right the clean image (0)"));
    mStepCaption->setObjectName(QStringLiteral("diffusionStepCaption"));
    mFwdCaption->setObjectName(QStringLiteral("diffusionForwardCaption"));
    mRevCaption->setObjectName(QStringLiteral("diffusionReverseCaption"));
    for (QLabel *caption : {mStepCaption, mFwdCaption, mRevCaption})
        caption->setWordWrap(true);
    mCompare->setObjectName(QStringLiteral("diffusionCompareButton"));
    mCompare->setToolTip(tr("Draw the seed's starting noise by DDPM with every step and by DDIM with 10, 20 and "
                            "50 steps, and time each"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(mTestIndex);
    controls->addWidget(mPick);
    controls->addWidget(mSource);
    controls->addSpacing(16);
    controls->addWidget(mSampler);
    controls->addWidget(mSteps);
    controls->addWidget(mEta);
    controls->addWidget(mSeed);
    controls->addWidget(mNewSeed);
    controls->addWidget(mCount);
    controls->addStretch(1);

    auto *frames = new QGridLayout;
    const QStringList heads = {tr("<b>x_t</b>"), tr("<b>x̂₀</b> (predicted clean)"), tr("<b>ε̂</b> (predicted noise)"),
                               tr("<b>x_0</b>")};
    for (int c = 0; c < heads.size(); ++c) {
        auto *head = new QLabel(heads[c], this);
        head->setAlignment(Qt::AlignHCenter);
        frames->addWidget(head, 0, c + 1);
        frames->setColumnStretch(c + 1, 1);
    }
    auto *forwardHead = new QLabel(tr("<b>Forward</b><br>image → noise<br>q(x_t | x_0)"), this);
    auto *reverseHead = new QLabel(tr("<b>Reverse</b><br>noise → sample"), this);
    frames->addWidget(forwardHead, 1, 0);
    frames->addWidget(mFwdXt, 1, 1);
    frames->addWidget(mFwdX0Hat, 1, 2);
    frames->addWidget(mFwdEps, 1, 3);
    frames->addWidget(mFwdX0, 1, 4);
    frames->addWidget(mFwdCaption, 2, 1, 1, 4);
    frames->addWidget(reverseHead, 3, 0);
    frames->addWidget(mRevXt, 3, 1);
    frames->addWidget(mRevX0Hat, 3, 2);
    frames->addWidget(mRevEps, 3, 3);
    frames->addWidget(mRevFinal, 3, 4);
    frames->addWidget(mRevCaption, 4, 1, 1, 4);
    frames->setRowStretch(1, 1);
    frames->setRowStretch(3, 1);

    auto *playback = new QHBoxLayout;
    playback->addWidget(mBack);
    playback->addWidget(mPlay);
    playback->addWidget(mForwardButton);
    playback->addWidget(mReplay);
    playback->addWidget(new QLabel(tr("noise"), this));
    playback->addWidget(mSlider, 1);
    playback->addWidget(new QLabel(tr("clean"), this));

    auto *left = new QVBoxLayout;
    left->addLayout(frames, 1);
    left->addLayout(playback);
    left->addWidget(mStepCaption);
    auto *scrubberBody = new QHBoxLayout;
    scrubberBody->addLayout(left, 3);
    scrubberBody->addWidget(mSchedule, 2);

    auto *scrubber = new QGroupBox(tr("Timestep scrubber"), this);
    scrubber->setObjectName(QStringLiteral("diffusionScrubber"));
    auto *scrubberLayout = new QVBoxLayout(scrubber);
    scrubberLayout->addLayout(controls);
    scrubberLayout->addLayout(scrubberBody, 1);

    auto *comparison = new QGroupBox(tr("Sampler comparison"), this);
    comparison->setObjectName(QStringLiteral("diffusionComparisonBox"));
    auto *compareTop = new QHBoxLayout;
    compareTop->addWidget(mCompare);
    compareTop->addWidget(new QLabel(tr("the seed, η and image count above; DDPM with every step, DDIM with "
                                        "10, 20 and 50"),
                                     this),
                          1);
    auto *comparisonLayout = new QVBoxLayout(comparison);
    comparisonLayout->addLayout(compareTop);
    comparisonLayout->addWidget(mComparison, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(scrubber);
    split->addWidget(mGuidanceBox);
    split->addWidget(comparison);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    mStack->setPage(split);
}

void DiffusionView::setTimestep(int t) { mSlider->setValue(t); }
void DiffusionView::setSeed(int seed) { mSeed->setValue(seed); }
void DiffusionView::setCount(int count) { mCount->setValue(count); }
void DiffusionView::setTestIndex(int index) { mTestIndex->setValue(index); }
int DiffusionView::timestep() const { return mSlider->value(); }
bool DiffusionView::isPlaying() const { return mTimer->isActive(); }
QString DiffusionView::unavailableText() const { return mUnavailable->text(); }

bool DiffusionView::isBusy() const
{
    return mRequestedSchedule != mShownSchedule || mRequestedForward != mShownForward
        || mRequestedReverse != mShownReverse || mRequestedCompare != mShownCompare || mRequestedRows != mShownRows;
}

void DiffusionView::setSampler(gs::DiffusionSamplerKind sampler, int steps, double eta)
{
    {
        const QSignalBlocker a(mSampler), b(mSteps), c(mEta);
        mSampler->setCurrentIndex(mSampler->findData(int(sampler)));
        updateSamplerControls();
        if (sampler == gs::DiffusionSamplerKind::DDIM)
            mSteps->setValue(steps);
        mEta->setValue(eta);
    }
    requestReverse();
}

void DiffusionView::updateSamplerControls()
{
    const bool ddpm = mSampler->currentData().toInt() == int(gs::DiffusionSamplerKind::DDPM);
    const QSignalBlocker block(mSteps);
    if (mTimesteps > 0) // before the schedule the job fits the steps to T
        mSteps->setMaximum(mTimesteps);
    if (ddpm && mTimesteps > 0)
        mSteps->setValue(mSteps->maximum());
    mSteps->setEnabled(!ddpm);
    mEta->setEnabled(!ddpm);
    mSteps->setToolTip(ddpm ? tr("DDPM takes every one of the model's T steps")
                            : tr("DDIM's steps, evenly spaced over the model's T"));
}

int DiffusionView::nearestFrame(int t) const
{
    if (!mRun || mRun->frames.empty())
        return -1;
    int best = 0;
    for (int k = 1; k < int(mRun->frames.size()); ++k)
        if (std::abs(mRun->frames[size_t(k)].t - t) < std::abs(mRun->frames[size_t(best)].t - t))
            best = k;
    return best;
}

void DiffusionView::onTimestepChanged(int t)
{
    mSchedule->setCursor(t);
    requestForward();
    showReverseFrame();
}

void DiffusionView::showReverseFrame()
{
    const int t = mSlider->value();
    mFrame = nearestFrame(t);
    if (mFrame < 0) {
        mRevXt->clear();
        mRevX0Hat->clear();
        mRevEps->clear();
        mStepCaption->setText(mTimesteps > 0 ? tr("t = %1 of 0 … %2").arg(t).arg(mTimesteps - 1) : QString());
        return;
    }
    const gs::DiffusionFrame &f = mRun->frames[size_t(mFrame)];
    mRevXt->setImage(toQImage(f.x_t));
    mRevX0Hat->setImage(toQImage(f.x0_hat));
    mRevEps->setImage(toQImage(f.eps_hat));
    QString text = tr("t = %1 · reverse step %2 of %3").arg(t).arg(f.index + 1).arg(mRun->settings.steps);
    if (f.t != t)
        text += tr(" (nearest recorded step, at t = %1)").arg(f.t);
    mStepCaption->setText(text);
}

void DiffusionView::stepForward()
{
    const int t = mSlider->value();
    if (!mRun || mRun->frames.empty()) {
        setTimestep(std::max(0, t - 1));
        return;
    }
    for (const gs::DiffusionFrame &f : mRun->frames) // by decreasing t
        if (f.t < t) {
            setTimestep(f.t);
            return;
        }
}

void DiffusionView::stepBack()
{
    const int t = mSlider->value();
    if (!mRun || mRun->frames.empty()) {
        setTimestep(std::min(mSlider->maximum(), t + 1));
        return;
    }
    for (auto f = mRun->frames.rbegin(); f != mRun->frames.rend(); ++f)
        if (f->t > t) {
            setTimestep(f->t);
            return;
        }
}

void DiffusionView::play()
{
    if (!mRun || mRun->frames.empty())
        return;
    if (mSlider->value() <= mRun->frames.back().t) // at the end: from the start again
        setTimestep(mRun->frames.front().t);
    const int frames = int(mRun->frames.size());
    mTimer->start(std::clamp(kPlaySeconds * 1000 / std::max(1, frames), 30, 200));
    updatePlayButton();
}

void DiffusionView::pause()
{
    mTimer->stop();
    updatePlayButton();
}

void DiffusionView::replay()
{
    if (!mRun || mRun->frames.empty())
        return;
    setTimestep(mRun->frames.front().t);
    play();
}

void DiffusionView::tick()
{
    const int before = mSlider->value();
    stepForward();
    if (mSlider->value() == before) {
        pause();
        startComparison(); // the first one, once the first run has played
    }
}

void DiffusionView::updatePlayButton()
{
    const bool playing = isPlaying();
    mPlay->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    mPlay->setToolTip(playing ? tr("Pause the denoising here") : tr("Play the denoising from here"));
}

void DiffusionView::clearShown()
{
    pause();
    mRun.reset();
    mFrame = -1;
    mForward = {};
    for (ImageView *v : {mFwdXt, mFwdX0Hat, mFwdEps, mFwdX0, mRevXt, mRevX0Hat, mRevEps, mRevFinal})
        v->clear();
    mFwdCaption->clear();
    mRevCaption->clear();
    mStepCaption->clear();
    mSchedule->clear();
    mComparison->clear();
    mGuidanceBox->clearRows();
    mRequestedRows = mShownRows = 0;
    mRequestedSchedule = mShownSchedule = 0;
    mRequestedForward = mShownForward = 0;
    mRequestedReverse = mShownReverse = 0;
    mRequestedCompare = mShownCompare = 0;
    mCompareWanted = false;
    mComparedAt.invalidate();
    mCompareSeconds = 0;
    mTimesteps = 0;
}
