// diffusionview.h — the Diffusion view of the Explore tab, for models that
// denoise step by step (kIterative, e.g. DDPM). The timestep scrubber: a test
// image (its number, the dataset browser, an image file or a dropped picture)
// noised to t by the closed form q(x_t | x_0), beside a sample being denoised
// from the seed's x_T, each with the model's predicted clean image x̂₀ and
// predicted noise ε̂ at t; a slider over t with step back / play / step
// forward / replay (playing runs the reverse process, from noise to sample);
// the noise schedule (ᾱ_t and log SNR) with a cursor at t; and the sampler
// (DDPM or DDIM), steps, η, seed and image count. The sampler comparison: the
// same seed by DDPM with T steps and by DDIM with 10, 20 and 50 steps side by
// side, each with its wall time. For class-conditional models a class picker
// and the classifier-free guidance scale w (guidancebox.h) steer the reverse
// run and the comparison, and the same seed is drawn at w = 0, 1 and 3 in
// rows. New weights (training goes on, snapshots arrive) re-run what is shown.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; the schedule, the forward
// frame, the reverse run and the comparison run on the exploration thread as
// this view's own requests (purposes "schedule", "forward", "reverse",
// "compare", "guidance"; newest wins per purpose). Failure modes: a failed job is
// reported through the host's banner; what is shown stays.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QWidget>

#include <memory>

#include "core/explore/diffusion_explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class GuidanceBox;
class ImageView;
class SamplerComparison;
class SchedulePlot;
class UnavailableStack;

class DiffusionView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    explicit DiffusionView(ExplorationWorker *worker, QWidget *parent = nullptr);

    // Controls, as the widgets set them.
    void setTimestep(int t);             // the scrubber's t, 0 … T−1
    void setSampler(gs::DiffusionSamplerKind sampler, int steps, double eta = 0.0);
    void setSeed(int seed);
    void setCount(int count);            // images per run, 1 … 16
    void setTestIndex(int index);        // the forward process's test image
    void stepForward();                  // one recorded reverse step towards the sample
    void stepBack();
    void play();
    void pause();
    void replay();                       // from x_T again, playing
    void compare();                      // the sampler comparison (Compare samplers button)
    void requestGuidanceRows();          // the same seed at w = 0, 1, 3 (conditional models)

    // State, for tests and captions.
    int timestep() const;
    int timesteps() const { return mTimesteps; }
    bool isPlaying() const;
    bool isBusy() const;
    quint64 shownForward() const { return mShownForward; }
    quint64 shownReverse() const { return mShownReverse; }
    quint64 shownComparison() const { return mShownCompare; }
    quint64 shownGuidanceRows() const { return mShownRows; }
    GuidanceBox *guidanceBox() const { return mGuidanceBox; }
    const gs::DiffusionRun *run() const { return mRun.get(); }
    const gs::DiffusionForwardFrame &forwardFrame() const { return mForward; }
    int frameIndex() const { return mFrame; } // of the reverse frame shown (−1: none)
    SamplerComparison *comparison() const { return mComparison; }
    SchedulePlot *schedulePlot() const { return mSchedule; }
    QString unavailableText() const;

    // ExplorerView (diffusionview_explorer.cpp)
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    // Session files: the timestep scrubber, the sampler, its steps and η, the seed, the count and the test image (explore/controlstate.h; applied again when a model comes).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;
    void takeImage(const gs::Image &image, const QString &label) override;
    QWidget *widget() override { return this; }

protected:
    void showEvent(QShowEvent *event) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void forwardShown(quint64 ticket);
    void reverseShown(quint64 ticket);
    void comparisonShown(quint64 ticket);
    void guidanceRowsShown(quint64 ticket);

private:
    static Traits explorerTraits(); // diffusionview_explorer.cpp
    // diffusionview_jobs.cpp
    void requestEverything(bool fresh); // diffusionview_explorer.cpp
    void requestSchedule();
    void requestForward();
    void requestReverse();
    void requestComparison();
    void startComparison();   // a new model's first comparison
    void refreshComparison(); // on new weights, at most a fifth of the thread's time
    gs::DiffusionRunSettings settings() const;
    // diffusionview.cpp
    void buildLayout();
    void onTimestepChanged(int t);
    void showReverseFrame();
    void updateSamplerControls();
    void updatePlayButton();
    void clearShown();
    int nearestFrame(int t) const;
    void tick();

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    bool mCompareWanted = false;    // a comparison was asked for with these weights' model
    bool mPlayOnArrival = false;    // play the next reverse run when it arrives
    int mTimesteps = 0;
    quint64 mRequestedSchedule = 0, mShownSchedule = 0;
    quint64 mRequestedForward = 0, mShownForward = 0;
    quint64 mRequestedReverse = 0, mShownReverse = 0;
    quint64 mRequestedCompare = 0, mShownCompare = 0;
    quint64 mRequestedRows = 0, mShownRows = 0;
    gs::Image mSourceImage;         // a picked or dropped picture; empty: the test image
    QString mSourceLabel;
    gs::DiffusionForwardFrame mForward;
    std::shared_ptr<const gs::DiffusionRun> mRun;
    int mFrame = -1;
    QElapsedTimer mComparedAt;      // when the last comparison arrived
    double mCompareSeconds = 0;     // and how long it took

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    QSpinBox *mTestIndex;
    QToolButton *mPick;
    QLabel *mSource;
    QComboBox *mSampler;
    QSpinBox *mSteps;
    QDoubleSpinBox *mEta;
    QSpinBox *mSeed;
    QSpinBox *mCount;
    QPushButton *mNewSeed;
    QToolButton *mBack, *mPlay, *mForwardButton, *mReplay;
    QSlider *mSlider;
    QLabel *mStepCaption;
    ImageView *mFwdXt, *mFwdX0Hat, *mFwdEps, *mFwdX0;
    ImageView *mRevXt, *mRevX0Hat, *mRevEps, *mRevFinal;
    QLabel *mFwdCaption, *mRevCaption;
    SchedulePlot *mSchedule;
    QPushButton *mCompare;
    SamplerComparison *mComparison;
    GuidanceBox *mGuidanceBox;
    QTimer *mTimer;

    QList<QWidget *> sessionControls() const; // diffusionview_session.cpp
    ControlState mSessionControls;
};
