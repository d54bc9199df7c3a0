#include "shell/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "explore/exploreview.h"
#include "widgets/imageview.h"
#include "training/losspanel.h"
#include "widgets/messagebanner.h"
#include "playground/playgroundview.h"
#include "support/studiosettings.h"
#include "training/trainingpanel.h"
#include "training/trainingworker.h"

static void initStudioResources()
{
    Q_INIT_RESOURCE(genstudio); // the resources live in a static library
}

namespace {
constexpr int kDrainIntervalMs = 40;

QLabel *captionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::RichText);
    return label;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initStudioResources();
    setWindowTitle(QStringLiteral("GenStudio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/genstudio.png")));
    setObjectName(QStringLiteral("mainWindow"));

    mDrainTimer = new QTimer(this);
    mDrainTimer->setSingleShot(true);
    mDrainTimer->setInterval(kDrainIntervalMs);
    connect(mDrainTimer, &QTimer::timeout, this, &MainWindow::drainLosses);

    createActions();
    createLayout();
    createMenus();
    createStatusBar();
    connectWorker();
    readSettings();
    setState(State::NoSession);
    statusBar()->showMessage(tr("Ready. Press Train to start a new session."), kStatusTimeoutMs);
}

MainWindow::~MainWindow()
{
    if (!shutdownWorker())
        mThread.wait(); // never destroy a running QThread
}

void MainWindow::createActions()
{
    QStyle *s = style();
    mOpenAction
        = new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Checkpoint…"), this);
    mOpenAction->setObjectName(QStringLiteral("openAction"));
    mOpenAction->setShortcut(QKeySequence::Open);
    mOpenAction->setStatusTip(tr("Reopen a saved session to continue training it"));
    connect(mOpenAction, &QAction::triggered, this, &MainWindow::openCheckpointDialog);

    mSaveAction
        = new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save Checkpoint…"), this);
    mSaveAction->setObjectName(QStringLiteral("saveAction"));
    mSaveAction->setShortcut(QKeySequence::Save);
    mSaveAction->setStatusTip(tr("Save model, optimizer state and step (also while training)"));
    connect(mSaveAction, &QAction::triggered, this, &MainWindow::saveCheckpointDialog);

    mExportSamplesAction = new QAction(tr("&Export Sample Grid as PNG…"), this);
    mExportSamplesAction->setObjectName(QStringLiteral("exportSamplesAction"));
    mExportSamplesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(mExportSamplesAction, &QAction::triggered, this, &MainWindow::exportSamplesDialog);

    mExportReconstructionsAction = new QAction(tr("Export &Reconstructions as PNG…"), this);
    mExportReconstructionsAction->setObjectName(QStringLiteral("exportReconstructionsAction"));
    connect(mExportReconstructionsAction, &QAction::triggered, this,
            &MainWindow::exportReconstructionsDialog);

    mExportLossesAction = new QAction(tr("Export &Losses as CSV…"), this);
    mExportLossesAction->setObjectName(QStringLiteral("exportLossesAction"));
    mExportLossesAction->setStatusTip(tr("Every logged step with the raw loss values"));
    connect(mExportLossesAction, &QAction::triggered, this, &MainWindow::exportLossesDialog);

    mExportPlotAction = new QAction(tr("Export Loss &Plot as PNG…"), this);
    mExportPlotAction->setObjectName(QStringLiteral("exportPlotAction"));
    connect(mExportPlotAction, &QAction::triggered, this, &MainWindow::exportPlotDialog);

    mQuitAction = new QAction(tr("&Quit"), this);
    mQuitAction->setObjectName(QStringLiteral("quitAction"));
    mQuitAction->setShortcut(QKeySequence::Quit);
    mQuitAction->setMenuRole(QAction::QuitRole);
    connect(mQuitAction, &QAction::triggered, this, &QWidget::close);

    mTrainAction = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Train"), this);
    mTrainAction->setObjectName(QStringLiteral("trainAction"));
    mTrainAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    mTrainAction->setToolTip(tr("Start a new session from the form and train it (Ctrl+Enter)"));
    connect(mTrainAction, &QAction::triggered, this, &MainWindow::startTraining);

    mContinueAction
        = new QAction(s->standardIcon(QStyle::SP_MediaSeekForward), tr("&Continue"), this);
    mContinueAction->setObjectName(QStringLiteral("continueAction"));
    mContinueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    mContinueAction->setToolTip(tr("Train the current or reopened session on to the Steps "
                                   "target with its own settings; an edited learning rate "
                                   "applies (Ctrl+Shift+Enter)"));
    connect(mContinueAction, &QAction::triggered, this, &MainWindow::continueTraining);

    mPauseAction = new QAction(s->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    mPauseAction->setObjectName(QStringLiteral("pauseAction"));
    mPauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    mPauseAction->setToolTip(tr("Pause training after the current step (Ctrl+P)"));
    connect(mPauseAction, &QAction::triggered, this, &MainWindow::pauseTraining);

    mResumeAction = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Resume"), this);
    mResumeAction->setObjectName(QStringLiteral("resumeAction"));
    mResumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    mResumeAction->setToolTip(tr("Resume the paused run (Ctrl+R)"));
    connect(mResumeAction, &QAction::triggered, this, &MainWindow::resumeTraining);

    mStopAction = new QAction(s->standardIcon(QStyle::SP_MediaStop), tr("&Stop"), this);
    mStopAction->setObjectName(QStringLiteral("stopAction"));
    mStopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    mStopAction->setToolTip(tr("Stop training; the session stays and can be saved or "
                               "continued (Ctrl+.)"));
    connect(mStopAction, &QAction::triggered, this, &MainWindow::stopTraining);

    mAboutAction = new QAction(tr("&About GenStudio"), this);
    mAboutAction->setObjectName(QStringLiteral("aboutAction"));
    mAboutAction->setMenuRole(QAction::AboutRole);
    connect(mAboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(mOpenAction);
    file->addAction(mExploreView->exploreCheckpointAction());
    file->addAction(mExploreView->importTorchScriptAction());
    mRecentMenu = file->addMenu(tr("Open &Recent"));
    mRecentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(mRecentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addAction(mSaveAction);
    file->addSeparator();
    file->addAction(mExportSamplesAction);
    file->addAction(mExportReconstructionsAction);
    file->addAction(mExportLossesAction);
    file->addAction(mExportPlotAction);
    file->addSeparator();
    file->addAction(mQuitAction);
    updateRecentMenu();

    QMenu *training = menuBar()->addMenu(tr("&Training"));
    training->addAction(mTrainAction);
    training->addAction(mContinueAction);
    training->addSeparator();
    training->addAction(mPauseAction);
    training->addAction(mResumeAction);
    training->addAction(mStopAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *autoscale = view->addAction(tr("&Autoscale Loss Plot"));
    autoscale->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(autoscale, &QAction::triggered, mLossPanel, &LossPanel::autoscale);
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("trainingDock")))
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(mAboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createLayout()
{
    mTrainingPanel = new TrainingPanel(this);
    mTrainingPanel->setRunActions(mTrainAction, mContinueAction, mPauseAction, mResumeAction,
                                  mStopAction);
    connect(mTrainingPanel, &TrainingPanel::learningRateEdited, this,
            &MainWindow::onLearningRateEdited);
    auto *dock = new QDockWidget(tr("Training"), this);
    dock->setObjectName(QStringLiteral("trainingDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    dock->setWidget(mTrainingPanel);
    dock->setMinimumWidth(300);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    mBanner = new MessageBanner(this);

    mLossPanel = new LossPanel(this);
    mLossPanel->plot()->setContextMenuPolicy(Qt::ActionsContextMenu);
    mLossPanel->plot()->addActions({mExportPlotAction, mExportLossesAction});
    connect(mLossPanel, &LossPanel::notice, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusTimeoutMs); });

    mSampleView = new ImageView(this);
    mSampleView->setObjectName(QStringLiteral("sampleView"));
    mSampleView->setPlaceholderText(tr("Samples from a fixed batch of latent vectors appear "
                                       "here while the model trains."));
    mSampleView->setContextMenuPolicy(Qt::ActionsContextMenu);
    mSampleView->addAction(mExportSamplesAction);
    mReconstructionView = new ImageView(this);
    mReconstructionView->setObjectName(QStringLiteral("reconstructionView"));
    mReconstructionView->setPlaceholderText(tr("Fixed test images and their reconstructions "
                                               "appear here while the model trains."));
    mReconstructionView->setContextMenuPolicy(Qt::ActionsContextMenu);
    mReconstructionView->addAction(mExportReconstructionsAction);

    mSampleCaption = captionLabel(tr("<b>Samples</b>"), this);
    mReconstructionCaption = captionLabel(tr("<b>Reconstructions</b>"), this);

    auto *sampleBox = new QWidget(this);
    auto *sampleLayout = new QVBoxLayout(sampleBox);
    sampleLayout->setContentsMargins(0, 0, 0, 0);
    sampleLayout->addWidget(mSampleCaption);
    sampleLayout->addWidget(mSampleView, 1);
    mReconstructionBox = new QWidget(this);
    auto *reconstructionLayout = new QVBoxLayout(mReconstructionBox);
    reconstructionLayout->setContentsMargins(0, 0, 0, 0);
    reconstructionLayout->addWidget(mReconstructionCaption);
    reconstructionLayout->addWidget(mReconstructionView, 1);

    mImageSplitter = new QSplitter(Qt::Horizontal, this);
    mImageSplitter->setObjectName(QStringLiteral("imageSplitter"));
    mImageSplitter->addWidget(sampleBox);
    mImageSplitter->addWidget(mReconstructionBox);
    mImageSplitter->setChildrenCollapsible(false);

    mMainSplitter = new QSplitter(Qt::Vertical, this);
    mMainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    mMainSplitter->addWidget(mLossPanel);
    mMainSplitter->addWidget(mImageSplitter);
    mMainSplitter->setStretchFactor(0, 2);
    mMainSplitter->setStretchFactor(1, 3);
    mMainSplitter->setChildrenCollapsible(false);

    // One tab per view; the training view first. Further views (playground,
    // exploration) add their tab below, each in its own file.
    mViews = new QTabWidget(this);
    mViews->setObjectName(QStringLiteral("viewTabs"));
    mViews->setDocumentMode(true);
    mViews->addTab(mMainSplitter, tr("Training"));
    createExtraViews();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(mBanner);
    layout->addWidget(mViews, 1);
    setCentralWidget(central);
}

void MainWindow::createExtraViews()
{
    // Views are added here, one call each (see mainwindow_views.cpp files).
    mViews->addTab(mExploreView = new ExploreView(this), tr("Explore"));
    mViews->addTab(new PlaygroundView(this), tr("Playground"));
}

void MainWindow::createStatusBar()
{
    mProgress = new QProgressBar(this);
    mProgress->setObjectName(QStringLiteral("progressBar"));
    mProgress->setFixedWidth(280);
    mProgress->setRange(0, 1);
    mProgress->setValue(0);
    mProgress->setFormat(tr("step %v / %m"));
    mProgress->setTextVisible(true);
    mThroughputLabel = new QLabel(this);
    mThroughputLabel->setObjectName(QStringLiteral("throughputLabel"));
    mThroughputLabel->setMinimumWidth(110);
    mThroughputLabel->setToolTip(tr("Training throughput"));
    mEtaLabel = new QLabel(this);
    mEtaLabel->setObjectName(QStringLiteral("etaLabel"));
    mEtaLabel->setMinimumWidth(90);
    mEtaLabel->setToolTip(tr("Estimated time until the Steps target"));
    statusBar()->addPermanentWidget(mThroughputLabel);
    statusBar()->addPermanentWidget(mEtaLabel);
    statusBar()->addPermanentWidget(mProgress);
    mProgress->hide(); // until there is a session
}

void MainWindow::connectWorker()
{
    mWorker = new TrainingWorker;
    mWorker->moveToThread(&mThread);
    connect(&mThread, &QThread::finished, mWorker, &QObject::deleteLater);
    // Worker → GUI: queued, because the worker lives on another thread.
    connect(mWorker, &TrainingWorker::busy, this, &MainWindow::onBusy);
    connect(mWorker, &TrainingWorker::sessionClosed, this, &MainWindow::onSessionClosed);
    connect(mWorker, &TrainingWorker::sessionReady, this, &MainWindow::onSessionReady);
    connect(mWorker, &TrainingWorker::runStarted, this, &MainWindow::onRunStarted);
    connect(mWorker, &TrainingWorker::statsAvailable, this, &MainWindow::scheduleDrain);
    connect(mWorker, &TrainingWorker::samplesReady, this, &MainWindow::onSamplesReady);
    connect(mWorker, &TrainingWorker::checkpointSaved, this, &MainWindow::onCheckpointSaved);
    connect(mWorker, &TrainingWorker::pausedByTrainer, this, &MainWindow::onPausedByTrainer);
    connect(mWorker, &TrainingWorker::warning, this, &MainWindow::showWarning);
    connect(mWorker, &TrainingWorker::datasetDescribed, this, [this](const QString &text) {
        mSession.datasetDescription = text;
        updateSessionText();
    });
    connect(mWorker, &TrainingWorker::runFinished, this, &MainWindow::onRunFinished);
    connect(mWorker, &TrainingWorker::failed, this, &MainWindow::onFailed);
    mExploreView->setTrainingWorker(mWorker);
    findChild<PlaygroundView *>()->setTrainingWorker(mWorker);
    mThread.setObjectName(QStringLiteral("GenStudio training"));
    mThread.start();
}

bool MainWindow::shutdownWorker(int timeoutMs)
{
    if (mShutDown)
        return !mThread.isRunning() || mThread.wait(QDeadlineTimer(timeoutMs));
    mShutDown = true;
    mDrainTimer->stop();
    if (mWorker)
        mWorker->control().request_stop(); // also wakes a paused loop
    mThread.requestInterruption();
    mThread.quit();
    const bool joined = mThread.wait(QDeadlineTimer(timeoutMs));
    mWorker = nullptr; // deleted on its thread when the thread finished
    return joined;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!mShutDown
        && !confirmDiscard(tr("Quit GenStudio? The session has %1 training steps that were "
                              "not saved.")
                               .arg(mStep - mSavedStep))) {
        event->ignore();
        return;
    }
    writeSettings();
    shutdownWorker();
    event->accept();
}

void MainWindow::readSettings()
{
    const StudioSettings settings;
    mTrainingPanel->loadSettings(settings);
    mLossPanel->setSmoothing(settings.lossSmoothing());
    mLossPanel->setLogScale(settings.lossLogScale());
    if (!restoreGeometry(settings.windowGeometry())) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(available.size().boundedTo(QSize(1600, 1000)));
        move(available.topLeft());
    }
    if (!restoreState(settings.windowState())) {
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("trainingDock")))
            resizeDocks({dock}, {340}, Qt::Horizontal);
    }
    if (!mMainSplitter->restoreState(settings.splitterState(QStringLiteral("main")))) {
        const int height = this->height();
        mMainSplitter->setSizes({height * 2 / 5, height * 3 / 5});
    }
    mImageSplitter->restoreState(settings.splitterState(QStringLiteral("images")));
}

void MainWindow::writeSettings()
{
    StudioSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setSplitterState(QStringLiteral("main"), mMainSplitter->saveState());
    settings.setSplitterState(QStringLiteral("images"), mImageSplitter->saveState());
    mTrainingPanel->saveSettings(settings);
    settings.setLossSmoothing(mLossPanel->smoothing());
    settings.setLossLogScale(mLossPanel->logScale());
}

void MainWindow::setState(State state)
{
    const bool changed = state != mState;
    mState = state;
    updateActions();
    if (changed)
        emit stateChanged(state);
}

void MainWindow::updateActions()
{
    const State s = mState;
    const bool idle = s == State::NoSession || s == State::Ready;
    const bool training = s == State::Running || s == State::Paused || s == State::Stopping;
    mTrainAction->setEnabled(idle);
    mContinueAction->setEnabled(s == State::Ready && mHasSession);
    mPauseAction->setEnabled(s == State::Running);
    mResumeAction->setEnabled(s == State::Paused);
    mStopAction->setEnabled(s == State::Busy || s == State::Running || s == State::Paused);
    mOpenAction->setEnabled(idle);
    mSaveAction->setEnabled(mHasSession && (s == State::Ready || training));
    mExportSamplesAction->setEnabled(!mSampleView->image().isNull());
    mExportReconstructionsAction->setEnabled(!mReconstructionView->image().isNull());
    mExportLossesAction->setEnabled(mLossPanel->pointCount() > 0);
    mExportPlotAction->setEnabled(mLossPanel->pointCount() > 0);
    mTrainingPanel->setTrainingActive(!idle);
}

bool MainWindow::confirmDiscard(const QString &question)
{
    if (!mConfirmDiscard || !hasUnsavedSteps())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved training"), question,
                    QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDiscardBox"));
    box.setInformativeText(tr("Use File → Save Checkpoint… to keep them."));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Discard;
}

void MainWindow::showError(const QString &message)
{
    mBanner->showMessage(MessageBanner::Kind::Error, message);
    statusBar()->showMessage(message, kStatusTimeoutMs);
}

void MainWindow::showWarning(const QString &message)
{
    mBanner->showMessage(MessageBanner::Kind::Warning, message);
    statusBar()->showMessage(message, kStatusTimeoutMs);
}
