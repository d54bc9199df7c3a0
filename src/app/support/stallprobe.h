// stallprobe.h — measures how responsive the GUI thread is and how much memory
// the process holds, for the soak driver (soak/soakdriver.h) and its test.
//
// A 10 ms precise QTimer runs on the GUI thread; the time between two of its
// ticks beyond the interval is the tick's lateness, i.e. how long the event
// loop could not run (a stall). On a loaded machine much of that is time the
// thread waited for a core; so the probe also reads the thread's own CPU time
// (CLOCK_THREAD_CPUTIME_ID) and reports the CPU the GUI thread spent between
// two ticks (a "busy" stall: work done on the GUI thread), and from
// /proc/thread-self/schedstat the time it waited on the run queue for a core
// (the load's share). What is left of a stall — neither computing nor waiting
// for a core — is time the thread was blocked (a lock, I/O, page faults): the
// "blocked" stall. Every `sampleMs` the probe closes a sample:
// elapsed seconds, the resident set size (VmRSS of /proc/self/status), the
// longest stall in the sample and the running totals. Nothing happens until
// start(); a probe that was never started has no effect on the studio.
//
// Ownership: a QObject owned by its parent. Thread affinity: GUI thread (it
// measures the thread it lives on). Failure modes: where /proc/self/status
// cannot be read (not Linux) rssKb() is 0 and samples say so; none else.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

class StallProbe : public QObject
{
    Q_OBJECT

public:
    static constexpr int kTickMs = 10;
    static constexpr double kStallMs = 100.0; // what counts as a stall a person notices

    struct Sample
    {
        double seconds = 0;        // since start()
        long rssKb = 0;            // VmRSS
        double maxStallMs = 0;     // the longest lateness within this sample
        int stallsOver100 = 0;     // stalls > kStallMs since start()
        double maxBusyMs = 0;      // the most GUI-thread CPU between two ticks within this sample
        int busyOver100 = 0;       // busy stalls > kStallMs since start()
        double maxWaitMs = 0;      // the most run-queue wait between two ticks (the load)
        double maxBlockedMs = 0;   // the most blocked time between two ticks
        int blockedOver100 = 0;    // blocked stalls > kStallMs since start()
        long ticks = 0;            // timer ticks since start()
    };

    explicit StallProbe(int sampleMs = 5000, QObject *parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return mTick.isActive(); }

    // Resident memory of this process in kB (0 when unknown).
    static long rssKb();

    double elapsedSeconds() const;
    double longestStallMs() const { return mLongest; }
    double longestStallAtSeconds() const { return mLongestAt; } // when it ended
    int stallsOver100() const { return mOver100; }
    double longestBusyMs() const { return mLongestBusy; }
    double longestBusyAtSeconds() const { return mLongestBusyAt; }
    int busyOver100() const { return mBusyOver100; }
    double longestBlockedMs() const { return mLongestBlocked; }
    double longestBlockedAtSeconds() const { return mLongestBlockedAt; }
    int blockedOver100() const { return mBlockedOver100; }
    // The calling thread's run-queue wait in ms (/proc/thread-self/schedstat; 0 where unknown).
    static double threadWaitMs();
    // The calling thread's CPU time in ms (0 where unknown).
    static double threadCpuMs();
    long ticks() const { return mTicks; }
    const std::vector<Sample> &samples() const { return mSamples; }

signals:
    void sampled(const StallProbe::Sample &sample);

private:
    void onTick();
    void closeSample();

    QTimer mTick;
    QTimer mSampleTimer;
    QElapsedTimer mClock;
    qint64 mLastTickNs = 0;
    double mLongest = 0;
    double mLongestAt = 0;
    double mSampleMax = 0;
    int mOver100 = 0;
    double mLastCpuMs = 0;
    double mLongestBusy = 0;
    double mLongestBusyAt = 0;
    double mSampleBusyMax = 0;
    int mBusyOver100 = 0;
    double mLastWaitMs = 0;
    double mSampleWaitMax = 0;
    double mLongestBlocked = 0;
    double mLongestBlockedAt = 0;
    double mSampleBlockedMax = 0;
    int mBlockedOver100 = 0;
    long mTicks = 0;
    std::vector<Sample> mSamples;
};
