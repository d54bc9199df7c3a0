// interpolationview.h — interpolations between two or more endpoints: seeds,
// random latents, bookmarks, the latent panel's latent, and real images (test
// images from the browser, files, pictures dropped onto the view) encoded with
// the current weights. Linear or spherical paths with N frames per segment,
// optionally looping back to the first endpoint, shown as a strip and as an
// animation (play/pause, speed, scrubbing), exported as a PNG strip or grid,
// an animated GIF or an MP4 (gs::write_sequence, off the GUI thread with a
// busy indicator).
//
// An explorer view (explorerview.h, interpolationview_explorer.cpp), id
// "interpolation": available for models that decode; dropped pictures become
// endpoints.
//
// Ownership: a widget made by the view list (explorerviews.cpp) and owned by the
// ExploreView's tab widget; borrows the ExplorationWorker and the BookmarkStore;
// owns the export's QFutureWatcher. Thread affinity: GUI thread; endpoints are
// resolved and frames decoded on the exploration thread, exports run on the
// global QThreadPool (SequenceExport). Failure modes: a failed resolve (an image
// with a model that cannot encode) or export is reported through error() and
// exportFinished(); the strip stays as it was.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

#include "explore/explorerview.h"
#include "explore/latentjobs.h"
#include "explore/interpolation/sequenceexport.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;
class AnimationPlayer;
class BookmarkStore;
class ImageView;

class InterpolationView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    using ExportFormat = SequenceExport::Format;

    InterpolationView(ExplorationWorker *worker, BookmarkStore *bookmarks,
                      QWidget *parent = nullptr);

    void setModel(const ExplorerInfo &info);

    void addSeed(unsigned long seed);
    void addRandom();
    void addLatent(const gs::Latent &z, const QString &label);
    bool addBookmark(const QString &name);
    void addImage(const gs::Image &image, const QString &label); // encoded with the weights
    void addDatasetImage(int index);
    void removeEndpoint(int index);
    void moveEndpoint(int index, int delta);
    void clearEndpoints();
    int endpointCount() const { return int(mEndpoints.size()); }
    QString endpointLabel(int index) const;

    int framesPerSegment() const;
    void setFramesPerSegment(int frames);
    bool spherical() const;
    void setSpherical(bool on);
    void setLoop(bool on);

    int frameCount() const { return int(mFrames.size()); }
    QVector<QImage> frames() const { return mFrames; }
    QImage stripImage() const;
    AnimationPlayer *player() const { return mPlayer; }

    // Starts an export; false (and error()) when there is nothing to export or
    // one is running. exportFinished follows.
    bool exportTo(const QString &path, ExportFormat format);
    bool isExporting() const { return mExport->isRunning(); }

    // ExplorerView (interpolationview_explorer.cpp)
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    QWidget *widget() override { return this; }
    void takeImage(const gs::Image &image, const QString &label) override; // addImage
    // Session state (interpolationview_session.cpp): frames, path, loop and the
    // endpoints (latents, seeds, test images); endpoints apply once a model of
    // their latent size is loaded.
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void stripShown(int frames);
    void exportFinished(const QString &path, bool ok, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static Traits explorerTraits(); // interpolationview_explorer.cpp
    struct Endpoint
    {
        LatentSource source;
        QString label;
    };
    void addEndpoint(const LatentSource &source, const QString &label);
    bool checkEncode(const QString &label);
    void refreshList();
    void requestStrip();
    void onResult(const ExploreResultPtr &result);
    void onFailed(quint64 ticket, const QString &message);
    void showStrip();
    void chooseExport(ExportFormat format);
    void onExportDone(const QString &path, bool ok, const QString &message);
    void updateButtons();
    void applyPendingSession(); // interpolationview_session.cpp

    ExplorationWorker *mWorker;
    BookmarkStore *mBookmarks;
    ExplorerInfo mInfo;
    std::vector<Endpoint> mEndpoints;
    unsigned long mNextSeed = 1;
    quint64 mStripTicket = 0;
    ExploreResultPtr mStrip; // the frames shown, with their gs::Images for export
    QVector<QImage> mFrames;
    QJsonObject mPendingSession; // a session's endpoints waiting for a fitting model

    QListWidget *mList;
    QPushButton *mAddSeed;
    QSpinBox *mSeed;
    QPushButton *mAddRandom;
    QPushButton *mAddBookmark;
    QPushButton *mAddImage;
    QToolButton *mRemove;
    QToolButton *mUp;
    QToolButton *mDown;
    QComboBox *mMode;
    QSpinBox *mFramesPerSegment;
    QCheckBox *mLoop;
    QPushButton *mExportButton;
    QProgressBar *mExportProgress;
    QLabel *mStatus;
    ImageView *mStripView;
    AnimationPlayer *mPlayer;
    SequenceExport *mExport;
};
