// sessionobserver.h — the gs::TrainObserver the training worker hands to the
// core's loop: statistics go into the LossBuffer, sample grids are converted to
// QImages right here and everything else becomes a queued signal of the worker;
// each report also tells the worker the run's compute threads (runThreads());
// with a run folder, rows and step checkpoints are recorded there as well.
//
// Ownership: created by TrainingWorker for one run, borrowing the worker and its
// buffer. Thread affinity: every callback runs on the training (worker) thread;
// the signals it emits reach the GUI as queued calls. Failure modes: callbacks
// never throw (the core requires it); a failed conversion yields a null image.
#pragma once

#include "core/train/train_observer.h"

namespace gs {
class RunWriter;
}

class LossBuffer;
class TrainingWorker;

class SessionObserver final : public gs::TrainObserver
{
public:
    // The run folder this run writes to (no writer: none). Rows and step
    // checkpoints go there from the training thread; a write that fails is
    // one warning and the run goes on.
    struct RunRecording
    {
        gs::RunWriter *writer = nullptr;
        int keepRecent = 8;
        double secondsOffset = 0;
    };

    SessionObserver(TrainingWorker *worker, LossBuffer *buffer, RunRecording recording);

    void on_stats(const gs::StepStats &stats) override;
    void on_samples(const gs::SampleImages &images) override;
    void on_checkpoint(const std::string &path, long step) override;
    void on_paused(const std::string &reason) override;
    void on_warning(const std::string &message) override;
    void on_snapshot(const std::vector<uint8_t> &bytes, long step) override;

private:
    TrainingWorker *mWorker;
    LossBuffer *mBuffer;
    RunRecording mRecording;
    bool mRecordingFailed = false;
};
