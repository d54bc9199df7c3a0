// comparesamples.h — the compare view's sample grids: each run's latest
// checkpoint opened and eight images drawn from the same seeds (first seed …
// first seed + 7), shown side by side under the run's name in its colour.
// Checkpoints are opened on the thread pool (QtConcurrent), never on the GUI
// thread; progress() counts finished runs; a newer request (other runs or
// another seed) makes older results be dropped when they arrive.
//
// Ownership: owns its labels and the watchers of running jobs. Thread
// affinity: GUI thread (jobs run on the pool and only return values).
// Failure modes: a run without a checkpoint, a model that draws no images
// (text, points, translators) or a checkpoint that cannot be opened shows its
// sentence in place of that run's grid; nothing throws.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

#include "core/train/run_folder.h"

class QHBoxLayout;
class QLabel;

class CompareSamples : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSamples = 8;

    explicit CompareSamples(QWidget *parent = nullptr);

    void setRuns(const std::vector<gs::RunRecord> &runs);
    void setFirstSeed(unsigned long seed);
    unsigned long firstSeed() const { return mSeed; }

    bool isLoading() const { return mDone < mTotal; }
    QImage grid(int index) const;  // null while loading or when the run has none
    QString note(int index) const; // why a run has no grid, or its step

signals:
    void progress(int done, int total);
    void finished();

private:
    struct Result
    {
        QImage grid;
        QString note;
    };
    void reload();
    void showResult(int generation, int index, const Result &result);

    std::vector<gs::RunRecord> mRuns;
    unsigned long mSeed = 1;
    int mGeneration = 0;
    int mDone = 0, mTotal = 0;
    QVector<Result> mResults;
    QVector<QLabel *> mImages, mCaptions;
    QHBoxLayout *mRow = nullptr;
};
