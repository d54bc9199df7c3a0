// compareview.h — the Compare tab: several training runs side by side. Runs
// are run folders or checkpoints (run_folder.h: read_run), added with file
// dialogs, by dropping folders or .gsckpt files on the tab, from the list of
// recent runs (the run folders under StudioSettings::runsFolder() and the
// folders of recently opened checkpoints) or as the current session (its last
// saved checkpoint and that checkpoint's run). It shows one loss or metric
// series of every run overlaid (ComparePlot: smoothing, step or wall-time
// axis), the table of last and best values with the best marked
// (CompareTable), and sample grids from the same seeds (CompareSamples,
// drawn on the thread pool); the table exports as CSV and the view as PNG,
// both written atomically.
//
// Ownership: owns its widgets and the run records (copies). Thread affinity:
// GUI thread. Failure modes: a folder or file that is not a run, a run already
// in the list, or an export that cannot be written is refused with a sentence
// (shown in the banner and returned by lastError()); nothing throws.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "core/train/run_folder.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QSlider;
class QSpinBox;
class MessageBanner;
class TrainingController;
class ComparePlot;
class CompareTable;
class CompareSamples;

class CompareView : public QWidget
{
    Q_OBJECT

public:
    CompareView(TrainingController *controller, MessageBanner *banner, QWidget *parent = nullptr);

    // A run folder or checkpoint; false with lastError() set when it is refused.
    bool addRun(const QString &path);
    bool addCurrentSession();
    void removeRun(int index);
    void reloadRuns(); // reads every run again (a run still training grows)
    int runCount() const { return int(mRuns.size()); }
    const std::vector<gs::RunRecord> &runs() const { return mRuns; }
    QStringList runPaths() const { return mPaths; }

    QStringList seriesNames() const;
    void setSeries(const QString &name);
    void setSmoothing(double weight); // through the slider: 0 … 0.99
    void setWallTime(bool on);
    void setFirstSeed(unsigned long seed);

    bool exportCsv(const QString &path);
    bool exportPng(const QString &path);

    // Run folders under the runs folder and of recent checkpoints, newest first.
    QStringList recentRuns() const;
    void refreshRecentRuns();

    QString lastError() const { return mLastError; }
    ComparePlot *plot() const { return mPlot; }
    CompareTable *table() const { return mTable; }
    CompareSamples *samples() const { return mSamples; }

signals:
    void runsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildLayout();
    void runsUpdated();
    bool refuse(const QString &sentence);
    void chooseFolder();
    void chooseCheckpoint();
    void chooseCsv();
    void choosePng();
    void chooseRunsFolder();

    TrainingController *mController = nullptr;
    MessageBanner *mBanner = nullptr;
    std::vector<gs::RunRecord> mRuns;
    QStringList mPaths;
    QString mLastError;

    QListWidget *mRunList = nullptr;
    QListWidget *mRecentList = nullptr;
    QLabel *mRunsFolderLabel = nullptr;
    QComboBox *mSeries = nullptr;
    QSlider *mSmoothing = nullptr;
    QLabel *mSmoothingValue = nullptr;
    QComboBox *mXAxis = nullptr;
    QSpinBox *mSeed = nullptr;
    QProgressBar *mProgress = nullptr;
    QLabel *mEmpty = nullptr;
    ComparePlot *mPlot = nullptr;
    CompareTable *mTable = nullptr;
    CompareSamples *mSamples = nullptr;
};
