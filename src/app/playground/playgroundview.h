// playgroundview.h — the Playground tab: train a GAN (or any model that
// samples 2-D points) on toy data and watch it learn, GAN Lab style. The plot
// shows real and generated points, the discriminator's field as a heatmap, the
// generator manifold and the generator's gradient arrows (PlanePlot; for a
// flow the learned log-density next to the true one, and a slider over the
// flow's steps that pulls the latent grid back one step at a time; for a
// diffusion model a "Diffusion t" scrubber over its reverse process with the
// predicted score as arrows and trajectories from noise to data), or for
// 1-D data histograms against the true density and D(x) (DensityPlot); below
// it the quality metrics (modes covered, high-quality share, KL, JS) and the
// loss curves (LossPanel). On the right: presets, data (including a
// distribution drawn with the mouse), model, play/pause/reset, single steps of
// D only, G only or both, slow motion, live training parameters and model
// parameters whose change rebuilds the model after a confirmation.
//
// Sessions: the playground shares the studio's one TrainingController and its
// state machine. Play/Reset start sessions through TrainingRequests::
// startTrainingWith (config, …) and Continue through continueTrainingTo (both
// go through the Training dock's Steps target and the studio's questions);
// Pause/Resume/Stop/Step go to the controller, so the status bar, the Training
// dock and the menus always agree. The playground follows
// whatever session is current: a point session started from the Training dock
// is adopted (its settings fill the playground's form and the tab comes to the
// front); an image session only shows a note. Playground sessions are cheap,
// so changing data, model or preset restarts at once (keeping play/pause);
// an image session is never discarded without the studio's question.
//
// Live changes: the parameters the model's specs mark live (learning rates,
// the loss, the D:G step ratio) go to TrainingController::setLiveParam, which
// the Training dock's form follows; every other model parameter needs a new
// model. A refused change comes back as the worker's warning and is shown in
// the studio's banner.
//
// Ownership: owned by the main window's tab widget; borrows the controller and
// the requests of its TopViewContext (see shell/topview.h).
// Thread affinity: GUI thread; worker signals arrive queued. Views and metrics
// are kept newest-only and drawn by one 40 ms single-shot timer with queued
// replots, so a fast trainer never floods the window.
// Failure modes: invalid settings and core errors appear in the studio's
// message banner; a drawn distribution without points cannot be started
// (Play stays disabled and the plot says why).
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <memory>
#include <set>

#include "core/train/training_session.h"
#include "shell/topview.h"
#include "training/lossbuffer.h"
#include "training/sessionsummary.h"
#include "training/trainingcontroller.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class QToolButton;
class DensityPlot;
class DiffusionScrubber;
class FlowStepSlider;
class LossPanel;
class ParameterForm;
class PlanePlot;
class PlaygroundMetrics;
class TrainingRequests;

class PlaygroundView : public QWidget
{
    Q_OBJECT

public:
    using State = TrainingController::State;
    // The view toggles; each can be unavailable for a model or the data's dimension.
    enum class Toggle { Real, Fake, Field, Mesh, Arrows, Density, Trajectories };

    PlaygroundView(const TopViewContext &context, QWidget *parent = nullptr);
    ~PlaygroundView() override;

    // The form (what Play or Reset start).
    bool applyPreset(const QString &idOrDataset); // false for an unknown id
    QString presetId() const;                     // empty when edited by hand
    bool selectDataset(const QString &id);
    QString datasetId() const;
    bool selectModel(const QString &id);
    QString modelId() const;
    gs::SessionConfig sessionConfig() const;
    long targetSteps() const;
    void setTargetSteps(long steps);

    // The buttons.
    void play();          // start, resume or continue; pauses when running
    void reset();         // a new session with the form's settings
    void step(int part);  // while paused: 0 both, 1 D only, 2 G only
    void setSlowMotion(int milliseconds);

    // Whether the current session is the playground's kind (point data).
    bool followsSession() const { return mPointSession; }
    long viewStep() const { return mViewStep; } // step of the view on screen, -1 before one
    std::shared_ptr<const gs::PlaneView> currentView() const { return mView; } // on screen

    void setToggle(Toggle toggle, bool on);
    QCheckBox *toggleBox(Toggle toggle) const;
    PlanePlot *planePlot() const { return mPlanePlot; }
    DensityPlot *densityPlot() const { return mDensityPlot; }
    // Flows: the true density next to the learned one, and the slider over the flow's steps.
    PlanePlot *trueDensityPlot() const { return mTruePlot; }
    FlowStepSlider *flowStepSlider() const { return mFlowSlider; }
    // Diffusion models: the scrubber over the reverse process (noise → data) and its score arrows.
    DiffusionScrubber *diffusionScrubber() const { return mDiffusionScrubber; }
    LossPanel *lossPanel() const { return mLossPanel; }
    ParameterForm *liveForm() const { return mLiveForm; }
    ParameterForm *modelForm() const { return mModelForm; }

    // The default "Train until step", and how far Play goes on from a finished run.
    static constexpr long kStepChunk = 20000;

signals:
    void viewDrawn(qint64 step);                     // a new view is on screen
    void metricsShown(qint64 step, const QStringList &names); // the metric labels changed

private:
    // playgroundview.cpp: the plot area, the form, toggles and button states
    QWidget *createPlotArea();
    // playgroundview_controls.cpp: the controls on the right
    QWidget *createControls();
    QWidget *createSetupGroup();
    QWidget *createRunGroup();
    QWidget *createToggleGroup();
    void fillModelForms(const QString &modelId, const gs::ParamValues &values);
    void onPresetActivated(int index);
    void onDataChanged();
    void onModelChanged();
    void markCustom();
    void updateControls();
    void updateToggles();
    void updatePlaceholder();
    unsigned capabilities() const;
    bool isOneDimensional() const;
    bool isDrawnData() const; // the chosen data is drawn with the mouse (DatasetInfo::drawable)

    // playgroundview_session.cpp: sessions, worker signals, live changes
    void startSession(bool paused);
    void setupChanged();
    void onLiveParamEdited(const QString &key);
    void onModelParamEdited(const QString &key);
    void askRebuild();
    void onStateChanged(State state);
    void onSessionReady(const SessionSummary &summary);
    void onSessionClosed();
    void onPlaneReady(qint64 step, const std::shared_ptr<const gs::PlaneView> &view);
    void onMetricsReady(qint64 step, const QStringList &names, const QVector<double> &values);
    void onLossesDrained(const QStringList &names, const std::vector<LossPoint> &points);
    void drawFrame();
    void drawPlane(const gs::PlaneView &view); // the plane plot, the true density, the flow slider, the scrubber
    gs::PlaneView drawableView(const gs::PlaneView &view) const; // at the flow slider's or scrubber's position
    void sendPendingLiveChanges();

    TrainingController *mController;
    TrainingRequests *mRequests;
    std::function<void(QWidget *)> mBringToFront;

    // Form.
    QComboBox *mPresetCombo = nullptr;
    QLabel *mPresetDescription = nullptr;
    QComboBox *mDataCombo = nullptr;
    QComboBox *mModelCombo = nullptr;
    QSpinBox *mSeedSpin = nullptr;
    QWidget *mDrawRow = nullptr;
    QLabel *mDrawLabel = nullptr;
    ParameterForm *mLiveForm = nullptr;
    ParameterForm *mModelForm = nullptr;
    QString mFormModel; // whose specs the parameter forms show

    // Run.
    QPushButton *mPlayButton = nullptr;
    QPushButton *mResetButton = nullptr;
    QToolButton *mStepButtons[3] = {nullptr, nullptr, nullptr}; // both, D, G
    QSlider *mSlowSlider = nullptr;
    QLabel *mSlowLabel = nullptr;
    QSpinBox *mTargetSpin = nullptr;
    QCheckBox *mToggles[7] = {};

    // Plot area.
    QLabel *mCaption = nullptr;
    QStackedWidget *mPlots = nullptr;
    PlanePlot *mPlanePlot = nullptr;
    DensityPlot *mDensityPlot = nullptr;
    PlanePlot *mTruePlot = nullptr;
    FlowStepSlider *mFlowSlider = nullptr;
    DiffusionScrubber *mDiffusionScrubber = nullptr;
    PlaygroundMetrics *mMetrics = nullptr;
    LossPanel *mLossPanel = nullptr;

    // Session state.
    bool mHaveSession = false;
    bool mPointSession = false; // the current session is on point data
    SessionSummary mSession;
    bool mSetupDirty = true;    // the form differs from the session (data, model, seed, drawing)
    bool mSyncing = false;      // filling the form from a preset or a session
    bool mAdoptNext = true;     // the next session came from elsewhere: bring the tab forward
    std::set<std::string> mPendingLive; // live keys edited while idle, sent on Continue
    std::set<std::string> mPendingRebuild;
    QTimer *mRebuildTimer = nullptr;

    // Newest view and metrics, drawn by mFrameTimer.
    QTimer *mFrameTimer = nullptr;
    std::shared_ptr<const gs::PlaneView> mPendingView;
    qint64 mPendingViewStep = -1;
    qint64 mViewStep = -1;
    std::shared_ptr<const gs::PlaneView> mView;
    QStringList mMetricNames;
    QVector<double> mMetricValues;
    qint64 mMetricStep = -1;
    bool mMetricsDirty = false;
};
