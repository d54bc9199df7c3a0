// test_exploration_cancel_gui.cpp — the exploration thread cancels a running
// job that is no longer wanted (explorationworker.h): a newer request of the
// same key, or a model from another file, raises the copy's cancel flag; the
// job ends without a reply and the new model arrives at once instead of after
// the old job. A request of another key and a job that ends by itself are not
// touched. The jobs here poll the flag the way the families' long loops do
// (Explorer::cancel_requested / throw_if_cancelled) and give up by themselves
// after kGiveUpMs, so a cancellation that does not happen shows as a timeout.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <memory>

#include "core/explore/explorer.h"
#include "explore/explorationworker.h"
#include "explore/exploreview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"

using namespace exploretest;

namespace {

constexpr int kGiveUpMs = 20000; // a job that is never cancelled returns this late
constexpr int kPromptMs = 5000;  // a cancelled job must make room well before that

struct Outcome
{
    std::atomic<bool> started{false};
    std::atomic<bool> replied{false};
    std::atomic<bool> failed{false};
    int value = 0;
};

// Submits a job of `purpose` that runs until it is cancelled or `ms` pass,
// then returns `value`.
quint64 submitLong(ExplorationWorker *worker, QObject *requester, const QString &purpose,
                   std::shared_ptr<Outcome> outcome, int value, int ms = kGiveUpMs)
{
    return worker->submit(
        {requester, purpose, 100},
        [outcome, value, ms](const ExploreJobContext &context) {
            outcome->started = true;
            QElapsedTimer clock;
            clock.start();
            while (!context.model.cancel_requested() && clock.elapsed() < ms)
                QThread::msleep(2);
            context.model.throw_if_cancelled();
            return value;
        },
        [outcome](const std::shared_ptr<const int> &result) {
            outcome->value = *result;
            outcome->replied = true;
        },
        [outcome](quint64, const QString &) { outcome->failed = true; });
}

} // namespace

class ExplorationCancelGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(mDir.isValid());
        if (!QFileInfo::exists(kFashionMnist))
            QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
        mFirst = trainCheckpoint(mDir.path(), "vae", 0, 4);
        mSecond = QDir(mDir.path()).filePath(QStringLiteral("second.gsckpt"));
        QVERIFY(QFile::copy(mFirst, mSecond));
        mView = openExploreView(mFirst);
        QVERIFY(waitForModel(mView.get()));
    }

    void aNewerRequestOfTheSameKeyCancelsTheRunningOne()
    {
        ExplorationWorker *worker = mView->worker();
        QObject requester;
        auto first = std::make_shared<Outcome>();
        auto second = std::make_shared<Outcome>();
        QElapsedTimer clock;
        clock.start();
        submitLong(worker, &requester, QStringLiteral("long"), first, 1);
        QTRY_VERIFY_WITH_TIMEOUT(first->started, kPromptMs);
        submitLong(worker, &requester, QStringLiteral("long"), second, 2, 0);
        QTRY_VERIFY_WITH_TIMEOUT(second->replied, kPromptMs);
        QVERIFY2(clock.elapsed() < kPromptMs, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(second->value, 2);
        QTest::qWait(50);
        QVERIFY(!first->replied);
        QVERIFY(!first->failed); // cancelled work is not an error for the person
        QCOMPARE(worker->jobsCancelled(&requester, QStringLiteral("long")), 1);
        QCOMPARE(worker->jobsRun(&requester, QStringLiteral("long")), 2);
    }

    void anotherKeyWaitsAndAJobThatEndsIsNotCancelled()
    {
        ExplorationWorker *worker = mView->worker();
        QObject requester;
        auto running = std::make_shared<Outcome>();
        auto other = std::make_shared<Outcome>();
        submitLong(worker, &requester, QStringLiteral("a"), running, 1, 400);
        QTRY_VERIFY_WITH_TIMEOUT(running->started, kPromptMs);
        submitLong(worker, &requester, QStringLiteral("b"), other, 2, 0);
        QTRY_VERIFY_WITH_TIMEOUT(running->replied && other->replied, kPromptMs);
        QCOMPARE(running->value, 1);
        QCOMPARE(other->value, 2);
        QCOMPARE(worker->jobsCancelled(&requester, QStringLiteral("a")), 0);
        QCOMPARE(worker->jobsCancelled(&requester, QStringLiteral("b")), 0);
    }

    void openingAnotherModelCancelsTheRunningJob()
    {
        ExplorationWorker *worker = mView->worker();
        QObject requester;
        auto stale = std::make_shared<Outcome>();
        const quint64 generation = mView->modelInfo().generation;
        submitLong(worker, &requester, QStringLiteral("long"), stale, 1);
        QTRY_VERIFY_WITH_TIMEOUT(stale->started, kPromptMs);
        QElapsedTimer clock;
        clock.start();
        mView->openCheckpoint(mSecond);
        QTRY_VERIFY_WITH_TIMEOUT(mView->modelInfo().generation > generation, kGiveUpMs + kPromptMs);
        qInfo("the new model arrived %lld ms after it was opened", qint64(clock.elapsed()));
        QVERIFY2(clock.elapsed() < kPromptMs, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(mView->modelInfo().checkpointPath, QFileInfo(mSecond).absoluteFilePath());
        QTest::qWait(50);
        QVERIFY(!stale->replied);
        QVERIFY(!stale->failed);
        QCOMPARE(worker->jobsCancelled(&requester, QStringLiteral("long")), 1);

        // The new copy's jobs run to the end (its flag was lowered).
        auto fresh = std::make_shared<Outcome>();
        submitLong(worker, &requester, QStringLiteral("long"), fresh, 3, 200);
        QTRY_VERIFY_WITH_TIMEOUT(fresh->replied, kPromptMs);
        QCOMPARE(fresh->value, 3);
    }

    void aFileThatFailsToOpenLeavesTheCurrentModelWorking()
    {
        ExplorationWorker *worker = mView->worker();
        const QString broken = QDir(mDir.path()).filePath(QStringLiteral("broken.gsckpt"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a checkpoint");
        file.close();
        QSignalSpy failed(worker, &ExplorationWorker::modelFailed);
        mView->openCheckpoint(broken);
        QVERIFY(failed.count() > 0 || failed.wait(kPromptMs));
        QObject requester;
        auto after = std::make_shared<Outcome>();
        submitLong(worker, &requester, QStringLiteral("long"), after, 4, 200);
        QTRY_VERIFY_WITH_TIMEOUT(after->replied, kPromptMs);
        QCOMPARE(after->value, 4);
        QCOMPARE(worker->jobsCancelled(&requester, QStringLiteral("long")), 0);
    }

    void cleanupTestCase() { mView.reset(); }

private:
    QTemporaryDir mDir;
    QString mFirst, mSecond;
    std::unique_ptr<ExploreView> mView;
};

GS_GUI_TEST_MAIN(ExplorationCancelGuiTest)
#include "test_exploration_cancel_gui.moc"
