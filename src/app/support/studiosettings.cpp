#include "support/studiosettings.h"

#include <QDir>
#include <QStandardPaths>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace {
const QString kOrganisation = QStringLiteral("GenStudio");
const QString kApplication = QStringLiteral("GenStudio");
} // namespace

StudioSettings::StudioSettings()
    : mSettings(kOrganisation, kApplication)
{
}

QByteArray StudioSettings::windowGeometry() const
{
    return mSettings.value(QStringLiteral("window/geometry")).toByteArray();
}

void StudioSettings::setWindowGeometry(const QByteArray &geometry)
{
    mSettings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray StudioSettings::windowState() const
{
    return mSettings.value(QStringLiteral("window/state")).toByteArray();
}

void StudioSettings::setWindowState(const QByteArray &state)
{
    mSettings.setValue(QStringLiteral("window/state"), state);
}

QByteArray StudioSettings::splitterState(const QString &name) const
{
    return mSettings.value(QStringLiteral("window/splitter_") + name).toByteArray();
}

void StudioSettings::setSplitterState(const QString &name, const QByteArray &state)
{
    mSettings.setValue(QStringLiteral("window/splitter_") + name, state);
}

QString StudioSettings::lastModel() const
{
    return mSettings.value(QStringLiteral("training/model")).toString();
}

void StudioSettings::setLastModel(const QString &id)
{
    mSettings.setValue(QStringLiteral("training/model"), id);
}

QString StudioSettings::lastDataset() const
{
    return mSettings.value(QStringLiteral("training/dataset")).toString();
}

void StudioSettings::setLastDataset(const QString &id)
{
    mSettings.setValue(QStringLiteral("training/dataset"), id);
}

QString StudioSettings::datasetFolder() const
{
    return mSettings.value(QStringLiteral("training/folder")).toString();
}

void StudioSettings::setDatasetFolder(const QString &path)
{
    mSettings.setValue(QStringLiteral("training/folder"), path);
}

int StudioSettings::imageSize() const
{
    bool ok = false;
    const int size = mSettings.value(QStringLiteral("training/image_size"), 28).toInt(&ok);
    return ok ? size : 28;
}

void StudioSettings::setImageSize(int size)
{
    mSettings.setValue(QStringLiteral("training/image_size"), size);
}

int StudioSettings::imageChannels() const
{
    const int channels = mSettings.value(QStringLiteral("training/channels"), 1).toInt();
    return channels == 3 ? 3 : 1;
}

void StudioSettings::setImageChannels(int channels)
{
    mSettings.setValue(QStringLiteral("training/channels"), channels);
}

long StudioSettings::imageLimit() const
{
    return long(
        std::max<qlonglong>(0, mSettings.value(QStringLiteral("training/limit"), 0).toLongLong()));
}

void StudioSettings::setImageLimit(long limit)
{
    mSettings.setValue(QStringLiteral("training/limit"), qlonglong(limit));
}

long StudioSettings::totalSteps() const
{
    bool ok = false;
    const qlonglong steps = mSettings.value(QStringLiteral("training/steps"), 5000).toLongLong(&ok);
    return ok && steps > 0 ? long(steps) : 5000;
}

void StudioSettings::setTotalSteps(long steps)
{
    mSettings.setValue(QStringLiteral("training/steps"), qlonglong(steps));
}

QString StudioSettings::autosavePath() const
{
    const QString chosen = mSettings.value(QStringLiteral("session/autosavePath")).toString();
    if (!chosen.isEmpty())
        return chosen;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/autosave.gssession");
}

void StudioSettings::setAutosavePath(const QString &path)
{
    if (path.isEmpty())
        mSettings.remove(QStringLiteral("session/autosavePath"));
    else
        mSettings.setValue(QStringLiteral("session/autosavePath"), path);
}

int StudioSettings::autosaveMinutes() const
{
    return std::clamp(read("session/autosaveMinutes", kDefaultAutosaveMinutes), 0, 24 * 60);
}

void StudioSettings::setAutosaveMinutes(int minutes)
{
    write("session/autosaveMinutes", std::clamp(minutes, 0, 24 * 60));
}

QString StudioSettings::runsFolder() const
{
    const QString chosen = mSettings.value(QStringLiteral("runs/folder")).toString();
    if (!chosen.isEmpty())
        return chosen;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
}

void StudioSettings::setRunsFolder(const QString &path)
{
    if (path.isEmpty())
        mSettings.remove(QStringLiteral("runs/folder"));
    else
        mSettings.setValue(QStringLiteral("runs/folder"), path);
}

long StudioSettings::checkpointEvery() const
{
    bool ok = false;
    const qlonglong steps
        = mSettings.value(QStringLiteral("runs/checkpoint_every"), qlonglong(kDefaultCheckpointEvery))
              .toLongLong(&ok);
    return ok && steps >= 0 ? long(steps) : kDefaultCheckpointEvery;
}

void StudioSettings::setCheckpointEvery(long steps)
{
    mSettings.setValue(QStringLiteral("runs/checkpoint_every"), qlonglong(std::max(0L, steps)));
}

int StudioSettings::checkpointsKept() const
{
    const int kept = mSettings.value(QStringLiteral("runs/checkpoints_kept"), kDefaultCheckpointsKept).toInt();
    return kept >= 1 ? kept : kDefaultCheckpointsKept;
}

unsigned long StudioSettings::seed() const
{
    bool ok = false;
    const qulonglong seed = mSettings.value(QStringLiteral("training/seed"), 1).toULongLong(&ok);
    return ok ? (unsigned long)seed : 1;
}

void StudioSettings::setSeed(unsigned long seed)
{
    mSettings.setValue(QStringLiteral("training/seed"), qulonglong(seed));
}

int StudioSettings::computeThreads() const
{
    return std::max(0, mSettings.value(QStringLiteral("training/threads"), 0).toInt());
}

void StudioSettings::setComputeThreads(int threads)
{
    mSettings.setValue(QStringLiteral("training/threads"), threads);
}

int StudioSettings::trainingProcesses() const
{
    return std::clamp(mSettings.value(QStringLiteral("training/processes"), 1).toInt(), 1, 8);
}

void StudioSettings::setTrainingProcesses(int processes)
{
    mSettings.setValue(QStringLiteral("training/processes"), std::clamp(processes, 1, 8));
}

gs::ParamValues StudioSettings::modelParams(const QString &modelId) const
{
    gs::ParamValues values;
    mSettings.beginGroup(QStringLiteral("params/") + modelId);
    const QStringList keys = mSettings.childKeys();
    for (const QString &key : keys)
        values[key.toStdString()] = mSettings.value(key).toString().toStdString();
    mSettings.endGroup();
    return values;
}

void StudioSettings::setModelParams(const QString &modelId, const gs::ParamValues &values)
{
    mSettings.beginGroup(QStringLiteral("params/") + modelId);
    mSettings.remove(QString()); // forget keys the model no longer has
    for (const auto &[key, value] : values)
        mSettings.setValue(QString::fromStdString(key), QString::fromStdString(value));
    mSettings.endGroup();
}

QString StudioSettings::lastDirectory() const
{
    const QString dir = mSettings.value(QStringLiteral("files/last_directory")).toString();
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? dir : QDir::homePath();
}

void StudioSettings::setLastDirectory(const QString &directory)
{
    mSettings.setValue(QStringLiteral("files/last_directory"), directory);
}

QStringList StudioSettings::comparedRuns() const
{
    return mSettings.value(QStringLiteral("compare/runs")).toStringList();
}

void StudioSettings::setComparedRuns(const QStringList &paths)
{
    mSettings.setValue(QStringLiteral("compare/runs"), paths);
}

double StudioSettings::compareSmoothing() const
{
    return std::clamp(read<double>("compare/smoothing", 0.6), 0.0, 0.99);
}

void StudioSettings::setCompareSmoothing(double smoothing)
{
    write("compare/smoothing", smoothing);
}

QStringList StudioSettings::recentCheckpoints() const
{
    return mSettings.value(QStringLiteral("files/recent_checkpoints")).toStringList();
}

void StudioSettings::addRecentCheckpoint(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = recentCheckpoints();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecentFiles)
        list.removeLast();
    mSettings.setValue(QStringLiteral("files/recent_checkpoints"), list);
}

void StudioSettings::removeRecentCheckpoint(const QString &path)
{
    QStringList list = recentCheckpoints();
    list.removeAll(path);
    list.removeAll(QFileInfo(path).absoluteFilePath());
    mSettings.setValue(QStringLiteral("files/recent_checkpoints"), list);
}

void StudioSettings::clearRecentCheckpoints()
{
    mSettings.remove(QStringLiteral("files/recent_checkpoints"));
}

QStringList StudioSettings::recentSessions() const
{
    return mSettings.value(QStringLiteral("files/recent_sessions")).toStringList();
}

void StudioSettings::addRecentSession(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = recentSessions();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecentSessions)
        list.removeLast();
    mSettings.setValue(QStringLiteral("files/recent_sessions"), list);
}

void StudioSettings::removeRecentSession(const QString &path)
{
    QStringList list = recentSessions();
    list.removeAll(path);
    list.removeAll(QFileInfo(path).absoluteFilePath());
    mSettings.setValue(QStringLiteral("files/recent_sessions"), list);
}

void StudioSettings::clearRecentSessions()
{
    mSettings.remove(QStringLiteral("files/recent_sessions"));
}

double StudioSettings::lossSmoothing() const
{
    bool ok = false;
    const double s = mSettings.value(QStringLiteral("plot/smoothing"), 0.6).toDouble(&ok);
    return ok ? qBound(0.0, s, 0.99) : 0.6;
}

void StudioSettings::setLossSmoothing(double smoothing)
{
    mSettings.setValue(QStringLiteral("plot/smoothing"), smoothing);
}

bool StudioSettings::lossLogScale() const
{
    return mSettings.value(QStringLiteral("plot/log_scale"), true).toBool();
}

void StudioSettings::setLossLogScale(bool on)
{
    mSettings.setValue(QStringLiteral("plot/log_scale"), on);
}

// Explore tab: one typed entry each, under "explore/".

int StudioSettings::mapPoints(int fallback) const { return read("explore/mapPoints", fallback); }
void StudioSettings::setMapPoints(int points) { write("explore/mapPoints", points); }
int StudioSettings::mapGridCells(int fallback) const
{
    return read("explore/mapGridCells", fallback);
}
void StudioSettings::setMapGridCells(int cells) { write("explore/mapGridCells", cells); }
bool StudioSettings::mapGrid() const { return read("explore/mapGrid", false); }
void StudioSettings::setMapGrid(bool on) { write("explore/mapGrid", on); }
bool StudioSettings::interpolationSlerp() const { return read("explore/slerp", true); }
void StudioSettings::setInterpolationSlerp(bool on) { write("explore/slerp", on); }
int StudioSettings::interpolationFrames(int fallback) const
{
    return read("explore/frames", fallback);
}
void StudioSettings::setInterpolationFrames(int frames) { write("explore/frames", frames); }
int StudioSettings::animationFps(int fallback) const { return read("explore/fps", fallback); }
void StudioSettings::setAnimationFps(int fps) { write("explore/fps", fps); }

QStringList StudioSettings::translationCheckpoints() const
{
    return read("explore/translationCheckpoints", QStringList());
}

void StudioSettings::setTranslationCheckpoints(const QStringList &paths)
{
    write("explore/translationCheckpoints", paths);
}

QByteArray StudioSettings::latentBookmarks() const
{
    return read("explore/bookmarks", QByteArray());
}

void StudioSettings::setLatentBookmarks(const QByteArray &json)
{
    write("explore/bookmarks", json);
}

int StudioSettings::metricsSamples(int fallback) const
{
    return read("metrics/samples", fallback);
}

void StudioSettings::setMetricsSamples(int samples)
{
    write("metrics/samples", samples);
}

bool StudioSettings::metricsEveryEnabled() const
{
    return read("metrics/every_enabled", false);
}

void StudioSettings::setMetricsEveryEnabled(bool on)
{
    write("metrics/every_enabled", on);
}

int StudioSettings::metricsEverySteps(int fallback) const
{
    return read("metrics/every_steps", fallback);
}

void StudioSettings::setMetricsEverySteps(int steps)
{
    write("metrics/every_steps", steps);
}

// Presenter layout, colours and recordings: one typed entry each.

bool StudioSettings::presenterMode() const { return read("view/presenter", false); }
void StudioSettings::setPresenterMode(bool on) { write("view/presenter", on); }
QString StudioSettings::colorScheme() const
{
    return read("view/colorScheme", QStringLiteral("auto"));
}
void StudioSettings::setColorScheme(const QString &scheme) { write("view/colorScheme", scheme); }
int StudioSettings::recordFps() const { return qBound(1, read("record/fps", 10), 30); }
void StudioSettings::setRecordFps(int fps) { write("record/fps", fps); }
int StudioSettings::recordSeconds() const { return qBound(0, read("record/seconds", 10), 3600); }
void StudioSettings::setRecordSeconds(int seconds) { write("record/seconds", seconds); }
bool StudioSettings::recordWholeWindow() const { return read("record/wholeWindow", false); }
void StudioSettings::setRecordWholeWindow(bool on) { write("record/wholeWindow", on); }
QString StudioSettings::recordFormat() const
{
    const QString format = read("record/format", QStringLiteral("gif"));
    return format == QLatin1String("mp4") ? format : QStringLiteral("gif");
}
void StudioSettings::setRecordFormat(const QString &format) { write("record/format", format); }
