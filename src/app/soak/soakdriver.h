// soakdriver.h — drives the real studio by itself for a soak test: trains the
// default model with periodic checkpoints into the run folder, sends an
// exploration request every few hundred milliseconds (drags a latent slider,
// new seeds, new interpolation endpoints, the map's grid, the timeline),
// switches explorer views and top-level views, and records GUI stalls and
// resident memory with a StallProbe. When the time is up it stops training,
// writes soak.csv and summary.txt (soak/soakreport.h) into its folder and
// closes the window (both files are also rewritten after every sample, so a
// run that dies leaves what it measured). bench/soak.sh runs it under Xvfb.
//
// Enabled only by the environment (fromEnvironment): GENSTUDIO_SOAK=FOLDER,
// with GENSTUDIO_SOAK_MINUTES (default 30), GENSTUDIO_SOAK_ACTION_MS (300),
// GENSTUDIO_SOAK_SAMPLE_MS (5000), GENSTUDIO_SOAK_CHECKPOINT_EVERY (1000 steps),
// GENSTUDIO_SOAK_WARMUP_SECONDS (300, or 30 % of a shorter run). Without
// GENSTUDIO_SOAK the studio creates no driver.
//
// Ownership: a QObject child of the window it drives (borrowed; it outlives the
// driver). Thread affinity: GUI thread. Failure modes: errors of the studio are
// what it records, not what stops it; results that cannot be written are
// printed to stderr as a sentence.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "soak/soakreport.h"
#include "support/stallprobe.h"

class ExploreView;
class MainWindow;
class QWidget;

class SoakDriver : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString folder;               // soak.csv and summary.txt go here
        double minutes = 30;
        int actionMs = 300;           // one exploration request or view switch per this
        int sampleMs = 5000;          // one CSV row per this
        long checkpointEvery = 1000;  // steps between the run folder's checkpoints
        double warmupSeconds = -1;    // < 0: min(300 s, 30 % of the run)
        bool closeWhenDone = true;    // the soak script: yes; a test: no
    };

    // A driver for `window` when GENSTUDIO_SOAK is set (started once the event
    // loop runs), else null.
    static SoakDriver *fromEnvironment(MainWindow *window);

    SoakDriver(MainWindow *window, Options options);
    ~SoakDriver() override;

    void start();
    bool isFinished() const { return mFinished; }
    const SoakReport &report() const { return mReport; }
    const StallProbe &probe() const { return mProbe; }

signals:
    void finished(); // the report is complete and written

private:
    void act();
    void actInExplorer(ExploreView *explore);
    void nextExplorerView(ExploreView *explore);
    void nextTopView();
    void watchBanners();
    void onSample(const StallProbe::Sample &sample);
    void finish();
    void copyProbeTotals(); // the probe's longest stalls and counts into the report
    QString frontViewName() const;

    static void logHandler(QtMsgType type, const QMessageLogContext &context, const QString &text);

    QPointer<MainWindow> mWindow;
    Options mOptions;
    StallProbe mProbe;
    QTimer mActions;
    QTimer mEnd;
    SoakReport mReport;
    QString mLastBannerText;
    QString mLastExploreBannerText;
    int mActionCount = 0;
    int mTick = 0;
    int mAwayTicks = 0; // ticks left on another top-level view
    int mTopIndex = 0;
    bool mStarted = false;
    bool mFinished = false;
    bool mWriteFailed = false; // said once
    unsigned mRandom = 12345;
};
