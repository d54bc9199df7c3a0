#include "explore/timeline/timelineview.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "explore/interpolation/sequenceexport.h"
#include "explore/timeline/timelinestrip.h"
#include "support/imageconvert.h"
#include "support/studiosettings.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {
constexpr int kTimelapseFps = 4;

// The frame with its step written under it, for the timelapse.
gs::Image labelledFrame(const QImage &frame, qint64 step)
{
    const int band = std::max(14, frame.height() / 12);
    QImage out(frame.width(), frame.height() + band, QImage::Format_RGB32);
    out.fill(QColor(0x30, 0x30, 0x30));
    QPainter p(&out);
    p.drawImage(0, 0, frame);
    QFont font = p.font();
    font.setPixelSize(std::max(9, band - 4));
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRect(0, frame.height(), frame.width(), band), Qt::AlignCenter,
               TimelineView::tr("step %1").arg(QLocale().toString(step)));
    p.end();
    return toGsImage(out); // gray when the frames are

}
} // namespace

TimelineView::TimelineView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mCaption(new QLabel(this))
    , mNote(new QLabel(this))
    , mFrameStack(new QStackedWidget(this))
    , mView(new ImageView(this))
    , mTextView(new QPlainTextEdit(this))
    , mSlider(new QSlider(Qt::Horizontal, this))
    , mStrip(new TimelineStrip(this))
    , mProgress(new QProgressBar(this))
    , mOpen(new QPushButton(tr("Open this checkpoint"), this))
    , mExport(new QPushButton(tr("Export timelapse…"), this))
    , mExporter(new SequenceExport(this))
{
    setObjectName(QStringLiteral("timelineView"));
    mUnavailable->setObjectName(QStringLiteral("timelineUnavailable"));
    mCaption->setTextFormat(Qt::RichText);
    mNote->setObjectName(QStringLiteral("timelineNote"));
    mNote->setWordWrap(true);
    mNote->hide();
    mView->setObjectName(QStringLiteral("timelineFrame"));
    mView->setPlaceholderText(tr("The run's fixed batch, rendered at the chosen checkpoint, appears here."));
    mTextView->setObjectName(QStringLiteral("timelineText"));
    mTextView->setReadOnly(true);
    mTextView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    mFrameStack->addWidget(mView);
    mFrameStack->addWidget(mTextView);
    mSlider->setObjectName(QStringLiteral("timelineSlider"));
    mSlider->setRange(0, 0);
    mSlider->setPageStep(1);
    mSlider->setToolTip(tr("Scrub through the run's checkpoints"));
    mProgress->setObjectName(QStringLiteral("timelineProgress"));
    mProgress->setTextVisible(true);
    mProgress->setMinimumWidth(180);
    mProgress->setMaximumWidth(280);
    mOpen->setObjectName(QStringLiteral("timelineOpenButton"));
    mOpen->setToolTip(tr("Explore the chosen checkpoint in this tab (also: double-click its mark)"));
    mExport->setObjectName(QStringLiteral("timelineExportButton"));
    mExport->setToolTip(tr("Write the frames, one per checkpoint, as an animated GIF or an MP4 video"));

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(mCaption);
    layout->addWidget(mNote);
    layout->addWidget(mFrameStack, 1);
    layout->addWidget(mSlider);
    layout->addWidget(mStrip);
    auto *row = new QHBoxLayout;
    row->addWidget(mProgress);
    row->addStretch(1);
    row->addWidget(mOpen);
    row->addWidget(mExport);
    layout->addLayout(row);
    mStack->setPage(page);

    connect(mSlider, &QSlider::valueChanged, this, &TimelineView::setCurrentIndex);
    connect(mStrip, &TimelineStrip::picked, this, &TimelineView::setCurrentIndex);
    connect(mStrip, &TimelineStrip::activated, this, [this](int index) {
        setCurrentIndex(index);
        openCurrentCheckpoint();
    });
    connect(mOpen, &QPushButton::clicked, this, &TimelineView::openCurrentCheckpoint);
    connect(mExport, &QPushButton::clicked, this, &TimelineView::chooseExport);
    connect(mExporter, &SequenceExport::finished, this, [this](const QString &path, bool ok, const QString &message) {
        if (ok)
            emit notice(tr("Wrote the timelapse to %1.").arg(QDir::toNativeSeparators(path)));
        else
            emit error(message);
        mExport->setEnabled(true);
        emit exported(path, ok);
    });
    showCurrent();
}

qint64 TimelineView::stepAt(int index) const
{
    return index >= 0 && index < mListing.marks.size() ? mListing.marks[index].step : -1;
}

QString TimelineView::checkpointAt(int index) const
{
    return index >= 0 && index < mListing.marks.size() ? mListing.marks[index].path : QString();
}

int TimelineView::renderedCount() const
{
    int n = 0;
    for (const Mark &mark : mListing.marks)
        n += mFrames.contains(mark.key) && mFrames[mark.key].failure.isEmpty();
    return n;
}

QImage TimelineView::frameAt(int index) const
{
    if (index < 0 || index >= mListing.marks.size())
        return {};
    return mFrames.value(mListing.marks[index].key).image;
}

QImage TimelineView::currentFrame() const
{
    return frameAt(mCurrent);
}

QString TimelineView::currentText() const
{
    if (mCurrent < 0 || mCurrent >= mListing.marks.size())
        return {};
    return mFrames.value(mListing.marks[mCurrent].key).text;
}

QString TimelineView::noteText() const
{
    return mNote->text();
}

void TimelineView::setCurrentIndex(int index)
{
    if (mListing.marks.isEmpty())
        return;
    index = std::clamp(index, 0, int(mListing.marks.size()) - 1);
    if (index == mCurrent)
        return;
    mCurrent = index;
    showCurrent();
    if (!mFrames.contains(mListing.marks[index].key) && mRenderingKey.isEmpty())
        renderNext(); // the chosen one first
}

void TimelineView::showCurrent()
{
    {
        const QSignalBlocker block(mSlider);
        mSlider->setRange(0, std::max(0, int(mListing.marks.size()) - 1));
        mSlider->setValue(std::max(0, mCurrent));
        mSlider->setEnabled(mListing.marks.size() > 1);
    }
    mStrip->setCurrent(mCurrent);
    const bool have = mCurrent >= 0 && mCurrent < mListing.marks.size();
    mOpen->setEnabled(have);
    const Frame frame = have ? mFrames.value(mListing.marks[mCurrent].key) : Frame();
    const bool text = !frame.text.isEmpty();
    mFrameStack->setCurrentWidget(text ? static_cast<QWidget *>(mTextView) : mView);
    if (text) {
        mTextView->setPlainText(frame.text);
    } else if (!frame.image.isNull()) {
        mView->setImage(frame.image);
    } else {
        mView->clear();
        mView->setPlaceholderText(!have ? tr("No checkpoint to show.")
                                  : !frame.failure.isEmpty() ? frame.failure
                                                             : tr("Rendering step %1…")
                                                                   .arg(QLocale().toString(stepAt(mCurrent))));
    }
    updateCaption();
    if (have && (!frame.image.isNull() || text))
        emit frameShown(stepAt(mCurrent));
}

void TimelineView::updateCaption()
{
    if (mListing.marks.isEmpty()) {
        mCaption->setText(tr("<b>Checkpoint timeline</b>"));
        return;
    }
    const QString run = mListing.folder.isEmpty() ? tr("a checkpoint outside any run folder")
                                                  : tr("run %1").arg(mListing.name.toHtmlEscaped());
    mCaption->setText(tr("<b>Checkpoint timeline</b> · %1 · %2 checkpoints · step %3")
                          .arg(run)
                          .arg(mListing.marks.size())
                          .arg(QLocale().toString(stepAt(mCurrent))));
    mCaption->setToolTip(QDir::toNativeSeparators(mListing.folder));
}

void TimelineView::updateProgress()
{
    const int total = int(mListing.marks.size());
    const int done = renderedCount();
    mProgress->setRange(0, std::max(1, total));
    mProgress->setValue(done);
    mProgress->setFormat(isRendering() ? tr("rendering %1 of %2…").arg(done + 1).arg(total)
                                       : tr("%1 of %2 frames").arg(done).arg(total));
    bool frames = false, text = false;
    for (const Mark &mark : mListing.marks) {
        frames |= !mFrames.value(mark.key).image.isNull();
        text |= !mFrames.value(mark.key).text.isEmpty();
    }
    mExport->setEnabled(frames && !isRendering() && !mExporter->isRunning());
    mExport->setToolTip(text ? tr("Text models have no pictures to animate: scrub the slider to read "
                                  "each checkpoint's continuation")
                             : tr("Write the frames, one per checkpoint, as an animated GIF or an MP4 video"));
}

void TimelineView::setNote(const QString &text)
{
    mNote->setText(text);
    mNote->setVisible(!text.isEmpty());
}

bool TimelineView::isExporting() const
{
    return mExporter->isRunning();
}

bool TimelineView::exportTimelapse(const QString &path)
{
    std::vector<gs::Image> frames;
    for (const Mark &mark : mListing.marks) {
        const Frame frame = mFrames.value(mark.key);
        if (!frame.image.isNull())
            frames.push_back(labelledFrame(frame.image, mark.step));
    }
    if (isRendering() || frames.size() < size_t(renderedCount()) || frames.empty()) {
        emit error(frames.empty() ? tr("There are no rendered frames to export yet.")
                                  : tr("The timeline is still rendering (%1 of %2 frames): export when it "
                                       "has finished.")
                                        .arg(renderedCount())
                                        .arg(mListing.marks.size()));
        return false;
    }
    const SequenceExport::Format format = path.endsWith(QStringLiteral(".mp4"), Qt::CaseInsensitive)
                                              ? SequenceExport::Format::Mp4
                                              : SequenceExport::Format::Gif;
    QString why;
    if (!mExporter->start(std::move(frames), path, format, kTimelapseFps, &why)) {
        emit error(why);
        return false;
    }
    mExport->setEnabled(false);
    return true;
}

void TimelineView::chooseExport()
{
    StudioSettings settings;
    const QString base = mListing.name.isEmpty() ? QStringLiteral("timeline") : mListing.name + QStringLiteral("-timeline");
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Timelapse"), QDir(settings.lastDirectory()).filePath(base + QStringLiteral(".gif")),
        SequenceExport::fileFilter(SequenceExport::Format::Gif) + QStringLiteral(";;")
            + SequenceExport::fileFilter(SequenceExport::Format::Mp4),
        &filter);
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty())
        file += filter.contains(QStringLiteral("mp4")) ? QStringLiteral(".mp4") : QStringLiteral(".gif");
    exportTimelapse(file);
}

void TimelineView::openCurrentCheckpoint()
{
    const QString path = checkpointAt(mCurrent);
    if (path.isEmpty() || !mHost)
        return;
    if (!QFileInfo::exists(path)) {
        emit error(tr("The checkpoint of step %1 is gone (thinned out or deleted).").arg(stepAt(mCurrent)));
        return;
    }
    mHost->dropFiles({path});
}
