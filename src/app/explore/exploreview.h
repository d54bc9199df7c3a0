// exploreview.h — the Explore tab: explore what a model learned while it keeps
// training, or any checkpoint file. Three views share one exploration thread:
// the latent panel (sliders, directions, sweep, bookmarks), the latent map and
// interpolations. A source bar says which model is explored (a live copy of the
// training session, refreshed every 2 s while training and the tab is shown,
// and when a run ends; or a checkpoint file), a banner shows what went wrong,
// and pictures or checkpoints can be dropped anywhere on the tab.
// Models that translate images (CycleGAN, TorchScript translators) get the
// Translate view instead of the latent views; the views a model cannot use
// are disabled and their tab tooltips say why. TorchScript modules are
// imported from the source bar or File → Import TorchScript Model… (a
// dialog, or the sidecar PATH.json), or dropped onto the tab.
// Style-based generators (ExplorerInfo::hasStyles()) also get the Style mix
// view (StyleMixView); for other models its tab is disabled and says why.
// For them a bar above the latent views (StyleSpaceBar) switches those views
// between z and w and sets their truncation ψ.
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
// a picture, a TorchScript module refused by its dry run: a message in the
// banner, and the current model and state stay.
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QWidget>

#include "explore/explorationworker.h"

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
class StyleMixView;
class StyleSpaceBar;
class TranslationView;
class TrainingWorker;

class ExploreView : public QWidget
{
    Q_OBJECT

public:
    enum class SubView { Latent, Map, Interpolation, Style, Translate };
    static constexpr int kRefreshMs = 2000; // while training and shown

    explicit ExploreView(QWidget *parent = nullptr);
    ~ExploreView() override;

    void setTrainingWorker(TrainingWorker *worker);
    // Explores a checkpoint file on the exploration thread; the training
    // session is not touched. Stops following the training session.
    void openCheckpoint(const QString &path);
    // Imports a TorchScript generator or translator (the dry run runs on the
    // exploration thread; a refusal goes to the banner and the model stays).
    // Stops following the training session, like a checkpoint.
    void importTorchScript(const QString &path, const gs::TorchScriptDescriptor &descriptor);
    bool importTorchScript(const QString &path); // with its sidecar PATH.json
    // The import dialog (modal), with `path` filled in when given; imports on OK.
    void chooseTorchScript(const QString &path = QString());
    // With its sidecar when it has one, else through the dialog (drops, --import-torchscript).
    void openTorchScriptFile(const QString &path);
    void setFollowTraining(bool on);
    bool followsTraining() const;
    void refreshFromTraining(); // asks the trainer for a copy now

    void showSubView(SubView view);
    bool showSubView(const QString &name); // "latent", "map", "interpolation"
                                           // "style" (style mixing)
                                           // "translate" (image translation)
    SubView currentSubView() const;
    // As if the files were dropped onto the current view.
    void dropFiles(const QStringList &paths);

    bool hasModel() const { return mInfo.isValid(); }
    ExplorerInfo modelInfo() const { return mInfo; }
    ExplorationWorker *worker() const { return mWorker; }
    LatentPanel *latentPanel() const { return mLatent; }
    LatentMapView *mapView() const { return mMap; }
    InterpolationView *interpolationView() const { return mInterpolation; }
    StyleMixView *styleMixView() const { return mStyleMix; }
    StyleSpaceBar *styleSpaceBar() const { return mStyleSpace; }
    BookmarkStore *bookmarkStore() const { return mBookmarks; }
    TranslationView *translationView() const { return mTranslation; }
    QAction *importTorchScriptAction() const { return mImportAction; }
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
    void updateTranslationTabs(const ExplorerInfo &info);           // exploreview_translate.cpp
    void chooseViewAfterModel(const ExplorerInfo &info, QWidget *before);
    void updateStyleSpaceBar(); // for style models, on the latent views' tabs
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
    StyleMixView *mStyleMix;
    StyleSpaceBar *mStyleSpace;
    TranslationView *mTranslation;
    QPointer<QWidget> mWantedView; // asked for before the first model came
    QPushButton *mImportButton;
    QAction *mImportAction;
    QAction *mExploreAction;
    QTimer *mRefreshTimer;
    QTimer *mNoticeTimer;
};
