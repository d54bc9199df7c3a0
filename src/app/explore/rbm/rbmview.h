// rbmview.h — the Gibbs view of the Explore tab, for energy models
// (kHasEnergy, e.g. the RBM): the learned weight filters as an image grid;
// Gibbs chains animated a few steps per frame (steps per frame as a control,
// play/pause, restart; playing by itself the first time the view is shown) from noise, from a test image, or completing a test
// image whose top half is clamped; and an annealed-importance-sampling
// estimate of the test log-likelihood (runs and temperatures as controls)
// with a progress bar, cancel and the result with its spread.
//
// The chain is a gs::GibbsChain value kept here and advanced by one job per
// frame, so it continues on the newest weights while training goes on.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; filters, frames and AIS run
// on the exploration thread as this view's requests (purposes "filters",
// "gibbs", "ais"; newest wins). AIS reports progress through an atomic the
// view polls, and cancelling sets a flag the job checks; while AIS runs the
// chain waits (one job at a time). Failure modes: a failed job is reported
// through the host's banner; what is shown stays.
#pragma once

#include <QImage>
#include <QWidget>

#include <atomic>
#include <memory>

#include "core/explore/rbm_explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class ImageView;
class UnavailableStack;

class RbmView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    enum class Start { Noise = 0, TestImage = 1, Completion = 2 };

    explicit RbmView(ExplorationWorker *worker, QWidget *parent = nullptr);
    ~RbmView() override;

    // Controls, as the widgets set them.
    void setStart(Start start);
    void setTestIndex(int index);
    void setChains(int count);        // 1–16
    void setStepsPerFrame(int steps); // 1–1000
    void setAisRuns(int runs);
    void setAisTemperatures(int temperatures);
    void restart();       // a new chain from the chosen start
    void play();
    void pause();
    void stepOnce();      // one frame while paused
    void startAis();
    void cancelAis();

    // State, for tests and captions.
    bool isPlaying() const { return mPlaying; }
    bool aisRunning() const { return mAisRunning; }
    long chainSteps() const { return mChain.steps; }
    const gs::GibbsChain &chain() const { return mChain; }
    QImage chainImage() const;
    QImage filterImage() const;
    const gs::RbmAisSummary &aisResult() const { return mAis; }
    QString aisText() const;
    int aisProgressValue() const; // 0–1000

    // ExplorerView (rbmview_explorer.cpp)
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    QWidget *widget() override { return this; }
    QString dropRefusal(const ExplorerInfo &info, const QString &label) const override;

    // Session files (rbmview_session.cpp): the start, the test image, the
    // number of chains, steps per frame, and the AIS runs and temperatures
    // (explore/controlstate.h; applied at once and again when a model comes and
    // when the first frame gives the test image its range). The chain itself is
    // not kept: it starts again from the restored start.
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void frameShown(long steps);
    void filtersShown();
    void aisFinished(bool cancelled);

private:
    struct AisControl
    {
        std::atomic<int> permille{0};
        std::atomic<bool> cancel{false};
    };

    static Traits explorerTraits(); // rbmview_explorer.cpp
    void requestFilters();
    void requestFrame(bool restart);
    void tick();
    void updateButtons();
    void autoPlay();
    QList<QWidget *> sessionControls() const; // rbmview_session.cpp

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    gs::GibbsChain mChain;
    bool mPlaying = false;
    bool mAutoPlayed = false;
    bool mFramePending = false;
    bool mFiltersStale = false;
    bool mAisRunning = false;
    quint64 mRequestedFrame = 0, mRequestedFilters = 0, mRequestedAis = 0;
    unsigned long mSeed = 1;
    gs::RbmAisSummary mAis;
    std::shared_ptr<AisControl> mAisControl;

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    QComboBox *mStart;
    QSpinBox *mTestIndex;
    QSpinBox *mChains;
    QSpinBox *mStepsPerFrame;
    QPushButton *mRestart;
    QPushButton *mPlay;
    QPushButton *mStep;
    QLabel *mStepCaption;
    ImageView *mChainView;
    ImageView *mFilters;
    QLabel *mFilterCaption;
    QSpinBox *mAisRuns;
    QSpinBox *mAisTemperatures;
    QPushButton *mAisButton;
    QPushButton *mAisCancel;
    QProgressBar *mAisProgress;
    QLabel *mAisResult;
    QTimer *mFrameTimer;
    QTimer *mAisPoll;
    ControlState mSessionControls;
};
