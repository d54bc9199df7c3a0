#include "explore/explorationworker.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QtConcurrent>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "support/guardedjob.h"

namespace {

// Runs `job`; turns every exception into a sentence for the user (guardedjob.h).
template<typename Job> bool guarded(Job &&job, QString &message)
{
    return runGuarded(std::forward<Job>(job), message,
                      {ExplorationWorker::tr("The computer ran out of memory while exploring."),
                       ExplorationWorker::tr("Unexpected error while exploring: %1")});
}

// Runs `call` on the GUI thread while `requester` lives.
void deliver(const QPointer<QObject> &requester, std::function<void()> call)
{
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [requester, call = std::move(call)] {
            if (requester)
                call();
        },
        Qt::QueuedConnection);
}

const QString kModelPurpose = QStringLiteral("model");

} // namespace

// --- ExplorerInfo ---------------------------------------------------------------

bool ExplorerInfo::canDecodeImages() const
{
    return (capabilities & gs::kCanDecode) && !pointData;
}

bool ExplorerInfo::canEncode() const
{
    return (capabilities & gs::kCanEncode) && !pointData;
}

bool ExplorerInfo::canSample() const
{
    return capabilities & gs::kCanSample;
}

bool ExplorerInfo::canTranslate() const
{
    return capabilities & gs::kCanTranslate;
}

bool ExplorerInfo::translatesBack() const
{
    return (capabilities & gs::kCanTranslate) && (capabilities & gs::kTranslatesBack);
}

bool ExplorerInfo::hasStyles() const
{
    return capabilities & gs::kHasStyles;
}

QVariant ExplorerInfo::detail(const char *key, const QVariant &fallback) const
{
    return details.value(QLatin1String(key), fallback);
}

bool ExplorerInfo::sameModelAs(const ExplorerInfo &other) const
{
    return isValid() && other.isValid() && modelId == other.modelId
        && latentDim == other.latentDim && imageWidth == other.imageWidth
        && imageHeight == other.imageHeight && imageChannels == other.imageChannels
        && pointData == other.pointData
        && detail(kLatentSpaceKey).toString() == other.detail(kLatentSpaceKey).toString();
}

QString ExplorerInfo::bookmarkKey() const
{
    const QString space = detail(kLatentSpaceKey).toString();
    return space.isEmpty() ? modelId : modelId + QLatin1Char(' ') + space;
}

// --- ExplorationWorker ----------------------------------------------------------

ExplorationWorker::ExplorationWorker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ExplorerInfo>();
}

ExplorationWorker::~ExplorationWorker()
{
    {
        QMutexLocker lock(&mMutex);
        mNextLoad = {}; // no further reads
    }
    mLoader.waitForFinished();
}

int ExplorationWorker::jobsRun(const QObject *requester, const QString &purpose) const
{
    QMutexLocker lock(&mMutex);
    const auto it = mCounts.find({requester, purpose});
    return it == mCounts.end() ? 0 : it->second.run;
}

int ExplorationWorker::requestsDropped(const QObject *requester, const QString &purpose) const
{
    QMutexLocker lock(&mMutex);
    const auto it = mCounts.find({requester, purpose});
    return it == mCounts.end() ? 0 : it->second.dropped;
}

int ExplorationWorker::jobsCancelled(const QObject *requester, const QString &purpose) const
{
    QMutexLocker lock(&mMutex);
    const auto it = mCounts.find({requester, purpose});
    return it == mCounts.end() ? 0 : it->second.cancelled;
}

void ExplorationWorker::cancelRunningJobLocked()
{
    if (mJobRunning && mRunningKey.first != this)
        mCancelRunning = true;
}

quint64 ExplorationWorker::post(const ExploreRequest &request, Runner runner,
                                std::function<void(quint64, const QString &)> failure)
{
    Q_ASSERT(request.requester);
    const QPointer<QObject> requester(request.requester);
    const Key key{request.requester, request.purpose};
    return enqueue(key, request.priority,
                   [this, requester, key, runner = std::move(runner),
                    failure = std::move(failure)](quint64 ticket) mutable {
                       std::function<void()> reply;
                       QString message;
                       bool cancelled = false;
                       const bool ok = guarded(
                           [&] {
                               if (!mExplorer)
                                   throw gs::Error(
                                       tr("There is no model to explore yet.").toStdString());
                               const ExploreJobContext context{
                                   *mExplorer, mDataExplorer ? *mDataExplorer : *mExplorer,
                                   ticket, mGeneration, mInfo.step};
                               try {
                                   reply = runner(context);
                               } catch (const gs::Cancelled &) {
                                   cancelled = true; // nobody waits for it (see the header)
                               }
                           },
                           message);
                       if (cancelled) {
                           QMutexLocker lock(&mMutex);
                           ++mCounts[key].cancelled;
                           return;
                       }
                       if (ok)
                           deliver(requester, std::move(reply));
                       else
                           deliver(requester, [failure, ticket, message] { failure(ticket, message); });
                   });
}

quint64 ExplorationWorker::enqueue(const Key &key, int priority, std::function<void(quint64)> work)
{
    const quint64 ticket = mNextTicket++;
    bool wake = false;
    {
        QMutexLocker lock(&mMutex);
        Pending &pending = mPending[key];
        if (pending.work)
            ++mCounts[key].dropped; // superseded before it ran: newest wins
        if (mJobRunning && mRunningKey == key)
            cancelRunningJobLocked(); // superseded while it runs
        pending.ticket = ticket;
        pending.priority = priority;
        pending.work = [work = std::move(work), ticket] { work(ticket); };
        if (!mWakeQueued) {
            mWakeQueued = true;
            wake = true;
        }
    }
    if (wake)
        QMetaObject::invokeMethod(this, &ExplorationWorker::drain, Qt::QueuedConnection);
    return ticket;
}

void ExplorationWorker::drain()
{
    for (;;) {
        std::function<void()> work;
        {
            QMutexLocker lock(&mMutex);
            if (mPending.empty() || QThread::currentThread()->isInterruptionRequested()) {
                mPending.clear();
                mWakeQueued = false;
                return;
            }
            // The most urgent request; of equal ones the oldest.
            auto first = mPending.begin();
            for (auto it = mPending.begin(); it != mPending.end(); ++it) {
                if (std::make_pair(it->second.priority, it->second.ticket)
                    < std::make_pair(first->second.priority, first->second.ticket))
                    first = it;
            }
            ++mCounts[first->first].run;
            work = std::move(first->second.work);
            mRunningKey = first->first;
            mJobRunning = true;
            mCancelRunning = first->first.first != this && mSourceChanging;
            mPending.erase(first);
        }
        work();
        QMutexLocker lock(&mMutex);
        mJobRunning = false;
    }
}

// --- Models -------------------------------------------------------------------

void ExplorationWorker::openCheckpoint(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    emit modelLoading(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    queueLoad({[absolute] { return gs::Explorer::open(QFile::encodeName(absolute).toStdString()); },
               false, absolute});
}

void ExplorationWorker::openTorchScript(const QString &path, const gs::TorchScriptDescriptor &descriptor)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    emit modelLoading(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    Load load{[absolute, descriptor] {
                  return gs::Explorer::open_torchscript(QFile::encodeName(absolute).toStdString(),
                                                        &descriptor);
              },
              false, absolute};
    load.torchScript = true;
    queueLoad(std::move(load));
}

void ExplorationWorker::loadSnapshot(qint64 step, const QByteArray &bytes)
{
    if (!mFollowTraining)
        return;
    {
        // The same step of the same session has the same weights: when a run
        // ends, the trainer's last answer and the idle worker's answer can both
        // arrive, and reading the second copy would only stall the views.
        QMutexLocker lock(&mMutex);
        if (!mNewSource && step == mLastSnapshotStep) {
            ++mCounts[{this, kModelPurpose}].dropped;
            return;
        }
        mLastSnapshotStep = step;
    }
    queueLoad({[bytes] {
                   const auto *data = reinterpret_cast<const uint8_t *>(bytes.constData());
                   return gs::Explorer::from_snapshot(
                       std::vector<uint8_t>(data, data + bytes.size()));
               },
               true, QString()});
}

void ExplorationWorker::queueLoad(Load load)
{
    // Models are read on a pool thread, so decodes go on meanwhile; one read
    // at a time, and only the newest waiting one is kept.
    QMutexLocker lock(&mMutex);
    if (!load.fromTraining)
        mLastSnapshotStep = -1; // a file in between: the next snapshot is news again
    if (!load.fromTraining || mNewSource) {
        mSourceChanging = true; // another model: results of the current one are stale
        cancelRunningJobLocked();
    }
    if (mNextLoad.open)
        ++mCounts[{this, kModelPurpose}].dropped;
    mNextLoad = std::move(load);
    if (mLoaderBusy)
        return;
    mLoaderBusy = true;
    mLoader = QtConcurrent::run([this] { runLoads(); });
}

void ExplorationWorker::runLoads()
{
    for (;;) {
        Load load;
        {
            QMutexLocker lock(&mMutex);
            if (!mNextLoad.open) {
                mLoaderBusy = false;
                return;
            }
            load = std::move(mNextLoad);
            mNextLoad = {};
        }
        if (load.fromTraining && !mFollowTraining)
            continue; // a checkpoint file was chosen meanwhile
        std::shared_ptr<gs::Explorer> explorer;
        QString message;
        if (!guarded([&] { explorer = load.open(); }, message)) {
            {
                QMutexLocker lock(&mMutex);
                if (!mNextLoad.open)
                    mSourceChanging = false; // the current model stays, and its jobs run again
            }
            emit modelFailed(message);
            continue;
        }
        const bool fromTraining = load.fromTraining;
        const bool torchScript = load.torchScript;
        const QString path = load.path;
        enqueue({this, kModelPurpose}, kModelLoadPriority,
                [this, explorer, fromTraining, path, torchScript](quint64) {
                    if (fromTraining && !mFollowTraining)
                        return;
                    QString failure;
                    if (!guarded(
                            [&] {
                                adopt(explorer, fromTraining, path,
                                      fromTraining ? mNewSource.exchange(false) : true,
                                      torchScript);
                            },
                            failure))
                        emit modelFailed(failure);
                });
    }
}

ExplorerInfo ExplorationWorker::describe(gs::Explorer &explorer) const
{
    ExplorerInfo info;
    const gs::ModelInfo &model = explorer.model_info();
    info.modelId = QString::fromStdString(model.id);
    info.modelName = QString::fromStdString(model.name);
    info.capabilities = explorer.capabilities();
    info.latentDim = explorer.latent_dim();
    info.step = explorer.step();
    info.pointData = explorer.is_point_data();
    info.imageWidth = explorer.image_width();
    info.imageHeight = explorer.image_height();
    info.imageChannels = explorer.image_channels();
    return info;
}

void ExplorationWorker::adopt(std::shared_ptr<gs::Explorer> explorer, bool fromTraining,
                              const QString &path, bool newSource, bool torchScript)
{
    ExplorerInfo info = describe(*explorer);
    applySetups(*explorer, info);
    info.fromTraining = fromTraining;
    info.checkpointPath = path;
    info.torchScript = torchScript;
    info.generation = ++mGeneration;
    explorer->set_cancel_flag(&mCancelRunning);
    {
        QMutexLocker lock(&mMutex);
        if (!mNextLoad.open)
            mSourceChanging = false;
    }
    // The dataset stays loaded in the first model of a source; a snapshot of a
    // later step of the same session reuses it for dataset images.
    if (newSource || !mDataExplorer || !info.sameModelAs(mInfo) || !fromTraining)
        mDataExplorer = explorer;
    mExplorer = std::move(explorer);
    mInfo = info;
    emit modelReady(info);
}

void ExplorationWorker::applySetups(gs::Explorer &explorer, ExplorerInfo &info) const
{
    std::map<QString, ModelSetup> setups;
    {
        QMutexLocker lock(&mMutex);
        setups = mSetups;
    }
    for (const auto &entry : setups)
        entry.second(explorer, info);
}

void ExplorationWorker::setModelSetup(const QString &name, ModelSetup setup)
{
    {
        QMutexLocker lock(&mMutex);
        mSetups[name] = std::move(setup);
    }
    enqueue({this, QStringLiteral("setup ") + name}, kModelSetupPriority,
            [this, name](quint64) { reapplySetup(name); });
}

void ExplorationWorker::reapplySetup(const QString &name)
{
    if (!mExplorer)
        return;
    ModelSetup setup;
    {
        QMutexLocker lock(&mMutex);
        const auto it = mSetups.find(name);
        if (it == mSetups.end())
            return;
        setup = it->second;
    }
    ExplorerInfo info = mInfo;
    QString message;
    if (!guarded([&] { setup(*mExplorer, info); }, message)) {
        emit modelFailed(message);
        return;
    }
    if (info.latentDim == mInfo.latentDim && info.details == mInfo.details)
        return; // nothing this model uses changed
    if (!info.sameModelAs(mInfo))
        info.generation = ++mGeneration;
    mInfo = info;
    emit modelReady(mInfo);
}
