// exploreview.h — the Explore tab: explore what a model learned while it keeps
// training, or any checkpoint file. Three views share one exploration thread:
// the latent panel (sliders, directions, sweep, bookmarks), the latent map and
// interpolations. A source bar says which model is explored (a live copy of the
// training session, refreshed every 2 s while training and the tab is shown,
// and when a run ends; or a checkpoint file), a banner shows what went wrong,
// and pictures or checkpoints can be dropped anywhere on the tab.
//
// Ownership: owns the ExplorationWorker, the QThread it lives on (joined in the
// destructor: requestInterruption, quit, wait) and the BookmarkStore; borrows
// the TrainingWorker (setTrainingWorker), whose model it never touches: it only
// asks for snapshots (TrainingWorker::requestSnapshot) that the worker copies.
//
// Thread affinity: GUI thread. Snapshot bytes go from the training thread
// straight to the exploration worker (newest wins); results come back queued.
//
// Failure modes: a checkpoint that cannot be opened, a dropped file that is not
// a usable picture (empty, not an image, too large), a model that cannot encode
// a picture: a message in the banner, and the current model and state stay.
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QWidget>

#include "explorationworker.h"

class QAction;
class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;
class BookmarkStore;
class InterpolationView;
class LatentMapView;
class LatentPanel;
class MessageBanner;
class TrainingWorker;

class ExploreView : public QWidget
{
    Q_OBJECT

public:
    enum class SubView { Latent, Map, Interpolation };
    static constexpr int kRefreshMs = 2000; // while training and shown

    explicit ExploreView(QWidget *parent = nullptr);
    ~ExploreView() override;

    void setTrainingWorker(TrainingWorker *worker);
    // Explores a checkpoint file on the exploration thread; the training
    // session is not touched. Stops following the training session.
    void openCheckpoint(const QString &path);
    void setFollowTraining(bool on);
    bool followsTraining() const;
    void refreshFromTraining(); // asks the trainer for a copy now

    void showSubView(SubView view);
    bool showSubView(const QString &name); // "latent", "map", "interpolation"
    SubView currentSubView() const;
    // As if the files were dropped onto the current view.
    void dropFiles(const QStringList &paths);

    bool hasModel() const { return mInfo.isValid(); }
    ExplorerInfo modelInfo() const { return mInfo; }
    ExplorationWorker *worker() const { return mWorker; }
    LatentPanel *latentPanel() const { return mLatent; }
    LatentMapView *mapView() const { return mMap; }
    InterpolationView *interpolationView() const { return mInterpolation; }
    MessageBanner *messageBanner() const { return mBanner; }
    QAction *exploreCheckpointAction() const { return mExploreAction; }
    int snapshotsRequested() const { return mSnapshotsRequested; }

signals:
    void modelChanged(const ExplorerInfo &info);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void chooseCheckpoint();
    void onModelReady(const ExplorerInfo &info);
    void onModelFailed(const QString &message);
    void onRunStarted();
    void onRunEnded();
    void requestSnapshot(bool force);
    void showError(const QString &message);
    void showNotice(const QString &message);
    void updateSourceText();
    void raiseTab();

    QThread mThread;
    ExplorationWorker *mWorker;
    BookmarkStore *mBookmarks;
    QPointer<TrainingWorker> mTrainingWorker;
    ExplorerInfo mInfo;
    bool mTraining = false;   // a run is going
    bool mHasSession = false; // the training worker has a session
    bool mStale = false;      // the session changed while the tab was hidden
    bool mFollowBeforeOpen = true;
    QString mOpening; // the checkpoint being opened
    QElapsedTimer mLastRequest;
    bool mAwaitingSnapshot = false;
    int mSnapshotsRequested = 0;

    MessageBanner *mBanner;
    QLabel *mSource;
    QLabel *mNotice;
    QCheckBox *mFollow;
    QToolButton *mRefresh;
    QPushButton *mOpenButton;
    QStackedWidget *mStack;
    QLabel *mPlaceholder;
    QTabWidget *mTabs;
    LatentPanel *mLatent;
    LatentMapView *mMap;
    InterpolationView *mInterpolation;
    QAction *mExploreAction;
    QTimer *mRefreshTimer;
    QTimer *mNoticeTimer;
};
