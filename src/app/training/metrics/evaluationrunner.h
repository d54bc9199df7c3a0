// evaluationrunner.h — the metrics panel's evaluation thread: turns a model
// copy (TrainingSession::snapshot bytes) into its own
// gs::Explorer and scores it with gs::evaluate_quality, one request at a
// time. It is neither the GUI thread, nor the training thread, nor the Explore
// tab's exploration thread, so a long FID never stalls training or the
// explorer views. While one evaluation runs, the newest request waits and an
// older waiting one is dropped.
//
// Snapshots: TrainingController::snapshotReady is broadcast to every listener
// (the Explore tab asks for copies too), so the runner takes a copy only after
// expectSnapshot(): the next snapshot handed to snapshotSink() becomes a
// request with the expected options, the others are ignored.
//
// Ownership: a QObject of the GUI thread that owns its QThread; the destructor
// calls shutdown(), which cancels the running evaluation, drops the waiting one
// and joins the thread. snapshotSink() shares only a small guarded state with
// the runner, so a snapshot that arrives during or after shutdown is ignored.
// Thread affinity: submit, expectSnapshot, cancel*, the sink and the counters
// are thread-safe; the signals are emitted on the evaluation thread and reach
// GUI receivers queued. Failure modes: a model that cannot be read or scored
// comes back as failed(message) with a sentence (gs::Error's, or one of ours
// for anything else); a cancelled evaluation comes back as finished with
// report->cancelled set and what it had computed.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

#include "core/explore/quality_explorer.h"

using QualityReportPtr = std::shared_ptr<const gs::QualityReport>;
Q_DECLARE_METATYPE(QualityReportPtr)

class QThread;

struct EvaluationRequest
{
    QByteArray snapshot;    // TrainingSession::snapshot bytes
    qint64 step = -1;       // the source's step (−1: read from the model)
    int samples = gs::QualityOptions{}.samples;
    bool automatic = false; // every-N-steps (cancelAutomatic) rather than "Evaluate now"
    quint64 id = 0;         // given by submit()
};

class EvaluationRunner : public QObject
{
    Q_OBJECT

public:
    explicit EvaluationRunner(QObject *parent = nullptr);
    ~EvaluationRunner() override;

    // Queues `request` (thread-safe) and returns its id; a request still
    // waiting is dropped for it. Ignored (0) after shutdown().
    quint64 submit(EvaluationRequest request);
    // The next snapshot given to the sink becomes a request with these options
    // (replacing an earlier expectation).
    void expectSnapshot(int samples, bool automatic);
    bool expectsSnapshot() const;
    // For TrainingController::snapshotReady with Qt::DirectConnection: safe on
    // any thread and after the runner is gone.
    std::function<void(qint64 step, const QByteArray &bytes)> snapshotSink() const;

    // Cancels the running evaluation and drops the waiting one and the
    // expected snapshot.
    void cancel();
    // The same for every-N-steps requests only ("Evaluate now" ones stay).
    void cancelAutomatic();
    bool isBusy() const;   // running, waiting or expecting a snapshot
    int droppedCount() const;
    // Cancels and joins the thread (idempotent; false if it did not end in time).
    bool shutdown(int timeoutMs = 30000);

signals:
    void started(quint64 id, qint64 step, bool automatic);
    void progress(quint64 id, double fraction, const QString &stage);
    void finished(quint64 id, const QualityReportPtr &report, bool automatic);
    void failed(quint64 id, const QString &message, bool automatic);
    void droppedRequest(quint64 id); // an older waiting request gave way to a newer one

private:
    struct Shared;
    void run(); // the thread's loop
    void evaluate(const EvaluationRequest &request);

    std::shared_ptr<Shared> mShared;
    QThread *mThread = nullptr;
};
