// exploreview.h — the Explore tab: explore what a model learned while it keeps
// training, or any checkpoint file or imported TorchScript module. The tab's
// views (explorerviews.cpp: Latent, Map, Interpolation, Style mix, Translate,
// Samples, …) are plug-ins (explorerview.h) sharing one exploration thread; the
// tab knows none of them: its tabs, their tooltips, which are enabled for a
// model, --explore-view names and the dispatch of dropped pictures all come
// from the list. A source bar says which model is explored (a live copy of the
// training session, refreshed every 2 s while training and the tab is shown,
// and when a run ends; or a file), a banner shows what went wrong, and pictures,
// checkpoints or TorchScript modules can be dropped anywhere on the tab. For
// style-based generators a bar above the views that ask for it (StyleSpaceBar)
// switches them between z and w and sets their truncation ψ.
//
// Ownership: owns the ExplorationWorker, the QThread it lives on (joined in the
// destructor: requestInterruption, quit, wait), the BookmarkStore and the views
// (through its widget tree); borrows the TrainingController (setTrainingController),
// whose model it never touches: it only asks for snapshots
// (TrainingController::requestSnapshot) that the trainer copies
// (exploreview_training.cpp holds everything that talks to the controller).
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

#include <vector>

#include "explore/explorationworker.h"
#include "explore/explorerview.h"

class QAction;
class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;
class BookmarkStore;
class MessageBanner;
class StyleSpaceBar;
class TrainingController;

class ExploreView : public QWidget, public ExplorerHost
{
    Q_OBJECT

public:
    static constexpr int kRefreshMs = 2000; // while training and shown

    explicit ExploreView(QWidget *parent = nullptr);
    ~ExploreView() override;

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

    // --- The training session (exploreview_training.cpp) ---
    void setTrainingController(TrainingController *controller);
    void refreshFromTraining(); // asks the trainer for a copy now
    int snapshotsRequested() const { return mSnapshotsRequested; }
    QString trainingRunFolder() const override; // ExplorerHost

    // --- Views (exploreview_navigation.cpp) ---
    // By id or alias (explorerViewIds()); false for an unknown name. A view the
    // model cannot use is not shown; before the first model it is chosen for
    // when it comes.
    bool showSubView(const QString &name) override;
    QString currentViewId() const;
    ExplorerView *explorerView(const QString &id) const override;
    template<typename View> View *view(const QString &id) const
    {
        return dynamic_cast<View *>(explorerView(id));
    }
    // As if the files were dropped onto the current view.
    void dropFiles(const QStringList &paths) override;

    bool hasModel() const { return mInfo.isValid(); }
    ExplorerInfo modelInfo() const override { return mInfo; }
    ExplorationWorker *worker() const override { return mWorker; }
    BookmarkStore *bookmarkStore() const override { return mBookmarks; }
    StyleSpaceBar *styleSpaceBar() const { return mStyleSpace; }
    QAction *importTorchScriptAction() const { return mImportAction; }
    MessageBanner *messageBanner() const { return mBanner; }
    QAction *exploreCheckpointAction() const { return mExploreAction; }

    void showError(const QString &message) override;
    void showNotice(const QString &message) override;
    void chooseCheckpoint() override;

signals:
    void modelChanged(const ExplorerInfo &info);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onModelReady(const ExplorerInfo &info);
    void onModelFailed(const QString &message);
    // Stops following training and shows "Opening …" until the file is read.
    // `missingText` has %1 for the path; `keepPendingFollow` keeps the follow
    // state saved by a file still opening.
    bool beginOpening(const QString &path, const QString &missingText, bool keepPendingFollow);
    void addViews();                                               // exploreview_navigation.cpp
    void updateTabs(const ExplorerInfo &info);                     // exploreview_navigation.cpp
    bool anyViewAvailable(const ExplorerInfo &info) const;
    void chooseViewAfterModel(const ExplorerInfo &info, QWidget *before);
    void updateStyleSpaceBar(); // for style models, on the views that ask for it
    ExplorerView *currentView() const;
    void updateSourceText();
    void raiseTab();

    QThread mThread;
    ExplorationWorker *mWorker;
    BookmarkStore *mBookmarks;
    ExplorerInfo mInfo;
    bool mFollowBeforeOpen = true;
    QString mOpening; // the file being opened

    // The training session (exploreview_training.cpp).
    bool hasTrainingController() const;
    void onRunStarted();
    void onRunEnded();
    void requestSnapshot(bool force);
    QPointer<TrainingController> mTrainingController;
    bool mTraining = false;   // a run is going
    bool mHasSession = false; // the training controller has a session
    bool mStale = false;      // the session changed while the tab was hidden
    QElapsedTimer mLastRequest;
    bool mAwaitingSnapshot = false;
    int mSnapshotsRequested = 0;
    QTimer *mRefreshTimer;

    MessageBanner *mBanner;
    QLabel *mSource;
    QLabel *mNotice;
    QCheckBox *mFollow;
    QToolButton *mRefresh;
    QPushButton *mOpenButton;
    QStackedWidget *mStack;
    QLabel *mPlaceholder;
    QTabWidget *mTabs;
    std::vector<ExplorerView *> mViews; // in tab order; their widgets are mTabs' pages
    StyleSpaceBar *mStyleSpace;
    QPointer<QWidget> mWantedView; // asked for before the first model came
    QPushButton *mImportButton;
    QAction *mImportAction;
    QAction *mExploreAction;
    QTimer *mNoticeTimer;
};
