// test_multiprocess_gui.cpp — a run across local processes started from the
// Training dock (Processes = 2) on the offscreen platform, with a tiny seeded
// Fashion-MNIST VAE: the studio is rank 0 and starts one genstudio-cli child
// with the same model, data, parameters and seed; the losses are plotted, the
// status line says "2 processes", Pause holds both processes longer than the
// run's agreement would otherwise allow a silent rank, the run ends with a
// checkpoint in its run folder and the child gone; a killed child stops the
// run with a banner sentence naming rank 1.
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>

#include <csignal>
#include <memory>

#include "gui_test_main.h"
#include "shell/mainwindow.h"
#include "training/localranks.h"
#include "training/losspanel.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"

namespace {

const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 120000;

bool haveFashionMnist()
{
    return QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte.gz"))
        || QFileInfo::exists(kFashionMnist + QStringLiteral("/train-images-idx3-ubyte"));
}

} // namespace

class MultiProcessTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void twoProcessRunFromThePanel();
    void killedChildStopsTheRunWithASentence();

private:
    std::unique_ptr<MainWindow> makeWindow(long steps);
};

void MultiProcessTest::init()
{
    if (!haveFashionMnist())
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    LocalRanks::setCliPath(QStringLiteral(GENSTUDIO_CLI));
}

std::unique_ptr<MainWindow> MultiProcessTest::makeWindow(long steps)
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1200, 800);
    window->show();
    TrainingPanel *panel = window->trainingPanel();
    panel->selectModel(QStringLiteral("vae"));
    panel->selectDataset(QStringLiteral("fashion-mnist"));
    panel->setTotalSteps(steps);
    panel->setImageLimit(512);
    window->findChild<QSpinBox *>(QStringLiteral("threadsSpin"))->setValue(2);
    auto *processes = window->findChild<QSpinBox *>(QStringLiteral("processesSpin"));
    processes->setValue(2);
    // A small VAE: a step costs little even on a loaded machine.
    gs::ParamValues values = panel->parameterForm()->values();
    values["batch_size"] = "32";
    values["hidden1"] = "64";
    values["hidden2"] = "32";
    panel->parameterForm()->setValues(values);
    return window;
}

void MultiProcessTest::twoProcessRunFromThePanel()
{
    auto window = makeWindow(300);
    TrainingController *controller = window->trainingController();
    LocalRanks *ranks = controller->localRanks();
    QSignalSpy finished(controller, &TrainingController::runFinished);
    QSignalSpy failed(controller, &TrainingController::failed);
    QSignalSpy saved(controller, &TrainingController::runCheckpointSaved);
    window->startTraining();

    // The child: the same model, data, parameters and seed, rank 1 of 2, one thread each.
    QTRY_COMPARE_WITH_TIMEOUT(ranks->processIds().size(), 1, kTimeoutMs);
    const QStringList args = ranks->arguments(1);
    const QString joined = args.join(QLatin1Char(' '));
    for (const QString &part :
         {QStringLiteral("--model vae"), QStringLiteral("--dataset fashion-mnist"),
          QStringLiteral("--limit 512"), QStringLiteral("--set batch_size=32"),
          QStringLiteral("--set hidden1=64"),
          QStringLiteral("--seed 1"), QStringLiteral("--steps 300"),
          QStringLiteral("--world-size 2 --rank 1"), QStringLiteral("--threads 1")})
        QVERIFY2(joined.contains(part), qPrintable(joined));

    // Losses are plotted and the status line says how many processes train.
    QTRY_VERIFY_WITH_TIMEOUT(window->lossPanel()->pointCount() >= 3, kTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    auto *throughput = window->findChild<QLabel *>(QStringLiteral("throughputLabel"));
    QTRY_VERIFY(throughput->text().contains(QStringLiteral("2 processes")));

    // Pause holds both processes (past the log interval the pause is agreed at).
    window->findChild<QAction *>(QStringLiteral("pauseAction"))->trigger();
    QCOMPARE(window->state(), MainWindow::State::Paused);
    QTest::qWait(2500);
    const int held = window->lossPanel()->pointCount();
    const long step = controller->step();
    QTest::qWait(3000);
    QCOMPARE(window->lossPanel()->pointCount(), held);
    QCOMPARE(controller->step(), step);
    QCOMPARE(ranks->processIds().size(), 1); // the child waits with rank 0
    QVERIFY(step < 300);
    window->findChild<QAction *>(QStringLiteral("resumeAction"))->trigger();

    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(finished.first().at(0).toLongLong(), 300LL);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QVERIFY(!saved.isEmpty());
    QVERIFY(QFileInfo::exists(saved.last().first().toString()));
    QCOMPARE(saved.last().at(1).toLongLong(), 300LL);
    QVERIFY(window->lossPanel()->pointCount() > held);
    QTRY_COMPARE(ranks->processIds().size(), 0);
    QVERIFY(!window->messageBanner()->isVisibleTo(window.get()));
}

void MultiProcessTest::killedChildStopsTheRunWithASentence()
{
    auto window = makeWindow(1000000);
    TrainingController *controller = window->trainingController();
    LocalRanks *ranks = controller->localRanks();
    QSignalSpy failed(controller, &TrainingController::failed);
    window->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(window->lossPanel()->pointCount() >= 2, kTimeoutMs);
    const QVector<qint64> pids = ranks->processIds();
    QCOMPARE(pids.size(), 1);
    QElapsedTimer t;
    t.start();
    ::kill(pid_t(pids.first()), SIGKILL);
    QVERIFY(failed.wait(30000));
    qInfo("rank 1 killed: the studio's run stopped after %lld ms", qint64(t.elapsed()));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("Rank 1 has stopped answering")), qPrintable(message));
    QTRY_VERIFY(window->messageBanner()->isVisibleTo(window.get()));
    QVERIFY2(window->messageBanner()->text().contains(QStringLiteral("Rank 1")),
             qPrintable(window->messageBanner()->text()));
    QCOMPARE(window->state(), MainWindow::State::Ready); // the session stays (rank 0's weights)
}

GS_GUI_TEST_MAIN(MultiProcessTest)
#include "test_multiprocess_gui.moc"
