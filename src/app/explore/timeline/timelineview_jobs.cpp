// timelineview_jobs.cpp — the Timeline's work on the exploration thread: the
// run's listing (gs::read_run) and one frame per checkpoint (the checkpoint
// opened as its own gs::Explorer, rendered by gs::render_timeline_frame),
// chained one at a time so the chosen checkpoint goes first.
#include "explore/timeline/timelineview.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

#include "core/explore/explorer.h"
#include "core/explore/timeline_explorer.h"
#include "core/train/run_folder.h"
#include "explore/timeline/timelinestrip.h"
#include "support/imageconvert.h"
#include "support/studiosettings.h"

namespace {

constexpr int kMaxCurvePoints = 1500;

QString decoded(const std::string &path)
{
    return QFile::decodeName(QByteArray::fromStdString(path));
}

TimelineView::Listing listRun(const std::string &source)
{
    const gs::RunRecord record = gs::read_run(source);
    TimelineView::Listing listing;
    listing.folder = decoded(record.folder);
    listing.name = QString::fromStdString(record.name);
    for (const gs::RunCheckpoint &checkpoint : record.checkpoints) {
        const QString path = decoded(checkpoint.path);
        const QFileInfo file(path);
        const QString key = file.absoluteFilePath() + QLatin1Char('|') + QString::number(file.size())
                            + QLatin1Char('|')
                            + QString::number(file.lastModified().toMSecsSinceEpoch());
        listing.marks.push_back({checkpoint.step, file.absoluteFilePath(), key});
    }
    // The first loss over the steps (every k-th row for long runs).
    const gs::RunTable &table = record.metrics;
    if (table.columns.size() > 2 && !table.rows.empty()) {
        const size_t every = std::max<size_t>(1, table.rows.size() / kMaxCurvePoints);
        for (size_t i = 0; i < table.rows.size(); i += every) {
            const std::vector<double> &row = table.rows[i];
            if (row.size() > 2 && std::isfinite(row[2]))
                listing.curve.push_back(QPointF(row[0], row[2]));
        }
    }
    return listing;
}

TimelineView::Frame renderFrame(const std::string &path)
{
    std::unique_ptr<gs::Explorer> explorer = gs::Explorer::open(path);
    const gs::TimelineFrame rendered = gs::render_timeline_frame(*explorer);
    TimelineView::Frame frame;
    frame.pixels = rendered.image;
    frame.image = toQImage(rendered.image);
    frame.text = QString::fromStdString(rendered.text);
    return frame;
}

} // namespace

void TimelineView::requestListing()
{
    if (!isAvailable(mInfo))
        return;
    if (deferWhileHidden())
        return; // caught up when shown
    QString source = mInfo.fromTraining ? (mHost ? mHost->trainingRunFolder() : QString())
                                        : mInfo.checkpointPath;
    if (source.isEmpty()) {
        onListing(Listing());
        setNote(mInfo.fromTraining
                    ? tr("The training session has no run folder yet: it is made when training "
                         "starts, and a checkpoint is kept there every %1 steps (Training dock).")
                          .arg(StudioSettings().checkpointEvery())
                    : tr("This model was not opened from a file, so it has no run to show."));
        return;
    }
    const std::string local = QFile::encodeName(source).toStdString();
    mListTicket = mWorker->submit(
        {this, QStringLiteral("list"), kListPriority},
        [local](const ExploreJobContext &) { return listRun(local); },
        [this](const std::shared_ptr<const Listing> &listing) { onListing(*listing); },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mListTicket)
                setNote(message);
        });
}

void TimelineView::onListing(const Listing &listing)
{
    const qint64 keptStep = stepAt(mCurrent);
    const bool wasLast = mCurrent < 0 || mCurrent == int(mListing.marks.size()) - 1;
    mListing = listing;
    // Frames of checkpoints that are gone (thinned out) are forgotten.
    QHash<QString, Frame> kept;
    for (const Mark &mark : mListing.marks)
        if (mFrames.contains(mark.key))
            kept.insert(mark.key, mFrames.value(mark.key));
    mFrames.swap(kept);

    int index = takePendingStep(); // a restored session's checkpoint first
    const int n = int(mListing.marks.size());
    if (index >= 0)
        mSelectOpened = false;
    if (index < 0 && mSelectOpened && !mInfo.checkpointPath.isEmpty()) {
        const QString opened = QFileInfo(mInfo.checkpointPath).absoluteFilePath();
        for (int i = 0; i < n; ++i)
            if (mListing.marks[i].path == opened)
                index = i;
        mSelectOpened = false;
    }
    if (index < 0 && !wasLast)
        for (int i = 0; i < n; ++i)
            if (mListing.marks[i].step == keptStep)
                index = i;
    if (index < 0)
        index = n - 1;
    mCurrent = index;

    QVector<qint64> steps;
    QVector<bool> rendered;
    for (const Mark &mark : mListing.marks) {
        steps << mark.step;
        rendered << (mFrames.contains(mark.key) && mFrames.value(mark.key).failure.isEmpty());
    }
    mStrip->setMarks(steps, rendered);
    mStrip->setCurve(mListing.curve);
    if (!listing.folder.isEmpty() && n == 0)
        setNote(tr("This run has no checkpoints yet: training keeps one every %1 steps (Training "
                   "dock, \"Keep a checkpoint every\").")
                    .arg(StudioSettings().checkpointEvery()));
    else if (listing.folder.isEmpty() && n > 0)
        setNote(tr("This checkpoint is not in a run folder, so the timeline has only it. Runs the "
                   "studio or genstudio-cli train record keep their checkpoints together."));
    else
        setNote(QString());
    showCurrent();
    updateProgress();
    emit listed(n);
    if (mRenderingKey.isEmpty())
        renderNext();
}

void TimelineView::renderNext()
{
    if (!mRenderingKey.isEmpty())
        return;
    int next = -1;
    if (mCurrent >= 0 && mCurrent < mListing.marks.size() && !mFrames.contains(mListing.marks[mCurrent].key))
        next = mCurrent;
    for (int i = 0; next < 0 && i < mListing.marks.size(); ++i)
        if (!mFrames.contains(mListing.marks[i].key))
            next = i;
    if (next < 0) {
        updateProgress();
        if (mWasRendering) {
            mWasRendering = false;
            emit renderingFinished();
        }
        return;
    }
    if (deferWhileHidden())
        return; // the listing on show goes on from here
    const Mark mark = mListing.marks[next];
    mRenderingKey = mark.key;
    mWasRendering = true;
    updateProgress();
    const std::string local = QFile::encodeName(mark.path).toStdString();
    const QString key = mark.key;
    mWorker->submit(
        {this, QStringLiteral("frame"), kFramePriority},
        [local](const ExploreJobContext &) { return renderFrame(local); },
        [this, key](const std::shared_ptr<const Frame> &frame) { onFrame(key, *frame); },
        [this, key](quint64, const QString &message) {
            Frame failed;
            failed.failure = message;
            onFrame(key, failed);
        });
}

void TimelineView::onFrame(const QString &key, const Frame &frame)
{
    if (key == mRenderingKey)
        mRenderingKey.clear();
    int index = -1;
    for (int i = 0; i < mListing.marks.size(); ++i)
        if (mListing.marks[i].key == key)
            index = i;
    if (index < 0) { // no longer listed
        renderNext();
        return;
    }
    if (!frame.failure.isEmpty() && !QFileInfo::exists(mListing.marks[index].path)) {
        requestListing(); // thinned out meanwhile: list again
        return;
    }
    mFrames.insert(key, frame);
    if (!frame.failure.isEmpty() && !mAnnouncedFailure) {
        mAnnouncedFailure = true;
        emit error(tr("The checkpoint of step %1 could not be shown: %2")
                       .arg(mListing.marks[index].step)
                       .arg(frame.failure));
    }
    mStrip->setRendered(index, frame.failure.isEmpty());
    if (index == mCurrent)
        showCurrent();
    updateProgress();
    renderNext();
}
