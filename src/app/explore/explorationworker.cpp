#include "explore/explorationworker.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QtConcurrent>

#include <exception>
#include <new>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "support/guardedjob.h"
#include "support/imageconvert.h"

namespace {

// Runs `job`; turns every exception into a sentence for the user (guardedjob.h).
template<typename Job> bool guarded(Job &&job, QString &message)
{
    return runGuarded(std::forward<Job>(job), message,
                      {ExplorationWorker::tr("The computer ran out of memory while exploring."),
                       ExplorationWorker::tr("Unexpected error while exploring: %1")});
}

} // namespace

// --- ExplorerInfo, LatentSource -----------------------------------------------

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
    return (capabilities & gs::kHasStyles) && styleLayers > 0;
}

bool ExplorerInfo::sameModelAs(const ExplorerInfo &other) const
{
    return isValid() && other.isValid() && modelId == other.modelId
        && latentDim == other.latentDim && imageWidth == other.imageWidth
        && imageHeight == other.imageHeight && imageChannels == other.imageChannels
        && pointData == other.pointData && wSpace == other.wSpace;
}

QString ExplorerInfo::bookmarkKey() const
{
    return wSpace ? modelId + QStringLiteral(" w") : modelId;
}

LatentSource LatentSource::fromLatent(const gs::Latent &z)
{
    LatentSource s;
    s.kind = Kind::Latent;
    s.latent = z;
    return s;
}

LatentSource LatentSource::fromSeed(unsigned long seed)
{
    LatentSource s;
    s.kind = Kind::Seed;
    s.seed = seed;
    return s;
}

LatentSource LatentSource::fromImage(const gs::Image &image)
{
    LatentSource s;
    s.kind = Kind::Image;
    s.image = image;
    return s;
}

LatentSource LatentSource::fromDatasetImage(int index)
{
    LatentSource s;
    s.kind = Kind::DatasetImage;
    s.index = index;
    return s;
}

// --- ExplorationWorker ----------------------------------------------------------

ExplorationWorker::ExplorationWorker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ExplorerInfo>();
    qRegisterMetaType<ExploreResultPtr>();
}

ExplorationWorker::~ExplorationWorker()
{
    {
        QMutexLocker lock(&mMutex);
        mNextLoad = {}; // no further reads
    }
    mLoader.waitForFinished();
}

int ExplorationWorker::jobsRun(int slot) const
{
    return slot >= 0 && slot < SlotCount ? mRun[size_t(slot)].load() : 0;
}

int ExplorationWorker::requestsDropped(int slot) const
{
    return slot >= 0 && slot < SlotCount ? mDropped[size_t(slot)].load() : 0;
}

quint64 ExplorationWorker::post(int slot, Job job)
{
    Q_ASSERT(slot >= 0 && slot < SlotCount);
    const quint64 ticket = mNextTicket++;
    bool wake = false;
    {
        QMutexLocker lock(&mMutex);
        Pending &pending = mPending[slot];
        if (pending.job)
            ++mDropped[size_t(slot)]; // superseded before it ran: newest wins
        pending.ticket = ticket;
        pending.job = std::move(job);
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
        int slot = 0;
        Pending pending;
        {
            QMutexLocker lock(&mMutex);
            if (mPending.empty() || QThread::currentThread()->isInterruptionRequested()) {
                mPending.clear();
                mWakeQueued = false;
                return;
            }
            auto first = mPending.begin(); // the most urgent slot
            slot = first->first;
            pending = std::move(first->second);
            mPending.erase(first);
        }
        run(slot, pending);
    }
}

void ExplorationWorker::run(int slot, Pending &pending)
{
    ++mRun[size_t(slot)];
    auto result = std::make_shared<ExploreResult>();
    result->slot = slot;
    result->ticket = pending.ticket;
    QString message;
    if (!guarded([&] { pending.job(*result); }, message)) {
        if (slot == ModelSlot)
            emit modelFailed(message);
        else
            emit requestFailed(slot, pending.ticket, message);
        return;
    }
    if (slot == ModelSlot || slot == SettingsSlot)
        return; // adopt() or the settings job announced the model
    result->generation = mGeneration;
    result->step = mInfo.step;
    emit resultReady(result);
}

gs::Explorer &ExplorationWorker::explorer() const
{
    if (!mExplorer)
        throw gs::Error(tr("There is no model to explore yet.").toStdString());
    return *mExplorer;
}

gs::Explorer &ExplorationWorker::dataExplorer() const
{
    return mDataExplorer ? *mDataExplorer : explorer();
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
    Q_UNUSED(step)
    if (!mFollowTraining)
        return;
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
    if (mNextLoad.open)
        ++mDropped[ModelSlot];
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
            if (!load.open && !mNextLoad.open) {
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
            emit modelFailed(message); // the current model stays
            continue;
        }
        const bool fromTraining = load.fromTraining;
        const bool torchScript = load.torchScript;
        const QString path = load.path;
        post(ModelSlot, [this, explorer, fromTraining, path, torchScript](ExploreResult &) {
            if (fromTraining && !mFollowTraining)
                return;
            adopt(explorer, fromTraining, path,
                  fromTraining ? mNewSource.exchange(false) : true, torchScript);
        });
    }
}

void ExplorationWorker::adopt(std::shared_ptr<gs::Explorer> explorer, bool fromTraining,
                              const QString &path, bool newSource, bool torchScript)
{
    ExplorerInfo info;
    const gs::ModelInfo &model = explorer->model_info();
    info.modelId = QString::fromStdString(model.id);
    info.modelName = QString::fromStdString(model.name);
    info.capabilities = explorer->capabilities();
    info.latentDim = explorer->latent_dim();
    info.step = explorer->step();
    info.pointData = explorer->is_point_data();
    info.imageWidth = explorer->image_width();
    info.imageHeight = explorer->image_height();
    info.imageChannels = explorer->image_channels();
    info.styleLayers = (info.capabilities & gs::kHasStyles) ? explorer->style_layers() : 0;
    info.domains = explorer->dataset_domains();
    applySettings(*explorer, info);
    info.fromTraining = fromTraining;
    info.checkpointPath = path;
    info.torchScript = torchScript;
    info.generation = ++mGeneration;
    // The dataset stays loaded in the first model of a source; a snapshot of a
    // later step of the same session reuses it for dataset images.
    if (newSource || !mDataExplorer || !info.sameModelAs(mInfo) || !fromTraining)
        mDataExplorer = explorer;
    mExplorer = std::move(explorer);
    mInfo = info;
    emit modelReady(info);
}

void ExplorationWorker::applySettings(gs::Explorer &explorer, ExplorerInfo &info) const
{
    if (!(explorer.capabilities() & gs::kHasStyles))
        return;
    explorer.set_w_space(mWSpace);
    explorer.set_truncation(mTruncation);
    info.wSpace = mWSpace;
    info.truncation = mTruncation;
    info.latentDim = explorer.latent_dim();
}

void ExplorationWorker::setWSpace(bool on)
{
    mWSpace = on;
    post(SettingsSlot, [this](ExploreResult &) {
        if (!mExplorer || !(mExplorer->capabilities() & gs::kHasStyles))
            return;
        applySettings(*mExplorer, mInfo);
        mInfo.generation = ++mGeneration;
        emit modelReady(mInfo);
    });
}

void ExplorationWorker::setTruncation(double psi)
{
    mTruncation = psi;
    post(SettingsSlot, [this](ExploreResult &) {
        if (!mExplorer || !(mExplorer->capabilities() & gs::kHasStyles))
            return;
        const bool spaceChanged = mInfo.wSpace != mWSpace;
        applySettings(*mExplorer, mInfo);
        if (spaceChanged)
            mInfo.generation = ++mGeneration;
        emit modelReady(mInfo);
    });
}

// --- Jobs -----------------------------------------------------------------------

gs::Latent ExplorationWorker::resolveSource(const LatentSource &source) const
{
    switch (source.kind) {
    case LatentSource::Kind::Latent:
        return source.latent;
    case LatentSource::Kind::Seed:
        return explorer().random_latent(source.seed);
    case LatentSource::Kind::Image:
        return explorer().encode(source.image);
    case LatentSource::Kind::DatasetImage:
        return explorer().encode(dataExplorer().dataset_image(source.index));
    }
    return {};
}

quint64 ExplorationWorker::decode(int slot, const std::vector<gs::Latent> &latents, bool keepFrames)
{
    return post(slot, [this, latents, keepFrames](ExploreResult &result) {
        std::vector<gs::Image> frames = explorer().decode_many(latents);
        result.latents = latents;
        for (const gs::Image &frame : frames)
            result.images << toQImage(frame);
        if (keepFrames)
            result.frames = std::move(frames);
    });
}

quint64 ExplorationWorker::resolve(int slot, const std::vector<LatentSource> &sources,
                                   bool alsoDecode)
{
    return post(slot, [this, sources, alsoDecode](ExploreResult &result) {
        for (const LatentSource &source : sources)
            result.latents.push_back(resolveSource(source));
        if (alsoDecode) {
            for (const gs::Image &frame : explorer().decode_many(result.latents))
                result.images << toQImage(frame);
        }
    });
}

quint64 ExplorationWorker::interpolate(int slot, const std::vector<LatentSource> &endpoints,
                                       int framesPerSegment, bool slerp, bool keepFrames)
{
    return post(slot, [=](ExploreResult &result) {
        std::vector<gs::Latent> resolved;
        for (const LatentSource &source : endpoints)
            resolved.push_back(resolveSource(source));
        result.latents = explorer().interpolate(resolved, framesPerSegment, slerp);
        std::vector<gs::Image> frames = explorer().decode_many(result.latents);
        for (const gs::Image &frame : frames)
            result.images << toQImage(frame);
        if (keepFrames)
            result.frames = std::move(frames);
    });
}

quint64 ExplorationWorker::directions(int slot, int count, int samples)
{
    return post(slot, [this, count, samples](ExploreResult &result) {
        result.directions = explorer().principal_directions(count, samples);
    });
}

quint64 ExplorationWorker::latentMap(int slot, int maxPoints)
{
    return post(slot, [this, maxPoints](ExploreResult &result) {
        result.map = std::make_shared<const gs::LatentMap>(explorer().latent_map(maxPoints));
        const int dims = result.map->dims;
        // The plane of the two largest principal components of these codes.
        if (dims >= 2)
            result.directions
                = explorer().principal_directions(2, std::max(2, int(result.map->labels.size())));
    });
}

quint64 ExplorationWorker::datasetImages(int slot, const QVector<int> &indices)
{
    return post(slot, [this, indices](ExploreResult &result) {
        gs::Explorer &data = dataExplorer();
        result.datasetSize = data.dataset_size();
        for (int index : indices) {
            if (index < 0 || index >= result.datasetSize)
                continue;
            result.images << toQImage(data.dataset_image(index));
            result.indices << index;
        }
    });
}

quint64 ExplorationWorker::datasetImages(int slot, const QVector<int> &indices, int domain)
{
    return post(slot, [this, indices, domain](ExploreResult &result) {
        gs::Explorer &data = dataExplorer();
        result.datasetSize = data.dataset_size();
        for (int index : indices) {
            if (index < 0 || index >= result.datasetSize)
                continue;
            result.images << toQImage(data.dataset_image(index, domain));
            result.indices << index;
        }
    });
}

quint64 ExplorationWorker::translate(int slot, const TranslateSource &source, bool aToB,
                                     bool keepFrames)
{
    return post(slot, [this, source, aToB, keepFrames](ExploreResult &result) {
        const gs::Image input = !source.image.empty()
            ? source.image
            : dataExplorer().dataset_image(source.index, source.domain);
        auto views = std::make_shared<gs::TranslationViews>(explorer().translation_views(input, aToB));
        for (const gs::Image *image : {&views->input, &views->forward, &views->cycle, &views->identity})
            result.images << (image->empty() ? QImage() : toQImage(*image));
        if (keepFrames)
            result.frames = {views->input, views->forward, views->cycle, views->identity};
        result.translation = std::move(views);
    });
}

quint64 ExplorationWorker::styleMix(int slot, const gs::StyleMix &mix, bool keepFrames)
{
    return post(slot, [this, mix, keepFrames](ExploreResult &result) {
        gs::Image image = explorer().style_mix(mix);
        result.images << toQImage(image);
        if (keepFrames)
            result.frames.push_back(std::move(image));
    });
}

quint64 ExplorationWorker::styleMixes(int slot, const std::vector<gs::StyleMix> &mixes,
                                      bool keepFrames)
{
    return post(slot, [this, mixes, keepFrames](ExploreResult &result) {
        for (const gs::StyleMix &mix : mixes) {
            gs::Image image = explorer().style_mix(mix);
            result.images << toQImage(image);
            if (keepFrames)
                result.frames.push_back(std::move(image));
        }
    });
}
