#include "training/metrics/evaluationrunner.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <optional>
#include <vector>

#include "core/explore/explorer.h"
#include "support/guardedjob.h"

namespace {
constexpr qint64 kProgressIntervalMs = 80; // at most ~12 progress signals a second
} // namespace

struct EvaluationRunner::Shared
{
    mutable QMutex mutex;
    QWaitCondition wake;
    std::optional<EvaluationRequest> waiting;
    quint64 nextId = 1;
    quint64 runningId = 0;    // 0: none
    bool runningAutomatic = false;
    std::atomic<quint64> cancelledUpTo{0}; // requests with an id ≤ this stop at their next progress call
    bool expect = false;
    int expectSamples = 0;
    bool expectAutomatic = false;
    bool quit = false;
    int dropped = 0;

    // Under `mutex`: puts `request` in the waiting slot; returns the id of the
    // one it displaced (0: none).
    quint64 enqueue(EvaluationRequest &request)
    {
        request.id = nextId++;
        quint64 displaced = 0;
        if (waiting) {
            displaced = waiting->id;
            ++dropped;
        }
        waiting = std::move(request);
        wake.wakeAll();
        return displaced;
    }
};

EvaluationRunner::EvaluationRunner(QObject *parent)
    : QObject(parent)
    , mShared(std::make_shared<Shared>())
{
    qRegisterMetaType<QualityReportPtr>();
    mThread = QThread::create([this] { run(); });
    mThread->setObjectName(QStringLiteral("evaluation"));
    mThread->start(QThread::LowPriority);
}

EvaluationRunner::~EvaluationRunner()
{
    shutdown();
    delete mThread;
}

quint64 EvaluationRunner::submit(EvaluationRequest request)
{
    quint64 id = 0, displaced = 0;
    {
        QMutexLocker lock(&mShared->mutex);
        if (mShared->quit)
            return 0;
        displaced = mShared->enqueue(request);
        id = request.id;
    }
    if (displaced)
        emit droppedRequest(displaced);
    return id;
}

void EvaluationRunner::expectSnapshot(int samples, bool automatic)
{
    QMutexLocker lock(&mShared->mutex);
    mShared->expect = true;
    mShared->expectSamples = samples;
    mShared->expectAutomatic = automatic;
}

bool EvaluationRunner::expectsSnapshot() const
{
    QMutexLocker lock(&mShared->mutex);
    return mShared->expect;
}

std::function<void(qint64, const QByteArray &)> EvaluationRunner::snapshotSink() const
{
    std::weak_ptr<Shared> weak = mShared;
    // The displaced request's signal needs the runner; the sink may outlive it,
    // so it only counts the drop (the panel reads droppedCount()).
    return [weak](qint64 step, const QByteArray &bytes) {
        const std::shared_ptr<Shared> shared = weak.lock();
        if (!shared)
            return;
        QMutexLocker lock(&shared->mutex);
        if (shared->quit || !shared->expect)
            return;
        shared->expect = false;
        EvaluationRequest request;
        request.snapshot = bytes;
        request.step = step;
        request.samples = shared->expectSamples;
        request.automatic = shared->expectAutomatic;
        shared->enqueue(request);
    };
}

void EvaluationRunner::cancel()
{
    QMutexLocker lock(&mShared->mutex);
    mShared->expect = false;
    if (mShared->waiting) {
        mShared->cancelledUpTo = mShared->waiting->id;
        mShared->waiting.reset();
    } else if (mShared->runningId) {
        mShared->cancelledUpTo = mShared->runningId;
    }
}

void EvaluationRunner::cancelAutomatic()
{
    QMutexLocker lock(&mShared->mutex);
    if (mShared->expect && mShared->expectAutomatic)
        mShared->expect = false;
    if (mShared->waiting && mShared->waiting->automatic)
        mShared->waiting.reset();
    if (mShared->runningId && mShared->runningAutomatic)
        mShared->cancelledUpTo = std::max(mShared->cancelledUpTo.load(), mShared->runningId);
}

bool EvaluationRunner::isBusy() const
{
    QMutexLocker lock(&mShared->mutex);
    return mShared->expect || mShared->waiting || mShared->runningId;
}

int EvaluationRunner::droppedCount() const
{
    QMutexLocker lock(&mShared->mutex);
    return mShared->dropped;
}

bool EvaluationRunner::shutdown(int timeoutMs)
{
    {
        QMutexLocker lock(&mShared->mutex);
        mShared->quit = true;
        mShared->expect = false;
        mShared->waiting.reset();
        mShared->cancelledUpTo = mShared->nextId; // every id handed out so far
        mShared->wake.wakeAll();
    }
    if (!mThread->isRunning())
        return true;
    return mThread->wait(QDeadlineTimer(timeoutMs));
}

void EvaluationRunner::run()
{
    for (;;) {
        EvaluationRequest request;
        {
            QMutexLocker lock(&mShared->mutex);
            while (!mShared->quit && !mShared->waiting)
                mShared->wake.wait(&mShared->mutex);
            if (mShared->quit)
                return;
            request = std::move(*mShared->waiting);
            mShared->waiting.reset();
            mShared->runningId = request.id;
            mShared->runningAutomatic = request.automatic;
        }
        evaluate(request);
    }
}

void EvaluationRunner::evaluate(const EvaluationRequest &request)
{
    const quint64 id = request.id;
    emit started(id, request.step, request.automatic);
    emit progress(id, 0.0, tr("reading the model"));
    auto report = std::make_shared<gs::QualityReport>();
    QString message;
    const bool ok = runGuarded(
        [&] {
            const auto *data = reinterpret_cast<const uint8_t *>(request.snapshot.constData());
            std::unique_ptr<gs::Explorer> explorer = gs::Explorer::from_snapshot(
                std::vector<uint8_t>(data, data + request.snapshot.size()));
            gs::QualityOptions options;
            options.samples = request.samples;
            QElapsedTimer sinceLast;
            sinceLast.start();
            std::string lastStage;
            const std::atomic<quint64> &cancelled = mShared->cancelledUpTo;
            *report = gs::evaluate_quality(
                *explorer, options, [&](double fraction, const std::string &stage) {
                    if (cancelled.load() >= id)
                        return false;
                    if (stage != lastStage || sinceLast.elapsed() >= kProgressIntervalMs) {
                        lastStage = stage;
                        sinceLast.restart();
                        emit progress(id, fraction, QString::fromStdString(stage));
                    }
                    return true;
                });
            if (report->step == 0)
                report->step = explorer->step();
            if (mShared->cancelledUpTo.load() >= id)
                report->cancelled = true;
        },
        message,
        {tr("The computer ran out of memory while evaluating the model."),
         tr("The evaluation failed unexpectedly: %1")});
    if (ok && !report->cancelled)
        emit progress(id, 1.0, tr("done"));
    {
        // Idle before the result goes out, so its receivers see isBusy() false.
        QMutexLocker lock(&mShared->mutex);
        mShared->runningId = 0;
    }
    if (ok)
        emit finished(id, report, request.automatic);
    else
        emit failed(id, message, request.automatic);
}
