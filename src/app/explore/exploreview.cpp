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
#include "widgets/messagebanner.h"
#include "support/studiosettings.h"
#include "explore/stylespacebar.h"

namespace {
constexpr int kNoticeMs = 6000;
} // namespace

ExploreView::ExploreView(QWidget *parent)
    : QWidget(parent)
    , mWorker(new ExplorationWorker)
    , mBookmarks(new BookmarkStore(this))
    , mRefreshTimer(new QTimer(this))
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
    , mNoticeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("exploreView"));
    setAcceptDrops(true);
    mWorker->moveToThread(&mThread);
    connect(&mThread, &QThread::finished, mWorker, &QObject::deleteLater);
    mThread.setObjectName(QStringLiteral("GenStudio exploration"));
    mThread.start();

    mStyleSpace = new StyleSpaceBar(mWorker, this);
    mTabs->setObjectName(QStringLiteral("exploreTabs"));
    addViews(); // exploreview_navigation.cpp
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
    connect(mImportButton, &QPushButton::clicked, this, [this] { chooseTorchScript(); });
    connect(mImportAction, &QAction::triggered, this, [this] { chooseTorchScript(); });
    updateSourceText();
}

ExploreView::~ExploreView()
{
    mThread.requestInterruption();
    mThread.quit();
    mThread.wait(); // the worker is deleted on its thread as it finishes
}

// --- Sources --------------------------------------------------------------------

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
    if (!beginOpening(path, tr("The checkpoint %1 does not exist."), false))
        return;
    mWorker->openCheckpoint(mOpening);
    updateSourceText();
}

bool ExploreView::beginOpening(const QString &path, const QString &missingText,
                               bool keepPendingFollow)
{
    raiseTab();
    if (!QFileInfo(path).isFile()) {
        showError(missingText.arg(QDir::toNativeSeparators(path)));
        return false;
    }
    mBanner->dismiss();
    // A module imported while another file opens keeps what was followed before both.
    if (!keepPendingFollow || mOpening.isEmpty())
        mFollowBeforeOpen = followsTraining();
    mOpening = QFileInfo(path).absoluteFilePath();
    {
        const QSignalBlocker blocker(mFollow);
        mFollow->setChecked(false);
    }
    mWorker->setFollowTraining(false); // before the open: a late snapshot loses
    return true;
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
    const bool usable = anyViewAvailable(info);
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
        updateTabs(info); // exploreview_navigation.cpp
        for (ExplorerView *view : mViews)
            view->modelChanged(info);
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
    } else {
        // The latent size only where latents decode into images (not an RBM's starting noise).
        const bool decodesLatents = mInfo.latentDim > 0 && (mInfo.capabilities & gs::kCanDecode);
        text = !decodesLatents ? tr("<b>%1</b> · step %2")
                                          .arg(mInfo.modelName.toHtmlEscaped())
                                          .arg(QLocale().toString(mInfo.step))
                                    : tr("<b>%1</b> · latent %2 · step %3")
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
    mRefresh->setEnabled(hasTrainingController());
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
