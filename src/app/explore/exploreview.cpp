#include "explore/exploreview.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "explore/bookmarkstore.h"
#include "support/imagefile.h"
#include "explore/interpolation/interpolationview.h"
#include "explore/map/latentmapview.h"
#include "explore/latent/latentpanel.h"
#include "widgets/messagebanner.h"
#include "support/studiosettings.h"
#include "explore/stylemix/stylemixview.h"
#include "explore/stylespacebar.h"
#include "explore/translate/translationview.h"
#include "training/trainingworker.h"

namespace {
constexpr int kSnapshotPatienceMs = 8000; // ask again when no copy came by then
constexpr int kNoticeMs = 6000;
} // namespace

ExploreView::ExploreView(QWidget *parent)
    : QWidget(parent)
    , mWorker(new ExplorationWorker)
    , mBookmarks(new BookmarkStore(this))
    , mBanner(new MessageBanner(this))
    , mSource(new QLabel(this))
    , mNotice(new QLabel(this))
    , mFollow(new QCheckBox(tr("Follow training"), this))
    , mRefresh(new QToolButton(this))
    , mOpenButton(new QPushButton(tr("Explore a Checkpoint…"), this))
    , mStack(new QStackedWidget(this))
    , mPlaceholder(new QLabel(this))
    , mTabs(new QTabWidget(this))
    , mExploreAction(new QAction(tr("E&xplore a Checkpoint File…"), this))
    , mRefreshTimer(new QTimer(this))
    , mNoticeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("exploreView"));
    setAcceptDrops(true);
    mWorker->moveToThread(&mThread);
    connect(&mThread, &QThread::finished, mWorker, &QObject::deleteLater);
    mThread.setObjectName(QStringLiteral("GenStudio exploration"));
    mThread.start();

    mLatent = new LatentPanel(mWorker, mBookmarks, this);
    mMap = new LatentMapView(mWorker, this);
    mInterpolation = new InterpolationView(mWorker, mBookmarks, this);
    mStyleMix = new StyleMixView(mWorker, mBookmarks, this);
    mStyleSpace = new StyleSpaceBar(mWorker, this);
    mTabs->setObjectName(QStringLiteral("exploreTabs"));
    mTabs->addTab(mLatent, tr("Latent"));
    mTabs->addTab(mMap, tr("Map"));
    mTabs->addTab(mInterpolation, tr("Interpolation"));
    mTabs->addTab(mStyleMix, tr("Style mix"));
    mTabs->setTabEnabled(mTabs->indexOf(mStyleMix), false); // until a model with styles
    mTabs->setTabToolTip(mTabs->indexOf(mStyleMix), StyleMixView::unavailableText());
    mTranslation = new TranslationView(mWorker, this);
    mTabs->addTab(mTranslation, tr("Translate"));
    mTabs->setTabEnabled(mTabs->indexOf(mTranslation), false); // until a model that translates
    mTabs->setTabToolTip(mTabs->indexOf(mTranslation),
                         TranslationView::unavailableReason(ExplorerInfo()));
    mImportButton = new QPushButton(tr("Import TorchScript…"), this);
    mImportButton->setObjectName(QStringLiteral("importTorchScriptButton"));
    mImportAction = new QAction(tr("&Import TorchScript Model…"), this);
    mImportAction->setObjectName(QStringLiteral("importTorchScriptAction"));
    mImportAction->setStatusTip(tr("Explore a pretrained generator or translator saved with "
                                   "torch.jit.save (the training session is not touched)"));
    mImportButton->setToolTip(mImportAction->statusTip());
    mPlaceholder->setObjectName(QStringLiteral("explorePlaceholder"));
    mPlaceholder->setAlignment(Qt::AlignCenter);
    mPlaceholder->setWordWrap(true);
    mPlaceholder->setText(tr("Train a model (it can be explored while it trains) or explore a "
                             "checkpoint file. Checkpoints can also be dropped here."));
    mStack->addWidget(mPlaceholder);
    mStack->addWidget(mTabs);

    mSource->setObjectName(QStringLiteral("exploreSource"));
    mSource->setTextFormat(Qt::RichText);
    mSource->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    mNotice->setObjectName(QStringLiteral("exploreNotice"));
    mFollow->setObjectName(QStringLiteral("followTrainingCheck"));
    mFollow->setChecked(true);
    mFollow->setToolTip(tr("Explore a copy of the training session's model, refreshed every "
                           "%1 s while it trains (the copy never slows training by more than "
                           "a snapshot)")
                            .arg(kRefreshMs / 1000));
    mRefresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    mRefresh->setToolTip(tr("Take a new copy of the training session's model now"));
    mExploreAction->setObjectName(QStringLiteral("exploreCheckpointAction"));
    mExploreAction->setStatusTip(tr("Open a checkpoint in the Explore tab without touching the "
                                    "training session"));
    mOpenButton->setToolTip(mExploreAction->statusTip());
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(mSource, 3);
    sourceRow->addWidget(mNotice, 1);
    sourceRow->addWidget(mFollow);
    sourceRow->addWidget(mRefresh);
    sourceRow->addWidget(mOpenButton);
    sourceRow->addWidget(mImportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(sourceRow);
    layout->addWidget(mBanner);
    layout->addWidget(mStyleSpace);
    layout->addWidget(mStack, 1);

    mRefreshTimer->setInterval(kRefreshMs);
    connect(mRefreshTimer, &QTimer::timeout, this, [this] { requestSnapshot(false); });
    mNoticeTimer->setSingleShot(true);
    mNoticeTimer->setInterval(kNoticeMs);
    connect(mNoticeTimer, &QTimer::timeout, mNotice, &QLabel::clear);
    connect(mFollow, &QCheckBox::toggled, this, &ExploreView::setFollowTraining);
    connect(mRefresh, &QToolButton::clicked, this, &ExploreView::refreshFromTraining);
    connect(mOpenButton, &QPushButton::clicked, this, &ExploreView::chooseCheckpoint);
    connect(mExploreAction, &QAction::triggered, this, &ExploreView::chooseCheckpoint);
    connect(mWorker, &ExplorationWorker::modelReady, this, &ExploreView::onModelReady);
    connect(mTabs, &QTabWidget::currentChanged, this, &ExploreView::updateStyleSpaceBar);
    connect(mWorker, &ExplorationWorker::modelFailed, this, &ExploreView::onModelFailed);
    connect(mWorker, &ExplorationWorker::modelLoading, this, &ExploreView::showNotice);
    // The latent views' late failures (a job of the previous model that ran on a
    // model without a decoder or dataset, such as a translator) are not news.
    auto latentError = [this](const QString &message) {
        if (mInfo.canDecodeImages())
            showError(message);
    };
    connect(mLatent, &LatentPanel::error, this, latentError);
    connect(mMap, &LatentMapView::error, this, latentError);
    connect(mInterpolation, &InterpolationView::error, this, latentError);
    connect(mLatent, &LatentPanel::notice, this, &ExploreView::showNotice);
    connect(mInterpolation, &InterpolationView::notice, this, &ExploreView::showNotice);
    connect(mStyleMix, &StyleMixView::error, this, &ExploreView::showError);
    connect(mStyleMix, &StyleMixView::notice, this, &ExploreView::showNotice);
    connect(mTranslation, &TranslationView::error, this, &ExploreView::showError);
    connect(mTranslation, &TranslationView::notice, this, &ExploreView::showNotice);
    connect(mTranslation, &TranslationView::openFileRequested, this,
            [this](const QString &path) { dropFiles({path}); });
    connect(mTranslation, &TranslationView::chooseCheckpointRequested, this,
            &ExploreView::chooseCheckpoint);
    connect(mImportButton, &QPushButton::clicked, this, [this] { chooseTorchScript(); });
    connect(mImportAction, &QAction::triggered, this, [this] { chooseTorchScript(); });
    connect(mLatent, &LatentPanel::addToInterpolation, this,
            [this](const gs::Latent &z, const QString &label) {
                mInterpolation->addLatent(z, label);
                showNotice(tr("Added %1 to the interpolation.").arg(label));
            });
    connect(mMap, &LatentMapView::latentChosen, this,
            [this](const gs::Latent &z, const QString &label) {
                mLatent->setLatent(z, label);
                showSubView(SubView::Latent);
            });
    updateSourceText();
}

ExploreView::~ExploreView()
{
    mThread.requestInterruption();
    mThread.quit();
    mThread.wait(); // the worker is deleted on its thread as it finishes
}

// --- Sources --------------------------------------------------------------------

void ExploreView::setTrainingWorker(TrainingWorker *worker)
{
    mTrainingWorker = worker;
    if (!worker)
        return;
    // Snapshot bytes go straight to the exploration worker (thread-safe, newest
    // wins); the GUI thread never holds the copy.
    ExplorationWorker *explorer = mWorker;
    connect(worker, &TrainingWorker::snapshotReady, explorer,
            [explorer](qint64 step, const QByteArray &bytes) {
                explorer->loadSnapshot(step, bytes);
            },
            Qt::DirectConnection);
    connect(worker, &TrainingWorker::sessionReady, this, [this] {
        mHasSession = true;
        mWorker->startNewTrainingSource();
        mStale = true;
        requestSnapshot(true);
    });
    connect(worker, &TrainingWorker::sessionClosed, this, [this] { mHasSession = false; });
    connect(worker, &TrainingWorker::runStarted, this, &ExploreView::onRunStarted);
    connect(worker, &TrainingWorker::runFinished, this, &ExploreView::onRunEnded);
    connect(worker, &TrainingWorker::failed, this, &ExploreView::onRunEnded);
    connect(worker, &TrainingWorker::checkpointSaved, this, [this] { requestSnapshot(false); });
}

void ExploreView::onRunStarted()
{
    mTraining = true;
    mRefreshTimer->start();
    requestSnapshot(false);
}

void ExploreView::onRunEnded()
{
    const bool wasTraining = mTraining;
    mTraining = false;
    mRefreshTimer->stop();
    if (wasTraining && mHasSession) {
        mStale = true; // the final weights
        mAwaitingSnapshot = false; // a request of the last step may have gone unanswered
        requestSnapshot(true);
    }
}

void ExploreView::requestSnapshot(bool force)
{
    if (!mTrainingWorker || !mHasSession || !followsTraining())
        return;
    // Only while someone looks; a hidden tab catches up when shown.
    if (!isVisible()) {
        mStale = true;
        return;
    }
    const bool waiting = mAwaitingSnapshot && mLastRequest.isValid()
                         && mLastRequest.elapsed() < kSnapshotPatienceMs;
    if (waiting || (!force && mLastRequest.isValid() && mLastRequest.elapsed() < kRefreshMs / 2))
        return;
    mAwaitingSnapshot = true;
    mStale = false;
    mLastRequest.start();
    ++mSnapshotsRequested;
    // While a run goes on, the trainer answers between two steps. Asking the
    // control object directly (thread-safe) does not also queue an idle-time
    // answer behind the busy worker, which requestSnapshot() would (one more
    // copy of the model after the run for every request made during it).
    if (mTraining)
        mTrainingWorker->control().request_snapshot();
    else
        mTrainingWorker->requestSnapshot();
}

void ExploreView::refreshFromTraining()
{
    if (!mHasSession) {
        showError(tr("There is no training session to copy. Train a model or explore a "
                     "checkpoint file."));
        return;
    }
    setFollowTraining(true);
    mAwaitingSnapshot = false;
    requestSnapshot(true);
}

bool ExploreView::followsTraining() const
{
    return mWorker->followsTraining();
}

void ExploreView::setFollowTraining(bool on)
{
    if (mFollow->isChecked() != on) {
        mFollow->setChecked(on); // comes back here through toggled
        return;
    }
    mWorker->setFollowTraining(on);
    if (on) {
        mWorker->startNewTrainingSource();
        mAwaitingSnapshot = false;
        requestSnapshot(true);
    }
    updateSourceText();
}

void ExploreView::chooseCheckpoint()
{
    StudioSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Explore a Checkpoint"), settings.lastDirectory(),
        tr("GenStudio checkpoints (*.gsckpt);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    openCheckpoint(path);
}

void ExploreView::openCheckpoint(const QString &path)
{
    raiseTab();
    if (!QFileInfo(path).isFile()) {
        showError(tr("The checkpoint %1 does not exist.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    mBanner->dismiss();
    mFollowBeforeOpen = followsTraining();
    mOpening = QFileInfo(path).absoluteFilePath();
    {
        const QSignalBlocker blocker(mFollow);
        mFollow->setChecked(false);
    }
    mWorker->setFollowTraining(false); // before the open: a late snapshot loses
    mWorker->openCheckpoint(mOpening);
    updateSourceText();
}

void ExploreView::onModelReady(const ExplorerInfo &info)
{
    if (info.fromTraining) {
        mAwaitingSnapshot = false;
        if (!followsTraining())
            return; // a checkpoint file was chosen meanwhile
    } else {
        mOpening.clear();
    }
    const bool usable = info.canDecodeImages() || info.canTranslate();
    mInfo = info;
    if (!info.fromTraining)
        mNotice->clear(); // "Opening …" is over
    mStack->setCurrentWidget(usable ? static_cast<QWidget *>(mTabs) : mPlaceholder);
    if (!usable) {
        mPlaceholder->setText(
            info.pointData
                ? tr("%1 makes 2-D points, not images: explore it in the Playground.")
                      .arg(info.modelName)
                : tr("%1 cannot decode latents into images, so there is nothing to explore "
                     "here.")
                      .arg(info.modelName));
    } else {
        QWidget *before = mTabs->currentWidget();
        updateTranslationTabs(info); // exploreview_translate.cpp
        mTabs->setTabEnabled(1, info.canEncode());
        mTabs->setTabToolTip(1, info.canEncode()
                                    ? tr("The test images encoded, by class")
                                    : tr("%1 cannot encode images, so it has no latent map.")
                                          .arg(info.modelName));
        if (!info.canEncode() && mTabs->currentIndex() == 1)
            mTabs->setCurrentIndex(0);
        if (info.canDecodeImages()) {
            mLatent->setModel(info);
            mMap->setModel(info);
            mInterpolation->setModel(info);
        }
        // Style mixing: models with per-layer styles only (a capability, not a model id).
        const int styleTab = mTabs->indexOf(mStyleMix);
        mTabs->setTabEnabled(styleTab, info.hasStyles());
        mTabs->setTabToolTip(styleTab, info.hasStyles()
                                           ? tr("Mix the per-layer styles of two latents, with "
                                                "truncation and noise")
                                           : StyleMixView::unavailableText());
        if (!info.hasStyles() && mTabs->currentIndex() == styleTab)
            mTabs->setCurrentIndex(0);
        mStyleMix->setModel(info);
        chooseViewAfterModel(info, before);
    }
    updateStyleSpaceBar();
    updateSourceText();
    emit modelChanged(info);
}

void ExploreView::onModelFailed(const QString &message)
{
    mNotice->clear();
    if (!mOpening.isEmpty()) {
        // The file could not be opened: go on with what was explored before.
        mOpening.clear();
        const QSignalBlocker blocker(mFollow);
        mFollow->setChecked(mFollowBeforeOpen);
        mWorker->setFollowTraining(mFollowBeforeOpen);
        updateSourceText();
    } else {
        mAwaitingSnapshot = false;
    }
    showError(message);
}

// --- Views and drops ------------------------------------------------------------

void ExploreView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (mStale || (mTraining && !mAwaitingSnapshot))
        requestSnapshot(true);
}

// --- Messages -------------------------------------------------------------------

void ExploreView::showError(const QString &message)
{
    mBanner->showMessage(MessageBanner::Kind::Error, message);
}

void ExploreView::showNotice(const QString &message)
{
    mNotice->setText(message);
    mNoticeTimer->start();
}

void ExploreView::updateSourceText()
{
    QString text;
    if (!mOpening.isEmpty()) {
        text = tr("Opening %1…").arg(QFileInfo(mOpening).fileName().toHtmlEscaped());
    } else if (!mInfo.isValid()) {
        text = tr("Nothing to explore yet.");
    } else if (mInfo.torchScript) {
        text = tr("<b>%1</b>").arg(mInfo.modelName.toHtmlEscaped());
        if (mInfo.latentDim > 0)
            text += tr(" · latent %1").arg(mInfo.latentDim);
        text += tr(" · %1 × %2 %3 · an imported TorchScript module, %4")
                    .arg(mInfo.imageWidth)
                    .arg(mInfo.imageHeight)
                    .arg(mInfo.imageChannels == 3 ? tr("RGB") : tr("gray"))
                    .arg(QFileInfo(mInfo.checkpointPath).fileName().toHtmlEscaped());
    } else if (mInfo.latentDim <= 0) {
        text = tr("<b>%1</b> · step %2")
                   .arg(mInfo.modelName.toHtmlEscaped())
                   .arg(QLocale().toString(mInfo.step));
        if (mInfo.fromTraining)
            text += tr(" · copy of the training session");
        else
            text += tr(" · checkpoint %1")
                        .arg(QFileInfo(mInfo.checkpointPath).fileName().toHtmlEscaped());
    } else {
        text = tr("<b>%1</b> · latent %2 · step %3")
                   .arg(mInfo.modelName.toHtmlEscaped())
                   .arg(mInfo.latentDim)
                   .arg(QLocale().toString(mInfo.step));
        if (mInfo.fromTraining)
            text += tr(" · copy of the training session");
        else
            text += tr(" · checkpoint %1")
                        .arg(QFileInfo(mInfo.checkpointPath).fileName().toHtmlEscaped());
    }
    mSource->setText(text);
    mSource->setToolTip(mInfo.checkpointPath);
    mRefresh->setEnabled(mTrainingWorker);
}

void ExploreView::raiseTab()
{
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
            if (tabs->indexOf(this) >= 0)
                tabs->setCurrentWidget(this);
            return;
        }
    }
}
