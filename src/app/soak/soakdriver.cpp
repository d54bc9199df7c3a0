// soakdriver.cpp — see soakdriver.h.
#include "soak/soakdriver.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QListWidget>
#include <QMutex>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>

#include <algorithm>
#include <cstdio>

#include "explore/explorerviews.h"
#include "explore/exploreview.h"
#include "shell/mainwindow.h"
#include "training/runrecordingbox.h"
#include "training/trainingpanel.h"
#include "widgets/messagebanner.h"

namespace {

constexpr int kExplorerSwitchTicks = 27; // ~8 s at 300 ms
constexpr int kTopSwitchTicks = 80;      // ~24 s
constexpr int kAwayTicks = 10;           // ~3 s on the other view
constexpr long kSoakSteps = 100000000;   // more than any soak trains
constexpr int kMaxLogLines = 1000;

// The log handler may be called from any thread.
QMutex gLogMutex;
QStringList gLogLines;
QElapsedTimer gLogClock;
QtMessageHandler gPreviousHandler = nullptr;

double envNumber(const char *name, double fallback)
{
    bool ok = false;
    const double value = qEnvironmentVariable(name).toDouble(&ok);
    return ok ? value : fallback;
}

} // namespace

SoakDriver *SoakDriver::fromEnvironment(MainWindow *window)
{
    const QString folder = qEnvironmentVariable("GENSTUDIO_SOAK");
    if (folder.isEmpty() || !window)
        return nullptr;
    Options options;
    options.folder = folder;
    options.minutes = envNumber("GENSTUDIO_SOAK_MINUTES", options.minutes);
    options.actionMs = int(envNumber("GENSTUDIO_SOAK_ACTION_MS", options.actionMs));
    options.sampleMs = int(envNumber("GENSTUDIO_SOAK_SAMPLE_MS", options.sampleMs));
    options.checkpointEvery = long(envNumber("GENSTUDIO_SOAK_CHECKPOINT_EVERY", options.checkpointEvery));
    options.warmupSeconds = envNumber("GENSTUDIO_SOAK_WARMUP_SECONDS", options.warmupSeconds);
    auto *driver = new SoakDriver(window, options);
    QTimer::singleShot(0, driver, &SoakDriver::start);
    return driver;
}

SoakDriver::SoakDriver(MainWindow *window, Options options)
    : QObject(window)
    , mWindow(window)
    , mOptions(std::move(options))
    , mProbe(std::max(200, mOptions.sampleMs))
{
    mActions.setInterval(std::max(50, mOptions.actionMs));
    connect(&mActions, &QTimer::timeout, this, &SoakDriver::act);
    mEnd.setSingleShot(true);
    mEnd.setInterval(int(mOptions.minutes * 60000.0));
    connect(&mEnd, &QTimer::timeout, this, &SoakDriver::finish);
    connect(&mProbe, &StallProbe::sampled, this, &SoakDriver::onSample);
    mReport.minutes = mOptions.minutes;
    mReport.warmupSeconds = mOptions.warmupSeconds >= 0
                                ? mOptions.warmupSeconds
                                : std::min(300.0, 0.3 * mOptions.minutes * 60.0);
}

SoakDriver::~SoakDriver()
{
    if (mStarted && !mFinished)
        qInstallMessageHandler(gPreviousHandler);
}

void SoakDriver::logHandler(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (type != QtDebugMsg && type != QtInfoMsg) {
        QMutexLocker lock(&gLogMutex);
        if (gLogLines.size() < kMaxLogLines)
            gLogLines << QStringLiteral("%1 s: log: %2")
                             .arg(double(gLogClock.elapsed()) / 1000.0, 0, 'f', 1)
                             .arg(text);
    }
    if (gPreviousHandler)
        gPreviousHandler(type, context, text);
}

void SoakDriver::start()
{
    if (mStarted || !mWindow)
        return;
    mStarted = true;
    {
        QMutexLocker lock(&gLogMutex);
        gLogLines.clear();
        gLogClock.start();
    }
    gPreviousHandler = qInstallMessageHandler(&SoakDriver::logHandler);

    TrainingController *controller = mWindow->trainingController();
    connect(controller, &TrainingController::warning, this, [this](const QString &message) {
        mReport.warnings << QStringLiteral("%1 s: %2").arg(mProbe.elapsedSeconds(), 0, 'f', 1).arg(message);
    });
    connect(controller, &TrainingController::failed, this, [this](const QString &message) {
        mReport.errors << QStringLiteral("%1 s: %2").arg(mProbe.elapsedSeconds(), 0, 'f', 1).arg(message);
    });

    mWindow->setConfirmDiscard(false);
    if (mWindow->runRecording())
        mWindow->runRecording()->setCheckpointEvery(mOptions.checkpointEvery);
    mWindow->trainingPanel()->setTotalSteps(kSoakSteps);
    mWindow->startTraining(); // the panel's defaults: the default model and dataset
    if (QWidget *explore = mWindow->topViewWidget(QStringLiteral("explore")))
        mWindow->views()->setCurrentWidget(explore);

    mProbe.start();
    mActions.start();
    mEnd.start();
    std::fprintf(stderr, "soak: %.1f min, results in %s\n", mOptions.minutes,
                 qPrintable(mOptions.folder));
}

static unsigned nextRandom(unsigned &state)
{
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

void SoakDriver::act()
{
    if (!mWindow || mFinished)
        return;
    ++mTick;
    watchBanners();
    auto *explore = mWindow->topView<ExploreView>(QStringLiteral("explore"));
    if (!explore)
        return;
    if (mAwayTicks > 0) {
        if (--mAwayTicks == 0)
            mWindow->views()->setCurrentWidget(explore);
        return;
    }
    if (mTick % kTopSwitchTicks == 0) {
        nextTopView();
        return;
    }
    if (mTick % kExplorerSwitchTicks == 0) {
        nextExplorerView(explore);
        return;
    }
    actInExplorer(explore);
}

void SoakDriver::actInExplorer(ExploreView *explore)
{
    if (!explore->hasModel())
        return;
    ExplorerView *view = explore->explorerView(explore->currentViewId());
    if (!view || !view->widget())
        return;
    QWidget *page = view->widget();
    const auto visible = [](QWidget *w) { return w && w->isVisible() && w->isEnabled(); };

    // Every fourth action presses a button or flips a check box the view has.
    if (mTick % 4 == 2) {
        for (const char *name : {"randomiseButton", "newSeedsButton"}) {
            auto *button = page->findChild<QAbstractButton *>(QLatin1String(name));
            if (visible(button)) {
                button->click();
                ++mActionCount;
                return;
            }
        }
        auto *endpoints = page->findChild<QListWidget *>(QStringLiteral("endpointList"));
        auto *addRandom = page->findChild<QAbstractButton *>(QStringLiteral("addRandomEndpointButton"));
        auto *remove = page->findChild<QAbstractButton *>(QStringLiteral("removeEndpointButton"));
        if (endpoints && visible(addRandom) && endpoints->count() < 6) {
            addRandom->click();
            ++mActionCount;
            return;
        }
        if (endpoints && visible(remove) && endpoints->count() > 0) {
            endpoints->setCurrentRow(0);
            remove->click();
            ++mActionCount;
            return;
        }
        auto *grid = page->findChild<QCheckBox *>(QStringLiteral("gridCheck"));
        if (visible(grid)) {
            grid->toggle();
            ++mActionCount;
            return;
        }
    }
    // Otherwise a slider is dragged to a new place, as a hand would.
    QList<QSlider *> sliders;
    for (QSlider *slider : page->findChildren<QSlider *>()) {
        if (visible(slider) && slider->maximum() > slider->minimum())
            sliders << slider;
    }
    if (sliders.isEmpty())
        return;
    QSlider *slider = sliders.at(int(nextRandom(mRandom) % unsigned(sliders.size())));
    const int span = slider->maximum() - slider->minimum() + 1;
    const int target = slider->minimum() + int(nextRandom(mRandom) % unsigned(span));
    slider->setSliderDown(true);
    const int from = slider->value();
    for (int i = 1; i <= 4; ++i)
        slider->setSliderPosition(from + (target - from) * i / 4);
    slider->setSliderDown(false);
    ++mActionCount;
}

void SoakDriver::nextExplorerView(ExploreView *explore)
{
    if (!explore->hasModel())
        return;
    QStringList available;
    for (const QString &id : explorerViewIds()) {
        const ExplorerView *view = explore->explorerView(id);
        if (view && view->isAvailable(explore->modelInfo()))
            available << id;
    }
    if (available.isEmpty())
        return;
    const int at = available.indexOf(explore->currentViewId());
    explore->showSubView(available.at((at + 1) % available.size()));
    ++mActionCount;
}

void SoakDriver::nextTopView()
{
    QTabWidget *tabs = mWindow->views();
    QWidget *explore = mWindow->topViewWidget(QStringLiteral("explore"));
    if (tabs->count() < 2)
        return;
    do {
        mTopIndex = (mTopIndex + 1) % tabs->count();
    } while (tabs->widget(mTopIndex) == explore);
    tabs->setCurrentIndex(mTopIndex);
    mAwayTicks = kAwayTicks;
    ++mActionCount;
}

void SoakDriver::watchBanners()
{
    const auto look = [this](MessageBanner *banner, QString &last) {
        if (!banner || !banner->isVisible() || banner->text() == last)
            return;
        last = banner->text();
        if (banner->kind() == MessageBanner::Kind::Information)
            return;
        const QString line =
            QStringLiteral("%1 s: %2").arg(mProbe.elapsedSeconds(), 0, 'f', 1).arg(last);
        (banner->kind() == MessageBanner::Kind::Error ? mReport.errors : mReport.warnings) << line;
    };
    look(mWindow->messageBanner(), mLastBannerText);
    if (auto *explore = mWindow->topView<ExploreView>(QStringLiteral("explore")))
        look(explore->messageBanner(), mLastExploreBannerText);
}

QString SoakDriver::frontViewName() const
{
    if (!mWindow)
        return {};
    QTabWidget *tabs = mWindow->views();
    QString name = tabs->tabText(tabs->currentIndex()).remove(QLatin1Char('&'));
    if (auto *explore = mWindow->topView<ExploreView>(QStringLiteral("explore"));
        explore && tabs->currentWidget() == explore)
        name += QLatin1Char('/') + explore->currentViewId();
    return name;
}

void SoakDriver::onSample(const StallProbe::Sample &sample)
{
    SoakRow row;
    row.sample = sample;
    row.step = mWindow ? mWindow->sessionStep() : 0;
    // The run folder's step checkpoints (core/train/run_writer.h names them step-*.gsckpt).
    const QString runFolder = mWindow ? mWindow->trainingController()->runFolder() : QString();
    row.checkpoints = runFolder.isEmpty()
                          ? 0
                          : int(QDir(runFolder)
                                    .entryList({QStringLiteral("step-*.gsckpt")}, QDir::Files)
                                    .size());
    row.errors = int(mReport.errors.size());
    row.actions = mActionCount;
    row.view = frontViewName();
    if (mReport.rows.empty())
        mReport.firstStep = row.step;
    mReport.lastStep = row.step;
    mReport.rows.push_back(row);
    // The results so far, so a run that dies still leaves its CSV (the summary is rewritten at the end).
    copyProbeTotals();
    QString error;
    if (!mOptions.folder.isEmpty() && !mReport.writeFiles(mOptions.folder, &error) && !mWriteFailed) {
        mWriteFailed = true;
        std::fprintf(stderr, "%s\n", qPrintable(error));
    }
}

void SoakDriver::copyProbeTotals()
{
    mReport.longestStallMs = mProbe.longestStallMs();
    mReport.longestStallAtSeconds = mProbe.longestStallAtSeconds();
    mReport.stallsOver100 = mProbe.stallsOver100();
    mReport.longestBusyMs = mProbe.longestBusyMs();
    mReport.longestBusyAtSeconds = mProbe.longestBusyAtSeconds();
    mReport.busyOver100 = mProbe.busyOver100();
    mReport.longestBlockedMs = mProbe.longestBlockedMs();
    mReport.longestBlockedAtSeconds = mProbe.longestBlockedAtSeconds();
    mReport.blockedOver100 = mProbe.blockedOver100();
}

void SoakDriver::finish()
{
    if (mFinished)
        return;
    mActions.stop();
    watchBanners();
    mProbe.stop(); // closes the last sample
    mFinished = true;
    qInstallMessageHandler(gPreviousHandler);
    {
        QMutexLocker lock(&gLogMutex);
        mReport.warnings << gLogLines;
        gLogLines.clear();
    }
    copyProbeTotals();
    QString error;
    if (!mOptions.folder.isEmpty() && !mReport.writeFiles(mOptions.folder, &error))
        std::fprintf(stderr, "%s\n", qPrintable(error));
    if (mOptions.closeWhenDone)
        std::fputs(qPrintable(mReport.summary()), stdout);
    std::fflush(stdout);
    emit finished();
    if (mWindow && mOptions.closeWhenDone) {
        mWindow->stopTraining();
        QTimer::singleShot(0, mWindow.data(), [window = mWindow] {
            if (window) {
                window->shutdownWorker();
                window->close();
            }
            QCoreApplication::quit();
        });
    }
}
