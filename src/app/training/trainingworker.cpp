#include "training/trainingworker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <exception>
#include <new>

#include "core/common/error.h"
#include "support/guardedjob.h"
#include "support/imageconvert.h"
#include "training/sessionobserver.h"

namespace {

// Runs `job`; turns every exception into a sentence for the user (guardedjob.h).
template<typename Job> bool guarded(Job &&job, QString &message)
{
    return runGuarded(std::forward<Job>(job), message,
                      {TrainingWorker::tr("The computer ran out of memory. Try a smaller batch size, "
                                          "a smaller model or fewer training images."),
                       TrainingWorker::tr("Unexpected error in the training engine: %1")});
}

std::string localPath(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}

} // namespace

TrainingWorker::TrainingWorker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SessionSummary>();
    qRegisterMetaType<PlaneViewPtr>();
}

TrainingWorker::~TrainingWorker() = default;

bool TrainingWorker::cancelled() const
{
    return QThread::currentThread()->isInterruptionRequested();
}

void TrainingWorker::startNew(const gs::SessionConfig &config, const gs::RunOptions &options)
{
    if (cancelled() || mControl.stop_requested()) {
        emit runFinished(mSession ? mSession->step() : 0, true);
        return;
    }
    mLossBuffer.clear();
    if (mSession) {
        mSession.reset(); // free the old model and dataset before loading the new ones
        emit sessionClosed();
    }
    setRunFolder(QString()); // the new session gets a new folder when its first run starts
    const gs::DatasetInfo *dataset = gs::find_dataset(config.dataset.id);
    emit busy(tr("Loading %1 and building the model…")
                  .arg(dataset ? QString::fromStdString(dataset->name)
                               : QString::fromStdString(config.dataset.id)));
    QString message;
    if (!guarded([&] { mSession = gs::TrainingSession::create(config); }, message)) {
        mSession.reset();
        emit failed(message);
        return;
    }
    mDatasetWarned = false;
    emit sessionReady(summary(QString()));
    reportDatasetWarnings();
    run(options);
}

void TrainingWorker::continueRun(const gs::RunOptions &options)
{
    if (!mSession) {
        emit failed(tr("There is no session to continue. Press Train to start one or "
                       "open a checkpoint."));
        return;
    }
    run(options);
}

void TrainingWorker::run(const gs::RunOptions &options)
{
    const long step = mSession->step();
    if (cancelled() || mControl.stop_requested()) {
        emit runFinished(step, true);
        return;
    }
    if (options.total_steps <= step) {
        emit failed(tr("The session is already at step %1. Raise Steps above it to continue "
                       "training.")
                        .arg(step));
        return;
    }
    mRunThreads.store(0); // until this run's first statistics
    emit runStarted(step, options.total_steps);

    gs::RunOptions runOptions = options;
    SessionObserver::RunRecording recording;
    if (openRunWriter()) {
        runOptions.checkpoint_dir = mRunWriter->folder();
        recording.writer = mRunWriter.get();
        recording.keepRecent = mCheckpointsKept;
        recording.secondsOffset = mRunWriter->last_seconds(); // the run's wall time goes on
    } else {
        runOptions.checkpoint_every = 0;
    }
    SessionObserver observer(this, &mLossBuffer, recording);
    gs::RunEnd end = gs::RunEnd::Stopped;
    QString message;
    const bool ok = guarded([&] { end = mSession->run(runOptions, mControl, observer); }, message);
    saveQueuedCheckpoints();
    if (ok)
        saveLatestToRun();
    // A reopened session loads its data on the first run: describe it now.
    QString description;
    QString describeError;
    if (guarded([&] { description = QString::fromStdString(mSession->dataset_description()); },
                describeError))
        emit datasetDescribed(description);
    reportDatasetWarnings();
    if (ok)
        emit runFinished(mSession->step(), end == gs::RunEnd::Stopped);
    else
        emit failed(message);
}

// Files skipped while loading the data (which ones, how many) reach the banner
// once per session: after it is made, or after the first run of a reopened one.
void TrainingWorker::reportDatasetWarnings()
{
    if (!mSession || mDatasetWarned)
        return;
    const std::vector<std::string> warnings = mSession->dataset_warnings();
    if (warnings.empty())
        return;
    mDatasetWarned = true;
    QStringList lines;
    for (const std::string &w : warnings)
        lines << QString::fromStdString(w);
    emit warning(lines.join(QLatin1Char(' ')));
}

void TrainingWorker::saveQueuedCheckpoints()
{
    // A "save now" sent while the run was ending is not left for the next run:
    // the user is waiting for that file now.
    for (const gs::TrainCommand &command : mControl.take_commands()) {
        if (command.kind != gs::TrainCommand::Kind::SaveNow)
            continue;
        QString message;
        if (guarded([&] { mSession->save(command.path); }, message))
            emit checkpointSaved(QFile::decodeName(command.path.c_str()), mSession->step());
        else
            emit warning(message);
    }
}

void TrainingWorker::openCheckpoint(const QString &path)
{
    if (cancelled())
        return;
    emit busy(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    std::unique_ptr<gs::TrainingSession> session;
    QString message;
    if (!guarded([&] { session = gs::TrainingSession::open(localPath(path)); }, message)) {
        emit failed(message); // the current session, if any, stays as it was
        return;
    }
    mLossBuffer.clear();
    mSession = std::move(session);
    mDatasetWarned = false;
    // A checkpoint of a run folder trains on in that run; any other starts a new one.
    const QDir folder = QFileInfo(path).absoluteDir();
    const bool ofARun = folder.exists(QStringLiteral("metrics.csv")) || folder.exists(QStringLiteral("run.json"));
    setRunFolder(ofARun ? folder.absolutePath() : QString());
    emit sessionReady(summary(path));
    emitCurrentImages();
}

void TrainingWorker::saveCheckpoint(const QString &path)
{
    if (!mSession) {
        emit warning(tr("There is no session to save yet."));
        return;
    }
    QString message;
    if (guarded([&] { mSession->save(localPath(path)); }, message))
        emit checkpointSaved(path, mSession->step());
    else
        emit warning(message);
}

void TrainingWorker::setRecording(const QString &runsFolder, int checkpointsKept)
{
    mRunsFolder = runsFolder;
    mCheckpointsKept = std::max(1, checkpointsKept);
}

void TrainingWorker::setRunFolder(const QString &folder)
{
    {
        const std::lock_guard<std::mutex> lock(mRunWriterMutex);
        mRunWriter.reset();
    }
    mRunFolder = folder;
    emit runFolderChanged(folder);
}

bool TrainingWorker::openRunWriter()
{
    if (mRunWriter)
        return true;
    const bool append = !mRunFolder.isEmpty();
    QString folder = mRunFolder;
    if (!append) {
        if (mRunsFolder.isEmpty())
            return false;
        const gs::SessionConfig &config = mSession->config();
        folder = QDir(mRunsFolder).filePath(
            QString::fromStdString(gs::new_run_folder_name(config.model_id, config.dataset.id)));
        // Two sessions started within a second get their own folders.
        for (int n = 2; QFileInfo::exists(folder); ++n)
            folder = QDir(mRunsFolder).filePath(
                         QString::fromStdString(gs::new_run_folder_name(config.model_id, config.dataset.id)))
                     + QStringLiteral("-%1").arg(n);
    }
    QString message;
    const bool ok = guarded(
        [&] {
            auto writer = std::make_unique<gs::RunWriter>(localPath(folder), mSession->config(), std::string(),
                                                          append);
            const std::lock_guard<std::mutex> lock(mRunWriterMutex);
            mRunWriter = std::move(writer);
        },
        message);
    if (!ok) {
        const std::lock_guard<std::mutex> lock(mRunWriterMutex);
        mRunWriter.reset();
        emit warning(tr("This run is not recorded in a run folder: %1").arg(message));
        return false;
    }
    if (folder != mRunFolder) {
        mRunFolder = folder;
        emit runFolderChanged(folder);
    }
    return true;
}

void TrainingWorker::recordQuality(long step, double seconds, const std::vector<std::string> &keys,
                                   const std::vector<double> &values)
{
    const std::lock_guard<std::mutex> lock(mRunWriterMutex);
    if (!mRunWriter)
        return;
    QString message;
    if (!guarded([&] { mRunWriter->write_quality(step, seconds, keys, values); }, message))
        emit warning(tr("The evaluation was not recorded in the run folder: %1").arg(message));
}

void TrainingWorker::saveLatestToRun()
{
    if (!mRunWriter)
        return;
    const QString path = QDir(mRunFolder).filePath(QStringLiteral("checkpoint.gsckpt"));
    QString message;
    if (guarded([&] { mSession->save(localPath(path)); }, message))
        emit runCheckpointSaved(path, mSession->step());
    else
        emit warning(tr("The run folder's latest checkpoint was not saved: %1").arg(message));
}

void TrainingWorker::requestSnapshot()
{
    mControl.request_snapshot();
    QMetaObject::invokeMethod(this, &TrainingWorker::snapshotIfIdle, Qt::QueuedConnection);
}

void TrainingWorker::snapshotIfIdle()
{
    if (!mSession)
        return;
    QString message;
    std::vector<uint8_t> bytes;
    if (guarded([&] { bytes = mSession->snapshot(); }, message))
        emit snapshotReady(mSession->step(),
                           QByteArray(reinterpret_cast<const char *>(bytes.data()), int(bytes.size())));
    else
        emit warning(message);
}

void TrainingWorker::emitCurrentImages()
{
    if (mSession->is_point_data()) {
        // A reopened playground session: its view, so the playground shows it at once.
        QString message;
        gs::PlaneView view;
        if (guarded([&] { view = mSession->plane_view(); }, message))
            emit planeReady(mSession->step(), std::make_shared<const gs::PlaneView>(std::move(view)));
        else
            emit warning(message);
        return;
    }
    QImage samples;
    QImage reconstructions;
    const unsigned capabilities = mSession->model_info().capabilities;
    QString message;
    const bool ok = guarded(
        [&] {
            if (capabilities & gs::kCanSample)
                samples = toQImage(mSession->fixed_sample_grid());
            if (capabilities & gs::kCanReconstruct)
                reconstructions = toQImage(mSession->reconstruction_grid());
        },
        message);
    if (!ok)
        emit warning(message);
    if (!samples.isNull() || !reconstructions.isNull())
        emit samplesReady(mSession->step(), samples, reconstructions);
}

SessionSummary TrainingWorker::summary(const QString &checkpointPath) const
{
    SessionSummary result;
    result.config = mSession->config();
    const gs::ModelInfo &info = mSession->model_info();
    result.modelName = QString::fromStdString(info.name);
    for (const std::string &name : info.loss_names)
        result.lossNames << QString::fromStdString(name);
    result.capabilities = info.capabilities;
    try {
        result.datasetDescription = QString::fromStdString(mSession->dataset_description());
    } catch (...) {
        result.datasetDescription = QString::fromStdString(result.config.dataset.id);
    }
    result.step = mSession->step();
    result.checkpointPath = checkpointPath;
    return result;
}
