// studiosettings.h — typed preferences of the studio over QSettings
// (organisation "GenStudio", application "GenStudio"): window layout, the last
// choices of the training form (per model parameters included) and the list of
// recently opened checkpoints. The plain entries go through one typed
// read/write pair (key, type, fallback).
//
// Ownership: value type; each instance opens the same settings store, so
// instances are cheap and short-lived. Thread affinity: GUI thread.
// Failure modes: missing or malformed entries read as the given defaults.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "core/model/param_spec.h"

class StudioSettings
{
public:
    static constexpr int kMaxRecentFiles = 10;
    static constexpr int kMaxRecentSessions = 8;

    StudioSettings();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);

    QString lastModel() const;
    void setLastModel(const QString &id);
    QString lastDataset() const;
    void setLastDataset(const QString &id);
    QString datasetFolder() const;
    void setDatasetFolder(const QString &path);
    int imageSize() const;
    void setImageSize(int size);
    int imageChannels() const;
    void setImageChannels(int channels);
    long imageLimit() const;
    void setImageLimit(long limit);
    long totalSteps() const;
    void setTotalSteps(long steps);
    unsigned long seed() const;
    void setSeed(unsigned long seed);
    int computeThreads() const; // 0: auto
    void setComputeThreads(int threads);
    int trainingProcesses() const; // 1: in the studio's process; 2–8: data-parallel on this machine
    void setTrainingProcesses(int processes);

    gs::ParamValues modelParams(const QString &modelId) const;
    void setModelParams(const QString &modelId, const gs::ParamValues &values);

    QString lastDirectory() const;
    void setLastDirectory(const QString &directory);

    QStringList recentCheckpoints() const;
    void addRecentCheckpoint(const QString &path); // moves it to the front
    void removeRecentCheckpoint(const QString &path);
    void clearRecentCheckpoints();
    // Session files saved or opened, newest first (File ▸ Open Recent Session).
    QStringList recentSessions() const;
    void addRecentSession(const QString &path); // moves it to the front, keeps kMaxRecentSessions
    void removeRecentSession(const QString &path);
    void clearRecentSessions();

    // Run folders (run_folder.h): where the studio's training writes them
    // (default: AppDataLocation/runs), the steps between kept checkpoints (0:
    // none) and how many of the newest stay before older ones thin out.
    static constexpr long kDefaultCheckpointEvery = 250;
    static constexpr int kDefaultCheckpointsKept = 8;
    QString runsFolder() const;
    void setRunsFolder(const QString &path); // empty: back to the default
    long checkpointEvery() const;
    void setCheckpointEvery(long steps);
    int checkpointsKept() const;
    // Compare tab: the runs last compared and the curve smoothing (keys
    // under "compare/"); its recent runs are the run folders under runsFolder().
    QStringList comparedRuns() const;
    void setComparedRuns(const QStringList &paths);
    double compareSmoothing() const;
    void setCompareSmoothing(double smoothing);

    // Sessions (keys under "session/"): the autosave file (default
    // AppDataLocation/autosave.gssession; tests point it elsewhere) and the
    // minutes between autosaves (0: only on quit).
    static constexpr int kDefaultAutosaveMinutes = 1;
    QString autosavePath() const;
    void setAutosavePath(const QString &path); // empty: back to the default
    int autosaveMinutes() const;
    void setAutosaveMinutes(int minutes);

    double lossSmoothing() const;
    void setLossSmoothing(double smoothing);
    bool lossLogScale() const;
    void setLossLogScale(bool on);

    // Explore tab: the latent map's options, the interpolation's path and the
    // animation speed, the translation view's recent checkpoints and the latent
    // bookmarks (keys under "explore/").
    int mapPoints(int fallback) const;
    void setMapPoints(int points);
    int mapGridCells(int fallback) const;
    void setMapGridCells(int cells);
    bool mapGrid() const;
    void setMapGrid(bool on);
    bool interpolationSlerp() const;
    void setInterpolationSlerp(bool on);
    int interpolationFrames(int fallback) const;
    void setInterpolationFrames(int frames);
    int animationFps(int fallback) const;
    void setAnimationFps(int fps);
    QStringList translationCheckpoints() const;
    void setTranslationCheckpoints(const QStringList &paths);
    QByteArray latentBookmarks() const; // one JSON document (BookmarkStore)
    void setLatentBookmarks(const QByteArray &json);

    // The Training tab's Metrics panel (keys under "metrics/"): samples per
    // evaluation and the every-N-steps choice.
    int metricsSamples(int fallback) const;
    void setMetricsSamples(int samples);
    bool metricsEveryEnabled() const;
    void setMetricsEveryEnabled(bool on);
    int metricsEverySteps(int fallback) const;
    void setMetricsEverySteps(int steps);

    // Presenter layout and colours (keys under "view/"): presenter mode on or
    // off, the colour scheme ("auto" follows the desktop, "light", "dark").
    bool presenterMode() const;
    void setPresenterMode(bool on);
    QString colorScheme() const;
    void setColorScheme(const QString &scheme);
    // Record View… (keys under "record/"): frames per second, seconds (0: until
    // stopped), the whole window rather than the current tab, and the format
    // ("gif" or "mp4").
    int recordFps() const;
    void setRecordFps(int fps);
    int recordSeconds() const;
    void setRecordSeconds(int seconds);
    bool recordWholeWindow() const;
    void setRecordWholeWindow(bool on);
    QString recordFormat() const;
    void setRecordFormat(const QString &format);

private:
    // One typed entry: `key` read as T (the fallback when missing), or written.
    template<typename T> T read(const char *key, const T &fallback) const
    {
        const QVariant value = mSettings.value(QLatin1String(key), QVariant::fromValue(fallback));
        return value.template value<T>();
    }
    template<typename T> void write(const char *key, const T &value)
    {
        mSettings.setValue(QLatin1String(key), QVariant::fromValue(value));
    }

    mutable QSettings mSettings;
};
