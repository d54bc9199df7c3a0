// test_commandline.cpp — the studio's command line (shell/studiocommandline.h)
// applied to a real MainWindow on the offscreen platform, as main.cpp applies
// it: each flag's effect on the window (the current tab, the Explore view, the
// model and dataset, Steps and the image limit, the explored checkpoint, the
// imported TorchScript module, the playground preset, training started) and
// each refusal's sentence and exit code.
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

#include <memory>

#include "compare/compareview.h"
#include "core/train/training_session.h"
#include "explore/explorerviews.h"
#include "explore/exploreview.h"
#include "gui_test_main.h"
#include "playground/playgroundpresets.h"
#include "playground/playgroundview.h"
#include "shell/mainwindow.h"
#include "shell/sidepane.h"
#include "shell/studiocommandline.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 30000;

QString fixture(const char *name)
{
    return QStringLiteral(GENSTUDIO_FIXTURES "/") + QLatin1String(name);
}

bool haveFashionMnist()
{
    return QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte.gz"))
        || QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte"));
}

QStringList sidePaneIdList()
{
    QStringList ids;
    for (const SidePaneDescriptor &pane : sidePanes())
        ids << pane.id;
    return ids;
}

} // namespace

class CommandLineTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpNamesEveryOption();
    void modelDatasetStepsAndLimit();
    void refusals_data();
    void refusals();
    void unknownOptionIsAParseError();
    void playgroundPreset();
    void playgroundTrainStartsPlaying();
    void exploreCheckpointInAView();
    void importTorchScript();
    void trainStartsARun();
    void checkpointWithTrainContinues();
    void compareRuns();
    void paneOpensItsDock();

private:
    // A window configured by `arguments` (without the program name); the
    // outcome in *outcome.
    std::unique_ptr<MainWindow> run(const QStringList &arguments,
                                    StudioCommandLine::Outcome *outcome);

    QTemporaryDir mDir;
    QString mCheckpoint; // an untrained 4-dimensional VAE on 64 images
};

void CommandLineTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!haveFashionMnist())
        return;
    gs::SessionConfig config;
    config.model_id = "vae";
    config.params = {{"latent_dim", "4"}, {"batch_size", "16"}};
    config.dataset.limit = 64;
    mCheckpoint = mDir.filePath(QStringLiteral("vae.gsckpt"));
    gs::TrainingSession::create(config)->save(QFile::encodeName(mCheckpoint).toStdString());
}

std::unique_ptr<MainWindow> CommandLineTest::run(const QStringList &arguments,
                                                 StudioCommandLine::Outcome *outcome)
{
    StudioCommandLine commandLine;
    QString error;
    if (!commandLine.parse(QStringList{QStringLiteral("genstudio")} + arguments, &error))
        qWarning("parse error: %s", qPrintable(error));
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    *outcome = commandLine.apply(window.get());
    return window;
}

void CommandLineTest::helpNamesEveryOption()
{
    const QString help = StudioCommandLine().helpText();
    for (const char *option : {"--playground <PRESET>", "--model <ID>", "--dataset <ID>",
                               "--train", "--steps <N>", "--limit <N>", "--explore <CKPT>",
                               "--explore-view <VIEW>", "--import-torchscript <PATH>", "--compare <RUN>", "--pane <ID>",
                               "checkpoint", "--help", "--version"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
    // The Explore views are listed as the registry has them.
    QVERIFY(help.simplified().contains(
        explorerViewIds().mid(0, explorerViewIds().size() - 1).join(QStringLiteral(", "))
        + QStringLiteral(" or ") + explorerViewIds().constLast()));
}

void CommandLineTest::modelDatasetStepsAndLimit()
{
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--model"), QStringLiteral("ae"), QStringLiteral("--dataset"),
                       QStringLiteral("edges2fashion"), QStringLiteral("--steps"),
                       QStringLiteral("1234"), QStringLiteral("--limit"), QStringLiteral("321")},
                      &outcome);
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY(outcome.message.isEmpty());
    QVERIFY(window->isVisible());
    TrainingPanel *panel = window->trainingPanel();
    QCOMPARE(panel->modelId(), QStringLiteral("ae"));
    QCOMPARE(panel->datasetId(), QStringLiteral("edges2fashion"));
    QCOMPARE(panel->totalSteps(), 1234L);
    QCOMPARE(panel->sessionConfig().dataset.limit, 321L);
    QCOMPARE(window->views()->currentWidget(), window->topViewWidget(QStringLiteral("training")));
    QTest::qWait(50); // nothing starts without --train
    QCOMPARE(window->state(), MainWindow::State::NoSession);

    // Another model and dataset, to see the flags choose rather than the defaults.
    window = run({QStringLiteral("--model"), QStringLiteral("dcgan"), QStringLiteral("--dataset"),
                  QStringLiteral("fashion-mnist")},
                 &outcome);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(window->trainingPanel()->modelId(), QStringLiteral("dcgan"));
    QCOMPARE(window->trainingPanel()->datasetId(), QStringLiteral("fashion-mnist"));
}

void CommandLineTest::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message"); // empty: the help text on stdout
    QStringList presets;
    for (const PlaygroundPreset &preset : playgroundPresets())
        presets << preset.id;
    QTest::newRow("model") << QStringList{QStringLiteral("--model"), QStringLiteral("nope")}
                           << QStringLiteral("genstudio: unknown model \"nope\"\n");
    QTest::newRow("dataset") << QStringList{QStringLiteral("--dataset"), QStringLiteral("nope")}
                             << QStringLiteral("genstudio: unknown dataset \"nope\"\n");
    QTest::newRow("preset")
        << QStringList{QStringLiteral("--playground"), QStringLiteral("nope")}
        << QStringLiteral("genstudio: unknown playground preset \"nope\" (presets: %1)\n")
               .arg(presets.join(QStringLiteral(", ")));
    QTest::newRow("view")
        << QStringList{QStringLiteral("--explore-view"), QStringLiteral("nope")}
        << QStringLiteral("genstudio: unknown explore view \"nope\" (%1)\n")
               .arg(explorerViewIds().join(QStringLiteral(", ")));
    QTest::newRow("pane") << QStringList{QStringLiteral("--pane"), QStringLiteral("nope")}
                          << QStringLiteral("genstudio: unknown side pane \"nope\" (%1)\n")
                                 .arg(sidePaneIdList().join(QStringLiteral(", ")));
    QTest::newRow("steps 0") << QStringList{QStringLiteral("--steps"), QStringLiteral("0")}
                             << QString();
    QTest::newRow("steps -5") << QStringList{QStringLiteral("--steps"), QStringLiteral("-5")}
                              << QString();
    QTest::newRow("steps text") << QStringList{QStringLiteral("--steps"), QStringLiteral("ten")}
                                << QString();
    QTest::newRow("limit -1") << QStringList{QStringLiteral("--limit"), QStringLiteral("-1")}
                              << QString();
    QTest::newRow("limit text") << QStringList{QStringLiteral("--limit"), QStringLiteral("all")}
                                << QString();
    // The first refusal wins, in the order the options are applied.
    QTest::newRow("model before steps")
        << QStringList{QStringLiteral("--steps"), QStringLiteral("0"), QStringLiteral("--model"),
                       QStringLiteral("nope")}
        << QStringLiteral("genstudio: unknown model \"nope\"\n");
}

void CommandLineTest::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    StudioCommandLine::Outcome outcome;
    auto window = run(arguments, &outcome);
    QCOMPARE(outcome.exitCode, 2);
    QCOMPARE(outcome.message, message);
    if (message.isEmpty())
        QCOMPARE(outcome.usageText, StudioCommandLine().helpText());
    else
        QVERIFY(outcome.usageText.isEmpty());
    QVERIFY(!window->isVisible()); // the person never sees a half-configured window
    QTest::qWait(20);
    QCOMPARE(window->state(), MainWindow::State::NoSession);
}

void CommandLineTest::unknownOptionIsAParseError()
{
    StudioCommandLine commandLine;
    QString error;
    QVERIFY(!commandLine.parse({QStringLiteral("genstudio"), QStringLiteral("--bogus")}, &error));
    QCOMPARE(error, QStringLiteral("Unknown option 'bogus'."));
    QVERIFY(!commandLine.parse({QStringLiteral("genstudio"), QStringLiteral("--steps")}, &error));
    QVERIFY2(error.contains(QStringLiteral("steps")), qPrintable(error));
}

void CommandLineTest::playgroundPreset()
{
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--playground"), QStringLiteral("wgan-gp-ring")}, &outcome);
    QCOMPARE(outcome.exitCode, 0);
    auto *playground = window->topView<PlaygroundView>(QStringLiteral("playground"));
    QVERIFY(playground);
    QCOMPARE(window->views()->currentWidget(), playground);
    QCOMPARE(playground->presetId(), QStringLiteral("wgan-gp-ring"));
    QCOMPARE(playground->datasetId(), QStringLiteral("ring8"));
    QTest::qWait(50);
    QCOMPARE(window->state(), MainWindow::State::NoSession);

    // A dataset id picks that dataset.
    window = run({QStringLiteral("--playground"), QStringLiteral("spiral")}, &outcome);
    QCOMPARE(outcome.exitCode, 0);
    playground = window->topView<PlaygroundView>(QStringLiteral("playground"));
    QCOMPARE(window->views()->currentWidget(), playground);
    QCOMPARE(playground->datasetId(), QStringLiteral("spiral"));
}

void CommandLineTest::playgroundTrainStartsPlaying()
{
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--playground"), QStringLiteral("gan-ring"),
                       QStringLiteral("--train")},
                      &outcome);
    QCOMPARE(outcome.exitCode, 0);
    TrainingController *controller = window->trainingController();
    QSignalSpy started(controller, &TrainingController::runStarted);
    QVERIFY(started.wait(kTimeoutMs));
    QCOMPARE(controller->session().config.dataset.id, std::string("ring8"));
    QCOMPARE(controller->session().config.model_id, std::string("gan"));
    QTRY_VERIFY_WITH_TIMEOUT(controller->step() > 0, kTimeoutMs);
    QCOMPARE(window->views()->currentWidget(),
             window->topViewWidget(QStringLiteral("playground")));
    QVERIFY(window->shutdownWorker());
}

void CommandLineTest::exploreCheckpointInAView()
{
    if (mCheckpoint.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--explore"), mCheckpoint, QStringLiteral("--explore-view"),
                       QStringLiteral("interpolation")},
                      &outcome);
    QCOMPARE(outcome.exitCode, 0);
    ExploreView *explore = window->topView<ExploreView>(QStringLiteral("explore"));
    QCOMPARE(window->views()->currentWidget(), explore);
    QTRY_VERIFY_WITH_TIMEOUT(explore->hasModel(), kTimeoutMs);
    QCOMPARE(explore->modelInfo().checkpointPath, mCheckpoint);
    QCOMPARE(explore->modelInfo().modelId, QStringLiteral("vae"));
    QCOMPARE(explore->modelInfo().latentDim, 4);
    QCOMPARE(explore->currentViewId(), QStringLiteral("interpolation"));
    // The training session is not touched.
    QCOMPARE(window->state(), MainWindow::State::NoSession);

    // --explore-view alone: the Explore tab with that view.
    window = run({QStringLiteral("--explore-view"), QStringLiteral("map")}, &outcome);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(window->views()->currentWidget(), window->topView<ExploreView>(QStringLiteral("explore")));
    QCOMPARE(window->topView<ExploreView>(QStringLiteral("explore"))->currentViewId(), QStringLiteral("map"));
}

void CommandLineTest::importTorchScript()
{
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--import-torchscript"), fixture("generator.pt")}, &outcome);
    QCOMPARE(outcome.exitCode, 0);
    ExploreView *explore = window->topView<ExploreView>(QStringLiteral("explore"));
    QCOMPARE(window->views()->currentWidget(), explore);
    QVERIFY(!explore->hasModel()); // imported once the event loop runs
    QTRY_VERIFY_WITH_TIMEOUT(explore->hasModel(), kTimeoutMs);
    QVERIFY(explore->modelInfo().torchScript);
    QCOMPARE(explore->modelInfo().checkpointPath, fixture("generator.pt"));
    QVERIFY(explore->modelInfo().canSample());
    QCOMPARE(window->state(), MainWindow::State::NoSession);
}

void CommandLineTest::trainStartsARun()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--model"), QStringLiteral("ae"), QStringLiteral("--dataset"),
                       QStringLiteral("fashion-mnist"), QStringLiteral("--steps"),
                       QStringLiteral("20"), QStringLiteral("--limit"), QStringLiteral("128"),
                       QStringLiteral("--train")},
                      &outcome);
    QCOMPARE(outcome.exitCode, 0);
    TrainingController *controller = window->trainingController();
    QCOMPARE(window->state(), MainWindow::State::NoSession); // starts once the loop runs
    QSignalSpy finished(controller, &TrainingController::runFinished);
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(finished.first().at(0).toLongLong(), 20LL);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(controller->session().config.model_id, std::string("ae"));
    QCOMPARE(controller->session().config.dataset.limit, 128L);
    QCOMPARE(window->state(), MainWindow::State::Ready);
}

void CommandLineTest::checkpointWithTrainContinues()
{
    if (mCheckpoint.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    StudioCommandLine::Outcome outcome;
    auto window = run({mCheckpoint, QStringLiteral("--train"), QStringLiteral("--steps"),
                       QStringLiteral("10")},
                      &outcome);
    QCOMPARE(outcome.exitCode, 0);
    TrainingController *controller = window->trainingController();
    QSignalSpy ready(controller, &TrainingController::sessionReady);
    QSignalSpy started(controller, &TrainingController::runStarted);
    QSignalSpy finished(controller, &TrainingController::runFinished);
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().first().value<SessionSummary>().checkpointPath, mCheckpoint);
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.first().at(0).toLongLong(), 0LL);
    QCOMPARE(finished.first().at(0).toLongLong(), 10LL);
    QCOMPARE(controller->session().config.params.at("latent_dim"), std::string("4"));
    // Continue once only: a later Ready (after this run) starts nothing.
    QTest::qWait(200);
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QCOMPARE(started.count(), 1);

    // A checkpoint without --train opens and waits.
    window = run({mCheckpoint}, &outcome);
    QCOMPARE(outcome.exitCode, 0);
    QSignalSpy ready2(window->trainingController(), &TrainingController::sessionReady);
    QVERIFY(ready2.wait(kTimeoutMs));
    QTest::qWait(200);
    QCOMPARE(window->state(), MainWindow::State::Ready);
    QCOMPARE(window->sessionStep(), 0L);
}


void CommandLineTest::compareRuns()
{
    if (mCheckpoint.isEmpty())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    StudioCommandLine::Outcome outcome;
    auto window = run({QStringLiteral("--compare"), mCheckpoint}, &outcome);
    QCOMPARE(outcome.exitCode, 0);
    CompareView *compare = window->topView<CompareView>(QStringLiteral("compare"));
    QVERIFY(compare);
    QCOMPARE(window->views()->currentWidget(), compare);
    QVERIFY(compare->runPaths().contains(QFileInfo(mCheckpoint).absoluteFilePath()));
    QCOMPARE(compare->runs().back().model_id, std::string("vae"));

    const QString missing = mDir.filePath(QStringLiteral("no-such-run"));
    window = run({QStringLiteral("--compare"), missing}, &outcome);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.message.startsWith(QStringLiteral("genstudio: ")) && outcome.message.contains(QStringLiteral("does not exist")),
             qPrintable(outcome.message));
    QVERIFY(!window->isVisible());
}

void CommandLineTest::paneOpensItsDock()
{
    for (const QString &id : sidePaneIdList()) {
        StudioCommandLine::Outcome outcome;
        auto window = run({QStringLiteral("--pane"), id}, &outcome);
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(window->sidePaneDock(id));
        QVERIFY2(window->sidePaneDock(id)->isVisible(), qPrintable(id));
    }
}

GS_GUI_TEST_MAIN(CommandLineTest)
#include "test_commandline.moc"
