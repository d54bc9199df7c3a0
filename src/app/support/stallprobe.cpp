// stallprobe.cpp — see stallprobe.h.
#include "support/stallprobe.h"

#include <QFile>

#include <time.h>

#include <cstdio>

#include <algorithm>

StallProbe::StallProbe(int sampleMs, QObject *parent)
    : QObject(parent)
{
    mTick.setTimerType(Qt::PreciseTimer);
    mTick.setInterval(kTickMs);
    connect(&mTick, &QTimer::timeout, this, &StallProbe::onTick);
    mSampleTimer.setInterval(std::max(100, sampleMs));
    connect(&mSampleTimer, &QTimer::timeout, this, &StallProbe::closeSample);
}

void StallProbe::start()
{
    mClock.start();
    mLastTickNs = 0;
    mLongest = mLongestAt = mSampleMax = 0;
    mLongestBusy = mLongestBusyAt = mSampleBusyMax = 0;
    mOver100 = mBusyOver100 = mBlockedOver100 = 0;
    mSampleWaitMax = mLongestBlocked = mLongestBlockedAt = mSampleBlockedMax = 0;
    mTicks = 0;
    mSamples.clear();
    mTick.start();
    mSampleTimer.start();
}

void StallProbe::stop()
{
    if (!mTick.isActive())
        return;
    mTick.stop();
    mSampleTimer.stop();
    closeSample();
}

double StallProbe::elapsedSeconds() const
{
    return mClock.isValid() ? double(mClock.nsecsElapsed()) / 1e9 : 0.0;
}

long StallProbe::rssKb()
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    // /proc files have no size: read them whole rather than testing atEnd().
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            const QList<QByteArray> parts = line.mid(6).simplified().split(' ');
            return parts.isEmpty() ? 0 : parts.first().toLong();
        }
    }
    return 0;
}

double StallProbe::threadCpuMs()
{
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double StallProbe::threadWaitMs()
{
    // "on-cpu ns, run-queue wait ns, timeslices"; read with stdio (no Qt allocation per tick).
    std::FILE *file = std::fopen("/proc/thread-self/schedstat", "r");
    if (!file)
        return 0;
    unsigned long long run = 0;
    unsigned long long wait = 0;
    const int got = std::fscanf(file, "%llu %llu", &run, &wait);
    std::fclose(file);
    return got == 2 ? double(wait) / 1e6 : 0.0;
}

void StallProbe::onTick()
{
    const qint64 now = mClock.nsecsElapsed();
    const double cpu = threadCpuMs();
    const double wait = threadWaitMs();
    ++mTicks;
    if (mLastTickNs > 0) {
        // What the GUI thread itself computed since the last tick: work that
        // kept the event loop from running, whatever the machine's load.
        const double busy = cpu - mLastCpuMs;
        if (busy > mSampleBusyMax)
            mSampleBusyMax = busy;
        if (busy > mLongestBusy) {
            mLongestBusy = busy;
            mLongestBusyAt = double(now) / 1e9;
        }
        if (busy > kStallMs)
            ++mBusyOver100;
        const double waited = wait - mLastWaitMs;
        if (waited > mSampleWaitMax)
            mSampleWaitMax = waited;
        // The rest of the gap beyond the timer's own interval: blocked.
        const double blocked = double(now - mLastTickNs) / 1e6 - kTickMs - busy - waited;
        if (blocked > mSampleBlockedMax)
            mSampleBlockedMax = blocked;
        if (blocked > mLongestBlocked) {
            mLongestBlocked = blocked;
            mLongestBlockedAt = double(now) / 1e9;
        }
        if (blocked > kStallMs)
            ++mBlockedOver100;
        const double late = double(now - mLastTickNs) / 1e6 - kTickMs;
        if (late > mSampleMax)
            mSampleMax = late;
        if (late > mLongest) {
            mLongest = late;
            mLongestAt = double(now) / 1e9;
        }
        if (late > kStallMs)
            ++mOver100;
    }
    mLastTickNs = now;
    mLastCpuMs = cpu;
    mLastWaitMs = wait;
}

void StallProbe::closeSample()
{
    // A stall still going on when the sample closes is seen by the next tick.
    Sample sample;
    sample.seconds = elapsedSeconds();
    sample.rssKb = rssKb();
    sample.maxStallMs = std::max(0.0, mSampleMax);
    sample.stallsOver100 = mOver100;
    sample.maxBusyMs = std::max(0.0, mSampleBusyMax);
    sample.busyOver100 = mBusyOver100;
    sample.maxWaitMs = std::max(0.0, mSampleWaitMax);
    sample.maxBlockedMs = std::max(0.0, mSampleBlockedMax);
    sample.blockedOver100 = mBlockedOver100;
    mSampleWaitMax = 0;
    mSampleBlockedMax = 0;
    sample.ticks = mTicks;
    mSampleMax = 0;
    mSampleBusyMax = 0;
    mSamples.push_back(sample);
    emit sampled(sample);
}
