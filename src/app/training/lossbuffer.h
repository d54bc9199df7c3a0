// lossbuffer.h — the hand-over of training statistics from the worker thread
// to the GUI: the trainer pushes at its log interval, the GUI drains everything
// at once on a short timer.
//
// Ownership: owned by the TrainingWorker; the GUI borrows it for the worker's
// lifetime. Thread affinity: every method is safe from any thread (one mutex).
// Failure modes: none; NaN and infinite losses are passed through unchanged.
#pragma once

#include <QMutex>

#include <string>
#include <vector>

#include "core/train/train_observer.h"

struct LossPoint
{
    long step = 0;
    std::vector<double> values; // one per loss name, in the names' order
};

class LossBuffer
{
public:
    struct Batch
    {
        std::vector<std::string> names;
        std::vector<LossPoint> points;
        gs::StepStats latest; // progress of the newest point
        bool hasLatest = false;
    };

    // Appends one interval; returns true when the buffer was empty before, i.e.
    // when the reader must be notified (later pushes coalesce into that one).
    bool push(const gs::StepStats &stats);

    // Takes every pending point (the buffer is empty afterwards).
    Batch take();

    // Drops pending points (a new session starts).
    void clear();

private:
    mutable QMutex mMutex;
    Batch mPending;
};
