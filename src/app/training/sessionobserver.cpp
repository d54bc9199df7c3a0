#include "training/sessionobserver.h"

#include <ATen/Parallel.h>

#include "core/train/run_folder.h"
#include "support/imageconvert.h"
#include "training/lossbuffer.h"
#include "training/trainingworker.h"

SessionObserver::SessionObserver(TrainingWorker *worker, LossBuffer *buffer, RunRecording recording)
    : mWorker(worker)
    , mBuffer(buffer)
    , mRecording(recording)
{
}

void SessionObserver::on_stats(const gs::StepStats &stats)
{
    // The loop set its threads on this thread before the first step: read
    // them here, where its parallel regions run.
    mWorker->noteRunThreads(at::get_num_threads());
    if (mRecording.writer && !mRecordingFailed) {
        try {
            mRecording.writer->write_stats(stats, mRecording.secondsOffset);
        } catch (const std::exception &e) {
            mRecordingFailed = true; // one warning, not one per row
            emit mWorker->warning(QString::fromStdString(e.what()));
        }
    }
    if (mBuffer->push(stats))
        emit mWorker->statsAvailable();
    if (!stats.metric_names.empty()) {
        QStringList names;
        for (const auto &n : stats.metric_names)
            names << QString::fromStdString(n);
        emit mWorker->metricsReady(stats.step, names,
                                   QVector<double>(stats.metric_values.begin(), stats.metric_values.end()));
    }
}

void SessionObserver::on_snapshot(const std::vector<uint8_t> &bytes, long step)
{
    emit mWorker->snapshotReady(step, QByteArray(reinterpret_cast<const char *>(bytes.data()), int(bytes.size())));
}

void SessionObserver::on_samples(const gs::SampleImages &images)
{
    try {
        if (!images.text.empty())
            emit mWorker->textSampleReady(images.step, QString::fromStdString(images.text),
                                          QString::fromStdString(images.text_prompt));
        else if (images.plane.dims > 0)
            emit mWorker->planeReady(images.step, std::make_shared<const gs::PlaneView>(images.plane));
        else
            emit mWorker->samplesReady(images.step, toQImage(images.samples),
                                       toQImage(images.reconstructions));
    } catch (...) {
        // Out of memory while copying pixels: skip this grid, training goes on.
    }
}

void SessionObserver::on_checkpoint(const std::string &path, long step)
{
    // The loop's step checkpoints go into the run folder; the others are the user's saves.
    if (mRecording.writer && path == gs::step_checkpoint_path(mRecording.writer->folder(), step)) {
        mRecording.writer->checkpoint_saved(step, path, mRecording.keepRecent);
        emit mWorker->runCheckpointSaved(QString::fromStdString(path), step);
        return;
    }
    emit mWorker->checkpointSaved(QString::fromStdString(path), step);
}

void SessionObserver::on_paused(const std::string &reason)
{
    emit mWorker->pausedByTrainer(QString::fromStdString(reason));
}

void SessionObserver::on_warning(const std::string &message)
{
    emit mWorker->warning(QString::fromStdString(message));
}
