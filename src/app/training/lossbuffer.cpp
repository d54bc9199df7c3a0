#include "training/lossbuffer.h"

#include <QMutexLocker>

#include <utility>

bool LossBuffer::push(const gs::StepStats &stats)
{
    QMutexLocker locker(&mMutex);
    const bool wasEmpty = mPending.points.empty() && !mPending.hasLatest;
    if (mPending.names != stats.names)
        mPending.names = stats.names;
    mPending.points.push_back(LossPoint {stats.step, stats.values});
    mPending.latest = stats;
    mPending.hasLatest = true;
    return wasEmpty;
}

LossBuffer::Batch LossBuffer::take()
{
    QMutexLocker locker(&mMutex);
    Batch batch = std::move(mPending);
    mPending = Batch();
    mPending.names = batch.names;
    return batch;
}

void LossBuffer::clear()
{
    QMutexLocker locker(&mMutex);
    mPending = Batch();
}
