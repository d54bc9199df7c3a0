#include "shell/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QTabWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "session/recentsessionsmenu.h"
#include "session/sessionkeeper.h"
#include "presenter/presentermode.h"
#include "presenter/studiolook.h"
#include "presenter/viewrecording.h"
#include "training/losspanel.h"
#include "training/runrecordingbox.h"
#include "training/trainingpanel.h"
#include "training/trainingview.h"
#include "support/studiosettings.h"
#include "widgets/advancedcontrol.h"
#include "widgets/imageview.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"

static void initStudioResources()
{
    Q_INIT_RESOURCE(genstudio); // the resources live in a static library
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initStudioResources();
    setWindowTitle(QStringLiteral("GenStudio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/genstudio.png")));
    setObjectName(QStringLiteral("mainWindow"));

    mLook = new StudioLook(this); // palette and fonts before the widgets
    mController = new TrainingController(this);
    mController->setRunOptionsProvider(
        [this](const std::string &datasetId) { return runOptions(datasetId); });
    createActions();
    connectController(); // before the views connect: the window reacts first
    createLayout();
    mSessions = new SessionKeeper(this);
    createPresenter();
    createMenus();
    createStatusBar();
    readSettings();
    updateActions();
    statusBar()->showMessage(tr("Ready. Press Train to start a new session."), kStatusTimeoutMs);
}

MainWindow::~MainWindow()
{
    // Closed without closeEvent (tests, a program ending): still not a crash.
    if (mSessions && !mController->isShutDown())
        mSessions->quitting();
    shutdownWorker(); // the controller's destructor waits for the thread if need be
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
    file->addActions(mViewFileActions);
    mRecentMenu = file->addMenu(tr("Open &Recent"));
    mRecentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(mRecentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addAction(mSaveAction);
    file->addSeparator();
    file->addAction(mSessions->openAction());
    file->addMenu(mSessions->recentMenu());
    file->addAction(mSessions->saveAction());
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
    connect(autoscale, &QAction::triggered, lossPanel(), &LossPanel::autoscale);
    view->addAction(mTrainingDock->toggleViewAction());
    for (QAction *action : mSidePaneActions)
        view->addAction(action);
    view->addSeparator();
    view->addAction(mPresenter->action());
    QMenu *colors = view->addMenu(tr("&Colours"));
    colors->setObjectName(QStringLiteral("colorsMenu"));
    colors->addActions(mLook->schemeActions());
    view->addSeparator();
    view->addAction(mRecording->recordAction());
    view->addAction(mRecording->stopAction());

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
    mTrainingDock = new QDockWidget(tr("Training"), this);
    mTrainingDock->setObjectName(QStringLiteral("trainingDock"));
    mTrainingDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                               | QDockWidget::DockWidgetClosable);
    // The panel, and under it the run folder strip (checkpoint interval, Show run folder).
    auto *dockContent = new QWidget(this);
    auto *dockLayout = new QVBoxLayout(dockContent);
    dockLayout->setContentsMargins(0, 0, 0, 0);
    dockLayout->setSpacing(0);
    dockLayout->addWidget(mTrainingPanel, 1);
    mRunRecording = new RunRecordingBox(dockContent);
    mRunRecording->setController(mController);
    dockLayout->addWidget(mRunRecording);
    mTrainingDock->setWidget(dockContent);
    mTrainingDock->setMinimumWidth(300);
    addDockWidget(Qt::LeftDockWidgetArea, mTrainingDock);

    mBanner = new MessageBanner(this);

    // One tab per top-level view, from the one list (shell/topviews.cpp).
    mViews = new QTabWidget(this);
    mViews->setObjectName(QStringLiteral("viewTabs"));
    mViews->setDocumentMode(true);
    createViews();
    createSidePanes();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(mBanner);
    layout->addWidget(mViews, 1);
    setCentralWidget(central);
}

void MainWindow::createViews()
{
    TopViewContext context;
    context.controller = mController;
    context.requests = this;
    context.banner = mBanner;
    context.bringToFront = [this](QWidget *view) {
        if (mViews->indexOf(view) >= 0)
            mViews->setCurrentWidget(view);
    };
    for (const TopViewDescriptor &descriptor : topViews()) {
        const TopView view = descriptor.create(context, mViews);
        mViews->addTab(view.widget, tr(descriptor.title));
        mTopViews.emplace_back(descriptor.id, view.widget);
        mViewFileActions << view.fileActions;
    }

    // The Training tab: the window's export actions in its context menus.
    mTrainingView = topView<TrainingView>(QStringLiteral("training"));
    LossPanel *losses = mTrainingView->lossPanel();
    losses->plot()->setContextMenuPolicy(Qt::ActionsContextMenu);
    losses->plot()->addActions({mExportPlotAction, mExportLossesAction});
    connect(losses, &LossPanel::notice, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusTimeoutMs); });
    mTrainingView->sampleView()->addAction(mExportSamplesAction);
    mTrainingView->reconstructionView()->addAction(mExportReconstructionsAction);
    // After the view drew them: the exports become available.
    connect(mController, &TrainingController::samplesReady, this, &MainWindow::updateActions);
    connect(mController, &TrainingController::lossesDrained, this, &MainWindow::updateActions);
}

void MainWindow::createSidePanes()
{
    SidePaneContext context;
    context.controller = mController;
    context.requests = this;
    context.trainingPanel = mTrainingPanel;
    context.banner = mBanner;
    context.studio = this;
    context.topView = [this](const QString &id) { return topViewWidget(id); };
    context.showTopView = [this](const QString &id) {
        if (QWidget *view = topViewWidget(id))
            mViews->setCurrentWidget(view);
    };
    for (const SidePaneDescriptor &descriptor : sidePanes()) {
        auto *dock = new QDockWidget(tr(descriptor.title), this);
        dock->setObjectName(descriptor.id + QStringLiteral("Dock"));
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                          | QDockWidget::DockWidgetClosable);
        const SidePane pane = descriptor.create(context, dock);
        dock->setWidget(pane.widget);
        addDockWidget(descriptor.rightSide ? Qt::RightDockWidgetArea : Qt::LeftDockWidgetArea,
                      dock);
        dock->setVisible(descriptor.openByDefault); // the saved window state may override it
        mSidePaneActions << dock->toggleViewAction() << pane.viewActions;
        mSidePanes.emplace_back(descriptor.id, dock);
    }
}

QDockWidget *MainWindow::sidePaneDock(const QString &id) const
{
    for (const auto &[paneId, dock] : mSidePanes) {
        if (paneId == id)
            return dock;
    }
    return nullptr;
}

QWidget *MainWindow::topViewWidget(const QString &id) const
{
    for (const auto &[viewId, widget] : mTopViews) {
        if (viewId == id)
            return widget;
    }
    return nullptr;
}

LossPanel *MainWindow::lossPanel() const
{
    return mTrainingView->lossPanel();
}

ImageView *MainWindow::sampleView() const
{
    return mTrainingView->sampleView();
}

ImageView *MainWindow::reconstructionView() const
{
    return mTrainingView->reconstructionView();
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
    markAdvanced(mThroughputLabel); // status detail: hidden in presenter mode
    markAdvanced(mEtaLabel);
    statusBar()->addPermanentWidget(mRecording->indicator());
    statusBar()->addPermanentWidget(mThroughputLabel);
    statusBar()->addPermanentWidget(mEtaLabel);
    statusBar()->addPermanentWidget(mProgress);
    mProgress->hide(); // until there is a session
}

void MainWindow::connectController()
{
    TrainingController *c = mController;
    connect(c, &TrainingController::stateChanged, this, &MainWindow::onStateChanged);
    connect(c, &TrainingController::statusMessage, this,
            [this](const QString &text, int timeoutMs) {
                statusBar()->showMessage(text, timeoutMs);
            });
    connect(c, &TrainingController::bannerObsolete, this, [this] { mBanner->dismiss(); });
    connect(c, &TrainingController::runFolderChanged, this, [this](const QString &folder) {
        if (!folder.isEmpty())
            statusBar()->showMessage(tr("Recording the run in %1").arg(QDir::toNativeSeparators(folder)),
                                     kStatusTimeoutMs);
    });
    connect(c, &TrainingController::newSessionQueued, this, &MainWindow::onNewSessionQueued);
    connect(c, &TrainingController::progressChanged, this, &MainWindow::onProgress);
    connect(c, &TrainingController::busy, this, &MainWindow::onBusy);
    connect(c, &TrainingController::sessionClosed, this, &MainWindow::onSessionClosed);
    connect(c, &TrainingController::sessionReady, this, &MainWindow::onSessionReady);
    connect(c, &TrainingController::runStarted, this, &MainWindow::onRunStarted);
    connect(c, &TrainingController::checkpointSaved, this, &MainWindow::onCheckpointSaved);
    connect(c, &TrainingController::pausedByTrainer, this, &MainWindow::onPausedByTrainer);
    connect(c, &TrainingController::warning, this, &MainWindow::showWarning);
    connect(c, &TrainingController::datasetDescribed, this, &MainWindow::updateSessionText);
    connect(c, &TrainingController::runFinished, this, &MainWindow::onRunFinished);
    connect(c, &TrainingController::failed, this, &MainWindow::onFailed);
    // The Training dock shows the session's settings: keep it in step with
    // live changes made elsewhere (the playground).
    connect(c, &TrainingController::liveParamChanged, this,
            [this](const std::string &key, const std::string &value) {
                const std::string &model = mController->session().config.model_id;
                if (mTrainingPanel->modelId().toStdString() == model)
                    mTrainingPanel->parameterForm()->setValues({{key, value}});
            });
}

bool MainWindow::shutdownWorker(int timeoutMs)
{
    return mController->shutdown(timeoutMs);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!mController->isShutDown()
        && !confirmDiscard(tr("Quit GenStudio? The session has %1 training steps that were "
                              "not saved.")
                               .arg(mController->step() - mController->savedStep()))) {
        event->ignore();
        return;
    }
    writeSettings();
    mSessions->quitting(); // the autosave, marked as a clean exit
    shutdownWorker();
    event->accept();
}

void MainWindow::readSettings()
{
    const StudioSettings settings;
    mTrainingPanel->loadSettings(settings);
    lossPanel()->setSmoothing(settings.lossSmoothing());
    lossPanel()->setLogScale(settings.lossLogScale());
    if (!restoreGeometry(settings.windowGeometry())) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(available.size().boundedTo(QSize(1600, 1000)));
        move(available.topLeft());
    }
    if (!restoreState(settings.windowState())) {
        resizeDocks({mTrainingDock}, {340}, Qt::Horizontal);
    }
    mTrainingView->restoreLayout(settings, height());
}

void MainWindow::writeSettings()
{
    StudioSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    mTrainingView->saveLayout(settings);
    mTrainingPanel->saveSettings(settings);
    settings.setLossSmoothing(lossPanel()->smoothing());
    settings.setLossLogScale(lossPanel()->logScale());
}

void MainWindow::updateActions()
{
    const State s = mController->state();
    const bool idle = mController->isIdle();
    const bool training = mController->isTraining();
    const bool hasSession = mController->hasSession();
    mTrainAction->setEnabled(idle);
    mContinueAction->setEnabled(s == State::Ready && hasSession);
    mPauseAction->setEnabled(s == State::Running);
    mResumeAction->setEnabled(s == State::Paused);
    mStopAction->setEnabled(s == State::Busy || s == State::Running || s == State::Paused);
    mOpenAction->setEnabled(idle);
    mSaveAction->setEnabled(hasSession && (s == State::Ready || training));
    mExportSamplesAction->setEnabled(!sampleView()->image().isNull());
    mExportReconstructionsAction->setEnabled(!reconstructionView()->image().isNull());
    mExportLossesAction->setEnabled(lossPanel()->pointCount() > 0);
    mExportPlotAction->setEnabled(lossPanel()->pointCount() > 0);
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
