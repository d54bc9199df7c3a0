// timelineview.h — the Explore tab's checkpoint Timeline: the checkpoints of
// the explored model's run (the training session's run folder, or the folder
// of the opened checkpoint) on a slider and as marks on a strip over the run's
// loss, and at each one the run's fixed view rendered with that checkpoint's
// weights (the same fixed latent batch, points, translations or text prompt,
// core/explore/timeline_explorer.h), so scrubbing shows the model learn.
// Frames are rendered one checkpoint at a time on the exploration thread (the
// chosen one first) and cached by file, so scrubbing is instant after the
// first pass; "Export timelapse…" writes the frames as a GIF or MP4 and "Open
// this checkpoint" (or a double-click on a mark) reopens one in the tab.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker and the host. Thread affinity: GUI thread; the run's
// listing and every frame are jobs on the exploration thread (newest wins per
// purpose), only while the view is shown. Failure modes: a checkpoint that
// cannot be opened or rendered is marked and skipped with one banner message;
// an export without frames or to an unwritable place says so in the banner.
// Models that cannot sample, translate or write text get the unavailable sentence.
#pragma once

#include <QHash>
#include <QImage>
#include <QVector>
#include <QWidget>

#include "core/common/image.h"
#include "explore/explorerview.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QStackedWidget;
class ImageView;
class SequenceExport;
class TimelineStrip;
class UnavailableStack;

class TimelineView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    static constexpr int kListPriority = 112;  // ExplorationWorker: lower runs first
    static constexpr int kFramePriority = 135;

    struct Mark
    {
        qint64 step = 0;
        QString path;
        QString key; // path, size and modification time: a rewritten file renders again
    };
    struct Listing
    {
        QString folder; // empty: a checkpoint outside any run folder
        QString name;
        QVector<Mark> marks;
        QVector<QPointF> curve; // (step, first loss)
    };
    struct Frame
    {
        QImage image; // empty for text models
        gs::Image pixels;
        QString text;
        QString failure; // why it could not be rendered
    };

    explicit TimelineView(ExplorationWorker *worker, QWidget *parent = nullptr);

    // State, for the tests and the caption.
    int checkpointCount() const { return int(mListing.marks.size()); }
    qint64 stepAt(int index) const;
    QString checkpointAt(int index) const;
    QString runFolder() const { return mListing.folder; }
    int currentIndex() const { return mCurrent; }
    void setCurrentIndex(int index); // as the slider
    int renderedCount() const;
    bool isRendering() const { return !mRenderingKey.isEmpty(); }
    QImage currentFrame() const;   // null until rendered
    QString currentText() const;   // text models
    QImage frameAt(int index) const;
    QString noteText() const;
    // Writes the rendered frames in step order (.gif or .mp4, by the suffix);
    // false with error() when frames are missing or the file cannot be written.
    bool exportTimelapse(const QString &path);
    bool isExporting() const;
    // Reopens the current checkpoint in the Explore tab (ExplorerHost::dropFiles).
    void openCurrentCheckpoint();

    // ExplorerView (timelineview_explorer.cpp)
    bool isAvailable(const ExplorerInfo &info) const override;
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    QWidget *widget() override { return this; }
    QString dropRefusal(const ExplorerInfo &info, const QString &label) const override;

    // Session files (timelineview_session.cpp): the step of the checkpoint
    // shown, selected again at the first listings that have a checkpoint of
    // that step (rather than the newest or the opened one).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void listed(int checkpoints);
    void frameShown(qint64 step);
    void renderingFinished();
    void exported(const QString &path, bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    static Traits explorerTraits(); // timelineview_explorer.cpp
    // timelineview_jobs.cpp
    void requestListing();
    void onListing(const Listing &listing);
    void renderNext();
    void onFrame(const QString &key, const Frame &frame);
    // timelineview.cpp
    void showCurrent();
    void updateCaption();
    void updateProgress();
    void setNote(const QString &text);
    void chooseExport();
    // timelineview_session.cpp: the index of the kept step in mListing, or −1
    // (forgotten once found, or after two listings without it).
    int takePendingStep();

    ExplorationWorker *mWorker;
    ExplorerHost *mHost = nullptr;
    ExplorerInfo mInfo;
    Listing mListing;
    QHash<QString, Frame> mFrames; // by Mark::key
    int mCurrent = -1;
    QString mRenderingKey; // the frame job in flight
    quint64 mListTicket = 0;
    bool mAnnouncedFailure = false;
    bool mSelectOpened = false; // the next listing selects the opened checkpoint
    bool mWasRendering = false; // renderingFinished once per pass
    qint64 mPendingStep = -1;   // a restored session's step, until a listing has it
    int mPendingChances = 0;

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    QLabel *mCaption;
    QLabel *mNote;
    QStackedWidget *mFrameStack;
    ImageView *mView;
    QPlainTextEdit *mTextView;
    QSlider *mSlider;
    TimelineStrip *mStrip;
    QProgressBar *mProgress;
    QPushButton *mOpen;
    QPushButton *mExport;
    SequenceExport *mExporter;
};
