// explorationworker.h — the exploration thread's worker: holds its own copy of
// a model (gs::Explorer, from a checkpoint file, a TorchScript module or a
// snapshot of the training session) and runs the jobs the explorer views
// submit while training goes on in another thread. It does not know what the
// jobs are: a job is a function of the current model copy, built by the view
// that asks (latentjobs.h holds the latent-space ones several views share).
//
// Requests: a view submits a job with an ExploreRequest — the requester (a
// QObject it owns, on the GUI thread), a purpose ("preview", "sweep", …) and a
// priority — and gets its own reply: a callback run on the GUI thread while the
// requester lives, with the job's result or, if the job threw, the sentence for
// the user. Newest request wins per (requester, purpose): a request still
// waiting when a newer one arrives with the same key is dropped without a
// reply, so dragging a slider never queues hundreds of decodes. Lower priority
// numbers run first, one job at a time: 0 model loads, 1 model setups, then the
// numbers the views pass (the live preview 20, translation 30, style mix 40,
// map pick 50, encode 60, hover 70, seed 80, sweep 90, interpolation strip 100,
// browser pages 110, map grid 120, samples 125, style grid 130, directions 140,
// spread 150, the latent map last at 160); equal numbers run in the order
// submitted.
//
// A job that is running when it stops being wanted is cancelled: a newer
// request of its key, or a model from another source (a checkpoint, a module,
// a new training session; not a newer snapshot of the same session, which
// would starve a long job while training runs) raises the copy's cancel flag
// (Explorer::set_cancel_flag), long family work throws gs::Cancelled at its
// next step and the job ends without a reply. So opening a model never waits
// for a 1000-step denoising run of the previous one.
//
// Models are read (Explorer::open, Explorer::from_snapshot,
// Explorer::open_torchscript) on a pool thread so that decoding goes on
// meanwhile; the newest waiting model wins and is swapped in between two jobs.
// Model setups (setModelSetup) configure every model copy before it is
// announced (a view's settings such as a latent space, and the family details
// it keeps in ExplorerInfo::details).
//
// Ownership: ExploreView creates the worker, moves it to a member QThread and
// deletes it after joining that thread. The worker owns the Explorer copies; it
// never sees the trainer's model, only snapshot bytes.
//
// Thread affinity: submit, the model requests and setModelSetup may be called
// from any thread: they store the request under a mutex and wake the worker
// with one queued call. Jobs run on the worker's thread; replies are queued to
// the GUI thread and skipped when the requester is gone. modelFailed may also
// come from the loader's pool thread (connect with the default, queued).
//
// Failure modes: a job that throws gs::Error (or anything else) comes back to
// its requester's failure callback with a sentence for the user; a model that
// cannot be opened becomes modelFailed and the previous model stays. Jobs
// without a model fail with "There is no model to explore yet.".
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QFuture>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <type_traits>
#include <utility>

#include "core/explore/explorer.h"

// What the explored model is, for the views (copied to the GUI thread): what
// every model has, its capability flags, and the details the model setups add.
struct ExplorerInfo
{
    QString modelId;   // the registry id
    QString modelName; // the registry's display name
    unsigned capabilities = 0;
    int latentDim = 0;
    qint64 step = 0;
    int imageWidth = 0;
    int imageHeight = 0;
    int imageChannels = 0;
    bool pointData = false;
    bool fromTraining = false; // a snapshot of the training session
    QString checkpointPath;    // the file (checkpoint or TorchScript module), when opened from one
    bool torchScript = false;  // an imported TorchScript module
    quint64 generation = 0;    // increases with every model loaded
    // Family details written by model setups (styledetails.h, the translation
    // view's domains). kLatentSpaceKey names the space latents live in when a
    // setup changed it; it keeps bookmarks and sameModelAs apart.
    QVariantMap details;
    static constexpr const char *kLatentSpaceKey = "latentSpace";

    bool isValid() const { return generation > 0; }
    bool canDecodeImages() const;
    bool canEncode() const;
    bool canSample() const;
    bool canTranslate() const;     // A→B
    bool translatesBack() const;   // B→A too (cycle and identity views)
    bool hasStyles() const;        // style mixing and truncation
    QVariant detail(const char *key, const QVariant &fallback = {}) const;
    // The bookmark store's model key: the model id, and " SPACE" while a setup
    // moved the latents to another space (bookmarks of both are kept apart).
    QString bookmarkKey() const;
    // Same architecture, latent size and space: sliders, endpoints and bookmarks carry over.
    bool sameModelAs(const ExplorerInfo &other) const;
};
Q_DECLARE_METATYPE(ExplorerInfo)

// Who asks, for what, how urgently. Newest wins per (requester, purpose).
struct ExploreRequest
{
    QObject *requester = nullptr; // gets the reply (GUI thread); must outlive the call
    QString purpose;
    int priority = 100; // lower runs first (see the header comment)
};

// What a job runs against, on the exploration thread.
struct ExploreJobContext
{
    gs::Explorer &model; // the current copy
    gs::Explorer &data;  // the first copy of the source, which keeps its dataset loaded
    quint64 ticket = 0;
    quint64 generation = 0; // of the current copy
    qint64 step = 0;        // of the current copy
};

class ExplorationWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int kModelLoadPriority = 0;
    static constexpr int kModelSetupPriority = 1;
    // Configures a model copy before it is announced (worker thread).
    using ModelSetup = std::function<void(gs::Explorer &model, ExplorerInfo &info)>;

    explicit ExplorationWorker(QObject *parent = nullptr);
    ~ExplorationWorker() override;

    // --- Models (any thread) ---
    void openCheckpoint(const QString &path);
    // An imported TorchScript generator or translator (validated by one dry
    // run while loading; a refusal comes as modelFailed with the reason).
    void openTorchScript(const QString &path, const gs::TorchScriptDescriptor &descriptor);
    // A TrainingSession::snapshot of the training session; ignored unless
    // following training. The first snapshot after startNewTrainingSource()
    // also renews the copy that serves dataset images; a later one of the
    // step already queued is dropped (same session, same step, same weights).
    void loadSnapshot(qint64 step, const QByteArray &bytes);
    void setFollowTraining(bool on) { mFollowTraining = on; }
    bool followsTraining() const { return mFollowTraining; }
    void startNewTrainingSource() { mNewSource = true; }
    // Runs `setup` on every later model copy before modelReady, and now on the
    // current one (between two jobs); when that changes its info the model is
    // announced again (with a new generation when the latent space changed).
    // A setup of the same name replaces the previous one.
    void setModelSetup(const QString &name, ModelSetup setup);

    // --- Jobs (any thread); each returns its ticket ---
    // `job(const ExploreJobContext &)` returns a result R on the exploration
    // thread; `reply(std::shared_ptr<const R>)` and `failure(quint64 ticket,
    // QString message)` run on the GUI thread while the requester lives.
    template<typename Job, typename Reply, typename Failure>
    quint64 submit(const ExploreRequest &request, Job job, Reply reply, Failure failure)
    {
        using Result = std::decay_t<std::invoke_result_t<Job &, const ExploreJobContext &>>;
        Runner runner = [job = std::move(job), reply = std::move(reply)](
                            const ExploreJobContext &context) mutable -> std::function<void()> {
            auto result = std::make_shared<const Result>(job(context));
            return [reply, result] { reply(result); };
        };
        return post(request, std::move(runner), std::function<void(quint64, const QString &)>(
                                                    std::move(failure)));
    }

    // Statistics (any thread): jobs run, requests dropped and running jobs
    // cancelled per key.
    int jobsRun(const QObject *requester, const QString &purpose) const;
    int requestsDropped(const QObject *requester, const QString &purpose) const;
    int jobsCancelled(const QObject *requester, const QString &purpose) const;

signals:
    void modelLoading(const QString &what);
    void modelReady(const ExplorerInfo &info);
    void modelFailed(const QString &message);

private:
    using Runner = std::function<std::function<void()>(const ExploreJobContext &)>;
    using Key = std::pair<const QObject *, QString>;
    struct Load
    {
        std::function<std::shared_ptr<gs::Explorer>()> open;
        bool fromTraining = false;
        QString path;
        bool torchScript = false;
    };
    struct Pending
    {
        quint64 ticket = 0;
        int priority = 0;
        std::function<void()> work; // runs on the worker thread, replies itself
    };
    struct Counts
    {
        int run = 0;
        int dropped = 0;
        int cancelled = 0;
    };

    quint64 post(const ExploreRequest &request, Runner runner,
                 std::function<void(quint64, const QString &)> failure);
    quint64 enqueue(const Key &key, int priority, std::function<void(quint64)> work);
    void queueLoad(Load load);
    void cancelRunningJobLocked(); // mMutex held
    void runLoads(); // a pool thread
    void drain();
    void adopt(std::shared_ptr<gs::Explorer> explorer, bool fromTraining, const QString &path,
               bool newSource, bool torchScript);
    void applySetups(gs::Explorer &explorer, ExplorerInfo &info) const;
    void reapplySetup(const QString &name);
    ExplorerInfo describe(gs::Explorer &explorer) const;

    // Guarded by mMutex.
    mutable QMutex mMutex;
    std::map<Key, Pending> mPending;
    std::map<Key, Counts> mCounts;
    std::map<QString, ModelSetup> mSetups;
    bool mWakeQueued = false;
    bool mJobRunning = false; // a job of mRunningKey is running (worker thread)
    Key mRunningKey;
    bool mSourceChanging = false; // a model of another source is being read: jobs now are stale
    Load mNextLoad; // the newest model waiting to be read
    bool mLoaderBusy = false;
    QFuture<void> mLoader;
    qint64 mLastSnapshotStep = -1; // of the newest snapshot queued (same step: same weights)

    std::atomic<quint64> mNextTicket{1};
    std::atomic<bool> mFollowTraining{true};
    std::atomic<bool> mNewSource{true};
    std::atomic<bool> mCancelRunning{false}; // every model copy's cancel flag

    // Worker thread only.
    std::shared_ptr<gs::Explorer> mExplorer;
    // The first model of the current source: its dataset is loaded once and
    // serves dataset images while newer snapshots replace mExplorer.
    std::shared_ptr<gs::Explorer> mDataExplorer;
    ExplorerInfo mInfo;
    quint64 mGeneration = 0;
};
