#include "explore/pixelcnn/pixelcnnview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QShowEvent>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

#include "explore/classpicker.h"
#include "explore/pixelcnn/nllheatmap.h"
#include "explore/pixelcnn/pixelplayer.h"
#include "explore/pixelcnn/probabilitybars.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {

constexpr int kPixelsPriority = 45;     // ExplorationWorker: lower runs first
constexpr int kLikelihoodPriority = 35;
constexpr int kDefaultCount = 9;

struct RunResult
{
    quint64 ticket = 0;
    std::shared_ptr<const gs::PixelRecording> recording;
};

struct LikelihoodResult
{
    quint64 ticket = 0;
    gs::Image image;
    gs::PixelLikelihood likelihood;
    int testImages = 0;
};

} // namespace

PixelCnnView::PixelCnnView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mClass(new ClassPicker(worker, this))
    , mCount(new QSpinBox(this))
    , mTemperature(new QDoubleSpinBox(this))
    , mSample(new QPushButton(tr("Sample"), this))
    , mTestIndex(new QSpinBox(this))
    , mHide(new QComboBox(this))
    , mComplete(new QPushButton(tr("Complete"), this))
    , mCanvas(new MaskCanvas(this))
    , mHeatmap(new ImageView(this))
    , mHeatmapCaption(new QLabel(this))
    , mFrames(new ImageView(this))
    , mPlay(new QPushButton(this))
    , mScrubber(new QSlider(Qt::Horizontal, this))
    , mStepCaption(new QLabel(this))
    , mBars(new ProbabilityBars(this))
    , mPlayer(new PixelPlayer(this))
{
    setObjectName(QStringLiteral("pixelCnnView"));
    mCount->setObjectName(QStringLiteral("pixelCount"));
    mCount->setRange(1, 16);
    mCount->setValue(kDefaultCount);
    mCount->setSuffix(tr(" images"));
    mCount->setToolTip(tr("How many images a sampling or completion run draws at once"));
    mTemperature->setObjectName(QStringLiteral("pixelTemperature"));
    mTemperature->setRange(0.05, 3.0);
    mTemperature->setSingleStep(0.05);
    mTemperature->setValue(1.0);
    mTemperature->setPrefix(tr("temperature "));
    mTemperature->setToolTip(tr("Each pixel is drawn with probabilities ∝ p^(1/T): below 1 sharper and safer, "
                                "above 1 wilder"));
    mSample->setObjectName(QStringLiteral("pixelSampleButton"));
    mSample->setToolTip(tr("Draw new images pixel by pixel and play the drawing back"));
    mTestIndex->setObjectName(QStringLiteral("pixelTestIndex"));
    mTestIndex->setRange(0, 0);
    mTestIndex->setPrefix(tr("test image "));
    mTestIndex->setKeyboardTracking(false);
    mHide->setObjectName(QStringLiteral("pixelHide"));
    mHide->addItem(tr("Hide the bottom half"), int(MaskCanvas::Hide::BottomHalf));
    mHide->addItem(tr("Hide the right half"), int(MaskCanvas::Hide::RightHalf));
    mHide->addItem(tr("Hide a painted rectangle"), int(MaskCanvas::Hide::Rectangle));
    mComplete->setObjectName(QStringLiteral("pixelCompleteButton"));
    mComplete->setToolTip(tr("Draw the hidden pixels of the test image, several completions at once"));
    mHeatmap->setObjectName(QStringLiteral("pixelHeatmap"));
    mHeatmap->setToolTip(tr("−log p of each pixel of the test image given the pixels before it: dark blue "
                            "likely, yellow surprising (ln 256 nats, a uniform guess, and above)"));
    mHeatmap->setPlaceholderText(tr("The test image's per-pixel likelihood appears here."));
    mHeatmapCaption->setWordWrap(true);
    mFrames->setObjectName(QStringLiteral("pixelFrames"));
    mFrames->setPlaceholderText(tr("The images being drawn appear here."));
    mPlay->setObjectName(QStringLiteral("pixelPlayButton"));
    mScrubber->setObjectName(QStringLiteral("pixelScrubber"));
    mScrubber->setToolTip(tr("The step of the drawing shown: drag to go back and forth"));
    mBars->setObjectName(QStringLiteral("pixelBars"));
    updatePlayButton(false);

    auto *controls = new QHBoxLayout;
    controls->addWidget(mClass);
    controls->addWidget(mCount);
    controls->addWidget(mTemperature);
    controls->addWidget(mSample);
    controls->addSpacing(16);
    controls->addWidget(mTestIndex);
    controls->addWidget(mHide);
    controls->addWidget(mComplete);
    controls->addStretch(1);

    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("<b>Test image</b> (tinted: hidden)"), this));
    left->addWidget(mCanvas, 1);
    left->addWidget(new QLabel(tr("<b>−log p per pixel</b>"), this));
    left->addWidget(mHeatmap, 1);
    left->addWidget(mHeatmapCaption);

    auto *playback = new QHBoxLayout;
    playback->addWidget(mPlay);
    playback->addWidget(mScrubber, 1);
    auto *middle = new QVBoxLayout;
    middle->addWidget(mFrames, 3);
    middle->addLayout(playback);
    middle->addWidget(mStepCaption);
    middle->addWidget(mBars, 2);

    auto *body = new QHBoxLayout;
    body->addLayout(left, 1);
    body->addLayout(middle, 3);

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(controls);
    pageLayout->addLayout(body, 1);
    mStack->setPage(page);

    connect(mSample, &QPushButton::clicked, this, &PixelCnnView::sample);
    connect(mClass, &ClassPicker::failed, this, &PixelCnnView::error);
    // A restored session's class, now that the picker offers the model's classes.
    connect(mClass, &ClassPicker::namesArrived, this, [this] { mSessionClass.modelArrived({mClass}); });
    connect(mClass, &ClassPicker::classChanged, this, [this] {
        if (isAvailable(mInfo) && mRequestedRun != 0)
            mCompletionShown ? complete() : sample();
    });
    connect(mComplete, &QPushButton::clicked, this, &PixelCnnView::complete);
    connect(mTestIndex, &QSpinBox::valueChanged, this, [this] { requestLikelihood(); });
    connect(mHide, &QComboBox::currentIndexChanged, this,
            [this] { mCanvas->setHide(MaskCanvas::Hide(mHide->currentData().toInt())); });
    connect(mPlay, &QPushButton::clicked, this, [this] {
        if (mPlayer->isPlaying())
            mPlayer->pause();
        else
            mPlayer->play();
    });
    connect(mScrubber, &QSlider::valueChanged, this, [this](int value) {
        if (value != mPlayer->step()) {
            mPlayer->pause();
            mPlayer->setStep(value);
        }
    });
    connect(mPlayer, &PixelPlayer::stepChanged, this, &PixelCnnView::showStep);
    connect(mPlayer, &PixelPlayer::playingChanged, this, &PixelCnnView::updatePlayButton);
    mUnavailable->setText(unavailableReason(mInfo));
}

void PixelCnnView::setCount(int count) { mCount->setValue(count); }
void PixelCnnView::setTemperature(double t) { mTemperature->setValue(t); }
void PixelCnnView::setTestIndex(int index) { mTestIndex->setValue(index); }
void PixelCnnView::setHide(MaskCanvas::Hide hide) { mHide->setCurrentIndex(mHide->findData(int(hide))); }
void PixelCnnView::sample() { requestRun(false); }
void PixelCnnView::complete() { requestRun(true); }

const gs::PixelRecording *PixelCnnView::recording() const
{
    return mPlayer->recording();
}

QString PixelCnnView::unavailableText() const
{
    return mUnavailable->text();
}

double PixelCnnView::heatmapMean() const
{
    if (mLikelihood.nll.empty())
        return 0;
    return std::accumulate(mLikelihood.nll.begin(), mLikelihood.nll.end(), 0.0) / double(mLikelihood.nll.size());
}

void PixelCnnView::requestRun(bool completion)
{
    if (!isAvailable(mInfo))
        return;
    if (completion && mTestImage.isNull()) {
        emit error(tr("The test image has not arrived yet: wait a moment and complete again."));
        return;
    }
    if (completion && mCanvas->hiddenCount() == 0) {
        emit error(tr("Nothing is hidden: paint a rectangle on the test image, or hide a half, then complete."));
        return;
    }
    const int count = mCount->value();
    const double temperature = mTemperature->value();
    const unsigned long seed = mSeed++;
    const int label = mClass->classLabel();
    const gs::Image image = completion ? toGsImage(mTestImage) : gs::Image{};
    const QVector<quint8> mask = completion ? mCanvas->mask() : QVector<quint8>{};
    mCompletionShown = completion;
    mRequestedRun = mWorker->submit(
        {this, QStringLiteral("pixels"), kPixelsPriority},
        [count, temperature, seed, image, mask, completion, label](const ExploreJobContext &context) {
            gs::PixelExplorer pixels(context.model);
            RunResult result;
            result.ticket = context.ticket;
            result.recording = std::make_shared<const gs::PixelRecording>(
                completion ? pixels.complete(image, std::vector<uint8_t>(mask.begin(), mask.end()), count,
                                             temperature, seed, label)
                           : pixels.sample(count, temperature, seed, label));
            return result;
        },
        [this](const std::shared_ptr<const RunResult> &result) {
            if (result->ticket != mRequestedRun)
                return;
            mShownRun = result->ticket;
            mPlayer->setRecording(result->recording, /*play=*/true);
            mScrubber->setRange(0, std::max(0, mPlayer->stepCount() - 1));
            emit runShown(mShownRun);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedRun)
                return;
            mShownRun = ticket;
            emit error(message);
        });
}

void PixelCnnView::requestLikelihood()
{
    if (!isAvailable(mInfo))
        return;
    if (deferWhileHidden())
        return; // caught up when shown
    const int index = mTestIndex->value();
    mRequestedLikelihood = mWorker->submit(
        {this, QStringLiteral("likelihood"), kLikelihoodPriority},
        [index](const ExploreJobContext &context) {
            LikelihoodResult result;
            result.ticket = context.ticket;
            result.testImages = context.data.dataset_size();
            result.image = context.data.dataset_image(std::min(index, result.testImages - 1));
            result.likelihood = gs::PixelExplorer(context.model).likelihood(result.image);
            return result;
        },
        [this](const std::shared_ptr<const LikelihoodResult> &result) {
            if (result->ticket != mRequestedLikelihood)
                return;
            mShownLikelihood = result->ticket;
            {
                const QSignalBlocker block(mTestIndex);
                mTestIndex->setRange(0, std::max(0, result->testImages - 1));
            }
            mTestImage = toQImage(result->image);
            mCanvas->setImage(mTestImage);
            sessionImageArrived(); // a restored session's rectangle and test image
            mLikelihood = result->likelihood;
            mHeatmap->setImage(nllHeatmap(mLikelihood, std::log(256.0)));
            mHeatmapCaption->setText(tr("%1 bits/dim · %2 nats in all · mean %3 nats per pixel "
                                        "(blue 0, yellow ≥ ln 256)")
                                         .arg(mLikelihood.bits_per_dim, 0, 'f', 3)
                                         .arg(mLikelihood.nll_nats, 0, 'f', 1)
                                         .arg(heatmapMean(), 0, 'f', 3));
            emit likelihoodShown(mShownLikelihood);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedLikelihood)
                return;
            mShownLikelihood = ticket;
            emit error(message);
        });
}

void PixelCnnView::showStep(int step)
{
    const gs::PixelStep *current = mPlayer->currentStep();
    QImage grid = mPlayer->grid();
    if (current && !grid.isNull()) {
        // Mark the pixel being drawn in every image of the grid.
        grid = grid.convertToFormat(QImage::Format_RGB32);
        const QImage first = mPlayer->images().value(0);
        const int cols = mPlayer->columns();
        for (int i = 0; i < mPlayer->images().size(); ++i) {
            const int x = (i % cols) * (first.width() + PixelPlayer::kGap) + current->col;
            const int y = (i / cols) * (first.height() + PixelPlayer::kGap) + current->row;
            grid.setPixel(x, y, qRgb(255, 40, 40));
        }
    }
    if (grid.isNull())
        mFrames->clear();
    else
        mFrames->setImage(grid);
    {
        const QSignalBlocker block(mScrubber);
        mScrubber->setValue(std::max(0, step));
    }
    if (!current) {
        mBars->clear();
        mStepCaption->clear();
        return;
    }
    mBars->setDistribution(QVector<float>(current->probs.begin(), current->probs.end()),
                           current->values.empty() ? -1 : current->values.front(), tr("first image"));
    mStepCaption->setText(tr("%1 · pixel (row %2, column %3) · step %4 of %5")
                              .arg(mCompletionShown ? tr("Completion") : tr("Sampling"))
                              .arg(current->row)
                              .arg(current->col)
                              .arg(step + 1)
                              .arg(mPlayer->stepCount()));
}

void PixelCnnView::updatePlayButton(bool playing)
{
    mPlay->setText(playing ? tr("Pause") : tr("Play"));
    mPlay->setToolTip(playing ? tr("Stop the playback here") : tr("Play the drawing back from here"));
}
