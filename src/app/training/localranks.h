// localranks.h — the other processes of a data-parallel run the studio starts
// on this machine. The studio's own training worker is rank 0 (its
// TrainingSession runs with RunOptions::distributed); LocalRanks starts ranks
// 1 … N−1 as `genstudio-cli train … --world-size N --rank r --master
// 127.0.0.1:PORT` children (the genstudio-cli beside the running executable),
// with the same model, dataset, parameters, seed, Steps target and log
// interval, or `--resume` from a checkpoint at the session's step when a run
// continues. Stop, pause and the end of the run reach the children through the
// run itself (core/train/trainer.h: agreed at the log interval); stop() only
// ends processes that outlive it.
//
// Ownership: a QObject child of the TrainingController; owns the QProcess
// children (killed, if still running, when it is destroyed). Thread affinity:
// GUI thread. Failure modes: prepare() returns a sentence when the run cannot
// go across processes (no genstudio-cli beside the studio, drawn points, no
// checkpoint at the session's step to continue from); a child that ends with
// an error while the run is active is reported once through rankEnded with
// its own last line (rank 0's trainer names the rank that went silent).
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "core/train/training_session.h"

class QProcess;

class LocalRanks : public QObject
{
    Q_OBJECT

public:
    explicit LocalRanks(QObject *parent = nullptr);
    ~LocalRanks() override;

    // genstudio-cli in the directory of the running executable (or the path
    // given to setCliPath: tests, whose executables live elsewhere).
    static QString cliPath();
    static void setCliPath(const QString &path);

    // Readies a run of `options.distributed.world_size` processes: picks a free
    // loopback port and fills in `options->distributed` for rank 0; the
    // children train with `options->threads` each. `resumeFrom` empty: the children create the session
    // from `config`; otherwise they reopen that checkpoint. Returns an empty
    // string, or the sentence that says why the run cannot start.
    QString prepare(const gs::SessionConfig &config, const QString &resumeFrom,
                    gs::RunOptions *options);
    bool isPrepared() const { return mWorldSize > 1; }
    int worldSize() const { return mWorldSize; }
    // Starts the prepared children (once rank 0's run has begun). Returns an
    // empty string or a sentence (a process that could not be started).
    QString launch();
    // The command line of rank `rank` (1 … N−1) of the prepared run.
    QStringList arguments(int rank) const;
    // The run has ended: children still running get `graceMs` to follow it,
    // then they are killed (`block`: waits here, for closing the studio).
    // Forgets the prepared run.
    void finish(int graceMs = 5000, bool block = false);
    // Process ids of the running children (tests end one to check the message).
    QVector<qint64> processIds() const;

signals:
    // A child ended with an error while the run was active (reported once).
    void rankEnded(int rank, const QString &sentence);

private:
    void onFinished(int rank, int exitCode, bool crashed);

    gs::SessionConfig mConfig;
    QString mResumeFrom;
    gs::RunOptions mOptions;
    int mWorldSize = 1;
    QVector<QProcess *> mChildren; // index r − 1 is rank r
    QVector<QString> mLastLines;
    bool mReported = false;
};
