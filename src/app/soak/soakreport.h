// soakreport.h — what a soak run found, as a CSV of the probe's samples and a
// summary a person reads (bench/soak.sh prints it; bench/RESULTS.md keeps it):
// RSS after the warm-up and at the end, the growth between them, the longest
// GUI stall and when, the number of stalls over 100 ms, and the errors and
// warnings seen in the banners and the log.
//
// Ownership: a value. Thread affinity: any (it only formats). Failure modes:
// writeFiles() returns false with `*error` set to a sentence when the folder or
// a file cannot be written (files are written atomically, QSaveFile).
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

#include "support/stallprobe.h"

struct SoakRow
{
    StallProbe::Sample sample;
    long step = 0;        // the training step when the sample closed
    int checkpoints = 0;  // step checkpoints in the run folder
    int errors = 0;       // errors seen since the start
    int actions = 0;      // exploration actions sent since the start
    QString view;         // the top-level view / explorer view in front
};

struct SoakReport
{
    double minutes = 0;           // the duration asked for
    double warmupSeconds = 300;   // growth is measured from the first sample at or after this
    std::vector<SoakRow> rows;
    double longestStallMs = 0;
    double longestStallAtSeconds = 0;
    int stallsOver100 = 0;
    double longestBusyMs = 0; // the most CPU the GUI thread spent between two 10 ms ticks
    double longestBusyAtSeconds = 0;
    int busyOver100 = 0;
    double longestBlockedMs = 0; // neither computing nor waiting for a core (a lock, I/O)
    double longestBlockedAtSeconds = 0;
    int blockedOver100 = 0;
    QStringList errors;   // "12.3 s: text" from the banners and the controller
    QStringList warnings; // banner warnings and the log's warnings
    long firstStep = 0;
    long lastStep = 0;

    static constexpr double kRssWindowSeconds = 60;
    // Medians over a minute: after the warm-up ([warm-up, warm-up + 1 min]; 0
    // when the run did not reach it) and the run's last minute.
    long rssAfterWarmupKb() const;
    long rssAtEndKb() const;
    long rssPeakKb() const;
    double growthPercent() const;  // from after the warm-up to the end
    bool meetsTargets() const;     // growth < 10 %, no stall > 100 ms, no error

    QString csv() const;
    QString summary() const;
    bool writeFiles(const QString &folder, QString *error) const; // soak.csv, summary.txt
};
