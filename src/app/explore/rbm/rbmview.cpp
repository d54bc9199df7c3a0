#include "explore/rbm/rbmview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {

constexpr int kFramePriority = 45; // ExplorationWorker: lower runs first
constexpr int kFiltersPriority = 55;
constexpr int kAisPriority = 150;
constexpr int kFrameMs = 60;
constexpr int kShownFilters = 100;

struct FrameResult
{
    quint64 ticket = 0;
    gs::GibbsChain chain;
    gs::Image grid;
    int testImages = 0;
    double seconds = 0;
};

struct FiltersResult
{
    quint64 ticket = 0;
    gs::Image grid;
    int hidden = 0;
};

} // namespace

RbmView::RbmView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mStart(new QComboBox(this))
    , mTestIndex(new QSpinBox(this))
    , mChains(new QSpinBox(this))
    , mStepsPerFrame(new QSpinBox(this))
    , mRestart(new QPushButton(tr("Restart"), this))
    , mPlay(new QPushButton(this))
    , mStep(new QPushButton(tr("Step"), this))
    , mStepCaption(new QLabel(this))
    , mChainView(new ImageView(this))
    , mFilters(new ImageView(this))
    , mFilterCaption(new QLabel(this))
    , mAisRuns(new QSpinBox(this))
    , mAisTemperatures(new QSpinBox(this))
    , mAisButton(new QPushButton(tr("Estimate log-likelihood (AIS)"), this))
    , mAisCancel(new QPushButton(tr("Cancel"), this))
    , mAisProgress(new QProgressBar(this))
    , mAisResult(new QLabel(this))
    , mFrameTimer(new QTimer(this))
    , mAisPoll(new QTimer(this))
{
    setObjectName(QStringLiteral("rbmView"));
    mStart->setObjectName(QStringLiteral("rbmStart"));
    mStart->addItem(tr("From noise"), int(Start::Noise));
    mStart->addItem(tr("From a test image"), int(Start::TestImage));
    mStart->addItem(tr("Complete the bottom half"), int(Start::Completion));
    mStart->setToolTip(tr("Where the chains start: uniform binary noise, the binarised test image, or the test "
                          "image's top half held fixed (clamped) with noise below for the chain to fill in"));
    mTestIndex->setObjectName(QStringLiteral("rbmTestIndex"));
    mTestIndex->setRange(0, 0);
    mTestIndex->setPrefix(tr("test image "));
    mTestIndex->setKeyboardTracking(false);
    mChains->setObjectName(QStringLiteral("rbmChains"));
    mChains->setRange(1, 16);
    mChains->setValue(8);
    mChains->setSuffix(tr(" chains"));
    mStepsPerFrame->setObjectName(QStringLiteral("rbmStepsPerFrame"));
    mStepsPerFrame->setRange(1, 1000);
    mStepsPerFrame->setValue(1);
    mStepsPerFrame->setPrefix(tr("steps per frame: "));
    mStepsPerFrame->setToolTip(tr("Gibbs steps v → h → v between two frames of the animation"));
    mRestart->setObjectName(QStringLiteral("rbmRestart"));
    mRestart->setToolTip(tr("Start the chains again from the chosen start"));
    mPlay->setObjectName(QStringLiteral("rbmPlay"));
    mStep->setObjectName(QStringLiteral("rbmStep"));
    mStep->setToolTip(tr("Advance the paused chains by one frame"));
    mChainView->setObjectName(QStringLiteral("rbmChain"));
    mChainView->setPlaceholderText(tr("The Gibbs chains appear here."));
    mChainView->setToolTip(tr("The visible units' probabilities p(v = 1 | h) of each chain after the last step"));
    mFilters->setObjectName(QStringLiteral("rbmFilters"));
    mFilters->setPlaceholderText(tr("The learned filters appear here."));
    mFilters->setToolTip(tr("The weights of each hidden unit as an image: white positive, black negative, gray 0 "
                            "(each filter scaled by its largest weight)"));
    mFilterCaption->setWordWrap(true);
    mAisRuns->setObjectName(QStringLiteral("rbmAisRuns"));
    mAisRuns->setRange(2, 10000);
    mAisRuns->setValue(100);
    mAisRuns->setSuffix(tr(" runs"));
    mAisRuns->setToolTip(tr("Independent AIS chains; the spread of log Z shrinks with more"));
    mAisTemperatures->setObjectName(QStringLiteral("rbmAisTemperatures"));
    mAisTemperatures->setRange(2, 1000000);
    mAisTemperatures->setValue(2000);
    mAisTemperatures->setSuffix(tr(" temperatures"));
    mAisTemperatures->setToolTip(tr("Intermediate distributions from the base-rate model (β = 0) to the RBM (β = 1); "
                                    "more are slower and more accurate"));
    mAisButton->setObjectName(QStringLiteral("rbmAisButton"));
    mAisButton->setToolTip(tr("Annealed importance sampling of log Z (Salakhutdinov and Murray 2008), then the "
                              "mean test log-likelihood −F(v) − log Z of the binarised test images"));
    mAisCancel->setObjectName(QStringLiteral("rbmAisCancel"));
    mAisProgress->setObjectName(QStringLiteral("rbmAisProgress"));
    mAisProgress->setRange(0, 1000);
    mAisProgress->setTextVisible(false);
    mAisResult->setObjectName(QStringLiteral("rbmAisResult"));
    mAisResult->setWordWrap(true);
    mAisResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *controls = new QHBoxLayout;
    controls->addWidget(mStart);
    controls->addWidget(mTestIndex);
    controls->addWidget(mChains);
    controls->addWidget(mStepsPerFrame);
    controls->addWidget(mRestart);
    controls->addWidget(mPlay);
    controls->addWidget(mStep);
    controls->addStretch(1);

    auto *chainBox = new QVBoxLayout;
    chainBox->addWidget(new QLabel(tr("<b>Gibbs chains</b>"), this));
    chainBox->addWidget(mChainView, 1);
    chainBox->addWidget(mStepCaption);
    auto *filterBox = new QVBoxLayout;
    filterBox->addWidget(new QLabel(tr("<b>Learned filters</b>"), this));
    filterBox->addWidget(mFilters, 1);
    filterBox->addWidget(mFilterCaption);
    auto *body = new QHBoxLayout;
    body->addLayout(chainBox, 3);
    body->addLayout(filterBox, 2);

    auto *ais = new QHBoxLayout;
    ais->addWidget(mAisRuns);
    ais->addWidget(mAisTemperatures);
    ais->addWidget(mAisButton);
    ais->addWidget(mAisProgress, 1);
    ais->addWidget(mAisCancel);

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(controls);
    pageLayout->addLayout(body, 1);
    pageLayout->addLayout(ais);
    pageLayout->addWidget(mAisResult);
    mStack->setPage(page);

    mFrameTimer->setInterval(kFrameMs);
    mAisPoll->setInterval(100);
    connect(mFrameTimer, &QTimer::timeout, this, &RbmView::tick);
    connect(mAisPoll, &QTimer::timeout, this, [this] {
        if (mAisControl)
            mAisProgress->setValue(mAisControl->permille.load());
    });
    connect(mRestart, &QPushButton::clicked, this, &RbmView::restart);
    connect(mStep, &QPushButton::clicked, this, &RbmView::stepOnce);
    connect(mPlay, &QPushButton::clicked, this, [this] { mPlaying ? pause() : play(); });
    connect(mStart, &QComboBox::currentIndexChanged, this, &RbmView::restart);
    connect(mTestIndex, &QSpinBox::valueChanged, this, [this] {
        if (Start(mStart->currentData().toInt()) != Start::Noise)
            restart();
    });
    connect(mChains, &QSpinBox::valueChanged, this, &RbmView::restart);
    connect(mAisButton, &QPushButton::clicked, this, &RbmView::startAis);
    connect(mAisCancel, &QPushButton::clicked, this, &RbmView::cancelAis);
    mUnavailable->setText(unavailableReason(mInfo));
    updateButtons();
}

RbmView::~RbmView()
{
    if (mAisControl)
        mAisControl->cancel = true; // the job stops at its next progress report
}

void RbmView::setStart(Start start) { mStart->setCurrentIndex(mStart->findData(int(start))); }
void RbmView::setTestIndex(int index) { mTestIndex->setValue(index); }
void RbmView::setChains(int count) { mChains->setValue(count); }
void RbmView::setStepsPerFrame(int steps) { mStepsPerFrame->setValue(steps); }
void RbmView::setAisRuns(int runs) { mAisRuns->setValue(runs); }
void RbmView::setAisTemperatures(int temperatures) { mAisTemperatures->setValue(temperatures); }
QImage RbmView::chainImage() const { return mChainView->image(); }
QImage RbmView::filterImage() const { return mFilters->image(); }
QString RbmView::aisText() const { return mAisResult->text(); }
int RbmView::aisProgressValue() const { return mAisProgress->value(); }

void RbmView::restart()
{
    requestFrame(true);
}

void RbmView::play()
{
    mPlaying = true;
    mFrameTimer->start();
    updateButtons();
}

void RbmView::pause()
{
    mPlaying = false;
    mFrameTimer->stop();
    updateButtons();
}

void RbmView::stepOnce()
{
    if (!mFramePending)
        requestFrame(mChain.empty());
}

void RbmView::tick()
{
    if (!mFramePending && !mAisRunning)
        requestFrame(mChain.empty());
}

void RbmView::updateButtons()
{
    const bool available = isAvailable(mInfo);
    mPlay->setText(mPlaying ? tr("Pause") : tr("Play"));
    mPlay->setToolTip(mPlaying ? tr("Stop the chains here") : tr("Run the chains, one frame after another"));
    mPlay->setEnabled(available);
    mStep->setEnabled(available && !mPlaying);
    mRestart->setEnabled(available);
    mTestIndex->setEnabled(Start(mStart->currentData().toInt()) != Start::Noise);
    mAisButton->setEnabled(available && !mAisRunning);
    mAisCancel->setEnabled(mAisRunning);
    mAisRuns->setEnabled(!mAisRunning);
    mAisTemperatures->setEnabled(!mAisRunning);
}

void RbmView::requestFilters()
{
    if (!isAvailable(mInfo))
        return;
    if (!isVisible()) {
        mFiltersStale = true; // caught up when shown
        return;
    }
    mFiltersStale = false;
    mRequestedFilters = mWorker->submit(
        {this, QStringLiteral("filters"), kFiltersPriority},
        [](const ExploreJobContext &context) {
            gs::RbmExplorer rbm(context.model, context.data);
            FiltersResult result;
            result.ticket = context.ticket;
            result.hidden = rbm.hidden_units();
            result.grid = rbm.filters(kShownFilters, 10);
            return result;
        },
        [this](const std::shared_ptr<const FiltersResult> &result) {
            if (result->ticket != mRequestedFilters)
                return;
            mFilters->setImage(toQImage(result->grid));
            mFilterCaption->setText(result->hidden > kShownFilters
                                        ? tr("The first %1 of %2 hidden units").arg(kShownFilters).arg(result->hidden)
                                        : tr("All %1 hidden units").arg(result->hidden));
            emit filtersShown();
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mRequestedFilters)
                emit error(message);
        });
}

void RbmView::requestFrame(bool restart)
{
    if (!isAvailable(mInfo))
        return;
    const Start start = Start(mStart->currentData().toInt());
    const int index = mTestIndex->value(), count = mChains->value(), steps = mStepsPerFrame->value();
    const unsigned long seed = mSeed++;
    gs::GibbsChain chain = restart ? gs::GibbsChain{} : mChain;
    mFramePending = true;
    updateButtons();
    mRequestedFrame = mWorker->submit(
        {this, QStringLiteral("gibbs"), kFramePriority},
        [start, index, count, steps, seed, chain](const ExploreJobContext &context) mutable {
            gs::RbmExplorer rbm(context.model, context.data);
            FrameResult result;
            result.ticket = context.ticket;
            result.testImages = rbm.test_images();
            if (chain.empty()) {
                const int i = std::min(index, result.testImages - 1);
                chain = start == Start::Noise ? rbm.chain_from_noise(count, seed)
                                              : rbm.chain_from_test_image(i, count, start == Start::Completion, seed);
                result.grid = rbm.chain_image(chain); // the start itself, step 0
                result.chain = chain;
                return result;
            }
            const gs::GibbsFrame frame = rbm.advance(chain, steps, seed);
            result.grid = frame.grid;
            result.seconds = frame.seconds;
            result.chain = chain;
            return result;
        },
        [this](const std::shared_ptr<const FrameResult> &result) {
            if (result->ticket != mRequestedFrame)
                return;
            mFramePending = false;
            mChain = result->chain;
            {
                const QSignalBlocker block(mTestIndex);
                mTestIndex->setRange(0, std::max(0, result->testImages - 1));
            }
            mChainView->setImage(toQImage(result->grid));
            // A restored session's test image, now that it has its range (it restarts the chain).
            mSessionControls.modelArrived(sessionControls());
            const Start start = Start(mStart->currentData().toInt());
            const QString what = start == Start::Noise       ? tr("from noise")
                                 : start == Start::TestImage ? tr("from test image %1").arg(mTestIndex->value())
                                                             : tr("completing test image %1 (top half clamped)")
                                                                   .arg(mTestIndex->value());
            mStepCaption->setText(tr("%1 chains %2 · %3 Gibbs steps%4")
                                      .arg(mChain.count)
                                      .arg(what)
                                      .arg(mChain.steps)
                                      .arg(result->seconds > 0
                                               ? tr(" · %1 ms per frame").arg(result->seconds * 1000, 0, 'f', 1)
                                               : QString()));
            updateButtons();
            emit frameShown(mChain.steps);
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket != mRequestedFrame)
                return;
            mFramePending = false;
            pause();
            emit error(message);
        });
}

void RbmView::startAis()
{
    if (!isAvailable(mInfo) || mAisRunning)
        return;
    const int runs = mAisRuns->value(), temperatures = mAisTemperatures->value();
    auto control = std::make_shared<AisControl>();
    mAisControl = control;
    mAisRunning = true;
    mAisProgress->setValue(0);
    mAisResult->setText(tr("Annealing from the base-rate model over %1 temperatures in %2 runs …")
                            .arg(temperatures)
                            .arg(runs));
    mAisPoll->start();
    updateButtons();
    mRequestedAis = mWorker->submit(
        {this, QStringLiteral("ais"), kAisPriority},
        [runs, temperatures, control](const ExploreJobContext &context) {
            gs::RbmExplorer rbm(context.model, context.data);
            return rbm.ais(runs, temperatures, 0, [control](double fraction) {
                control->permille = int(std::lround(fraction * 1000));
                return !control->cancel.load();
            });
        },
        [this, control](const std::shared_ptr<const gs::RbmAisSummary> &result) {
            if (control != mAisControl)
                return;
            mAisRunning = false;
            mAisPoll->stop();
            mAisControl.reset();
            if (result->cancelled) {
                mAisProgress->setValue(0);
                mAisResult->setText(tr("AIS cancelled."));
            } else {
                mAis = *result;
                mAisProgress->setValue(1000);
                mAisResult->setText(
                    tr("Test log-likelihood %1 ± %2 nats per image (±3 standard errors of log Z over %3 runs) · "
                       "log Z = %4 · %5 temperatures · %6 binarised test images · %7 s")
                        .arg(result->test_log_likelihood, 0, 'f', 2)
                        .arg(3 * result->test_log_likelihood_spread, 0, 'f', 2)
                        .arg(result->runs)
                        .arg(result->log_z, 0, 'f', 2)
                        .arg(result->temperatures)
                        .arg(result->images)
                        .arg(result->seconds, 0, 'f', 1));
            }
            updateButtons();
            emit aisFinished(result->cancelled);
        },
        [this, control](quint64, const QString &message) {
            if (control != mAisControl)
                return;
            mAisRunning = false;
            mAisPoll->stop();
            mAisControl.reset();
            mAisResult->clear();
            updateButtons();
            emit error(message);
            emit aisFinished(true);
        });
}

void RbmView::cancelAis()
{
    if (!mAisControl)
        return;
    mAisControl->cancel = true;
    mAisResult->setText(tr("Cancelling …"));
    mAisCancel->setEnabled(false);
}
