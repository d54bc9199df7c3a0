// PlaygroundView, layout and form: the plot area, presets, data and model
// pickers, the view toggles and the state of the buttons and the plot's
// placeholder. The controls are built in playgroundview_controls.cpp, sessions
// and the worker's signals handled in playgroundview_session.cpp; see
// playgroundview.h.
#include "playground/playgroundview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

#include "core/model/model_catalog.h"
#include "core/model/model_defaults.h"
#include "playground/densityplot.h"
#include "playground/diffusionscrubber.h"
#include "playground/flowstepslider.h"
#include "playground/planeplot.h"
#include <qcustomplot.h>
#include "training/losspanel.h"
#include "widgets/comboboxdata.h"
#include "widgets/parameterform.h"
#include "playground/playgroundmetrics.h"
#include "playground/playgroundpresets.h"

namespace {

constexpr int kFrameMs = 40;          // redraw coalescing
constexpr int kRebuildDelayMs = 350;  // let spin box clicks settle before asking

} // namespace

PlaygroundView::PlaygroundView(const TopViewContext &context, QWidget *parent)
    : QWidget(parent)
    , mController(context.controller)
    , mRequests(context.requests)
    , mBringToFront(context.bringToFront)
{
    setObjectName(QStringLiteral("playgroundView"));
    mFrameTimer = new QTimer(this);
    mFrameTimer->setSingleShot(true);
    mFrameTimer->setInterval(kFrameMs);
    connect(mFrameTimer, &QTimer::timeout, this, &PlaygroundView::drawFrame);
    mRebuildTimer = new QTimer(this);
    mRebuildTimer->setSingleShot(true);
    mRebuildTimer->setInterval(kRebuildDelayMs);
    connect(mRebuildTimer, &QTimer::timeout, this, &PlaygroundView::askRebuild);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("playgroundSplitter"));
    splitter->addWidget(createPlotArea());
    splitter->addWidget(createControls());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter);

    TrainingController *controller = mController;
    connect(controller, &TrainingController::stateChanged, this, &PlaygroundView::onStateChanged);
    connect(controller, &TrainingController::lossesDrained, this,
            &PlaygroundView::onLossesDrained);
    connect(controller, &TrainingController::sessionReady, this, &PlaygroundView::onSessionReady);
    connect(controller, &TrainingController::sessionClosed, this,
            &PlaygroundView::onSessionClosed);
    connect(controller, &TrainingController::planeReady, this, &PlaygroundView::onPlaneReady);
    connect(controller, &TrainingController::metricsReady, this, &PlaygroundView::onMetricsReady);
    connect(mPlanePlot, &PlanePlot::drawingChanged, this, [this](int count) {
        mDrawLabel->setText(count == 0 ? tr("Click and drag on the plot to draw.")
                                       : tr("%n point(s) drawn · right-drag erases", "", count));
        if (!mSyncing) {
            mSetupDirty = true;
            markCustom();
        }
        updateControls();
        updatePlaceholder();
    });

    applyPreset(playgroundPresets().first().id);
    controller->setStepDelay(mSlowSlider->value());
    updateControls();
}

PlaygroundView::~PlaygroundView() = default;

QWidget *PlaygroundView::createPlotArea()
{
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    mCaption = new QLabel(top);
    mCaption->setObjectName(QStringLiteral("playgroundCaption"));
    mCaption->setTextFormat(Qt::RichText);
    topLayout->addWidget(mCaption);

    mPlots = new QStackedWidget(top);
    auto *planePage = new QWidget(mPlots);
    auto *planeLayout = new QHBoxLayout(planePage);
    planeLayout->setContentsMargins(0, 0, 0, 0);
    mPlanePlot = new PlanePlot(planePage);
    // Models with a density (flows): the true density on the same grid, beside it.
    mTruePlot = new PlanePlot(planePage);
    mTruePlot->setObjectName(QStringLiteral("trueDensityPlot"));
    mTruePlot->plot()->setObjectName(QStringLiteral("trueDensityPlotArea"));
    mTruePlot->setToolTip(tr("The true density of the data (a histogram of fresh draws, smoothed), on "
                             "the same grid and log scale as the model's density on the left."));
    mTruePlot->setVisible(false);
    planeLayout->addWidget(mPlanePlot, 3);
    planeLayout->addWidget(mTruePlot, 2);
    mDensityPlot = new DensityPlot(mPlots);
    mPlots->addWidget(planePage);
    mPlots->addWidget(mDensityPlot);
    topLayout->addWidget(mPlots, 1);
    mFlowSlider = new FlowStepSlider(top);
    connect(mFlowSlider, &FlowStepSlider::changed, this, [this] {
        if (mView && mView->dims == 2)
            mPlanePlot->setView(mFlowSlider->viewAt(*mView));
    });
    topLayout->addWidget(mFlowSlider);
    mDiffusionScrubber = new DiffusionScrubber(top);
    connect(mDiffusionScrubber, &DiffusionScrubber::changed, this, [this] {
        if (mView && mView->dims == 2)
            mPlanePlot->setView(mDiffusionScrubber->viewAt(*mView));
    });
    topLayout->addWidget(mDiffusionScrubber);

    mMetrics = new PlaygroundMetrics(top);
    topLayout->addWidget(mMetrics);

    mLossPanel = new LossPanel(this);
    mLossPanel->setObjectName(QStringLiteral("playgroundLosses"));
    mLossPanel->setLogScale(false); // GAN losses, D(x) and a zero penalty share the axis
    mLossPanel->setSmoothing(0.8);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("playgroundPlotSplitter"));
    split->addWidget(top);
    split->addWidget(mLossPanel);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({700, 220});
    return split;
}

void PlaygroundView::fillModelForms(const QString &modelId, const gs::ParamValues &values)
{
    const gs::ModelInfo *info = gs::find_model(modelId.toStdString());
    std::vector<gs::ParamSpec> live, rebuild;
    if (info) {
        // Every playground dataset is points: the forms start from the points defaults.
        for (const gs::ParamSpec &spec : gs::params_for(*info, gs::DataKind::Points))
            (spec.live ? live : rebuild).push_back(spec);
    }
    if (modelId != mFormModel) {
        mLiveForm->setSpecs(live);
        mModelForm->setSpecs(rebuild);
        mFormModel = modelId;
    } else {
        mLiveForm->resetToDefaults();
        mModelForm->resetToDefaults();
    }
    mLiveForm->setValues(values);
    mModelForm->setValues(values);
}

bool PlaygroundView::applyPreset(const QString &idOrDataset)
{
    const PlaygroundPreset *preset = findPlaygroundPreset(idOrDataset);
    if (!preset)
        return false;
    mPresetCombo->setCurrentIndex(mPresetCombo->findData(preset->id));
    onPresetActivated(mPresetCombo->currentIndex());
    return true;
}

void PlaygroundView::onPresetActivated(int index)
{
    const PlaygroundPreset *preset = findPlaygroundPreset(mPresetCombo->itemData(index).toString());
    if (!preset)
        return;
    mSyncing = true;
    mDataCombo->setCurrentIndex(mDataCombo->findData(preset->datasetId));
    mModelCombo->setCurrentIndex(mModelCombo->findData(preset->modelId));
    fillModelForms(preset->modelId, preset->params);
    mPresetDescription->setText(preset->description);
    mSyncing = false;
    setupChanged();
}

void PlaygroundView::onDataChanged()
{
    markCustom();
    setupChanged();
}

void PlaygroundView::onModelChanged()
{
    // A model's playground defaults: those of its first preset, if it has one.
    gs::ParamValues values;
    for (const PlaygroundPreset &preset : playgroundPresets()) {
        if (preset.modelId == modelId()) {
            values = preset.params;
            break;
        }
    }
    mSyncing = true;
    fillModelForms(modelId(), values);
    mSyncing = false;
    markCustom();
    setupChanged();
}

void PlaygroundView::markCustom()
{
    if (mSyncing)
        return;
    mPresetCombo->setCurrentIndex(mPresetCombo->count() - 1);
    mPresetDescription->setText(tr("Settings changed by hand. Pick a preset to start from a "
                                   "known lesson."));
}

QString PlaygroundView::presetId() const
{
    return mPresetCombo->currentData().toString();
}

bool PlaygroundView::selectDataset(const QString &id)
{
    if (!selectComboData(mDataCombo, id))
        return false;
    onDataChanged();
    return true;
}

QString PlaygroundView::datasetId() const
{
    return mDataCombo->currentData().toString();
}

bool PlaygroundView::selectModel(const QString &id)
{
    if (!selectComboData(mModelCombo, id))
        return false;
    onModelChanged();
    return true;
}

QString PlaygroundView::modelId() const
{
    return mModelCombo->currentData().toString();
}

long PlaygroundView::targetSteps() const
{
    return mTargetSpin->value();
}

void PlaygroundView::setTargetSteps(long steps)
{
    mTargetSpin->setValue(int(std::clamp<long>(steps, 1L, long(INT_MAX))));
}

bool PlaygroundView::isDrawnData() const
{
    const gs::DatasetInfo *data = gs::find_dataset(datasetId().toStdString());
    return data && data->drawable;
}

gs::SessionConfig PlaygroundView::sessionConfig() const
{
    gs::SessionConfig config;
    config.model_id = modelId().toStdString();
    config.params = mModelForm->values();
    for (const auto &[key, value] : mLiveForm->values())
        config.params[key] = value;
    config.dataset.id = datasetId().toStdString();
    if (const gs::DatasetInfo *data = gs::find_dataset(config.dataset.id); data && data->drawable)
        config.dataset.drawn_points = mPlanePlot->drawnPoints();
    config.seed = (unsigned long)mSeedSpin->value();
    return config;
}

unsigned PlaygroundView::capabilities() const
{
    if (mHaveSession && mPointSession && !mSetupDirty)
        return mSession.capabilities;
    const gs::ModelInfo *info = gs::find_model(modelId().toStdString());
    return info ? info->capabilities : 0u;
}

bool PlaygroundView::isOneDimensional() const
{
    // The catalog does not give a dataset's dimension; its description starts
    // with it ("1-D: …", "2-D: …").
    const gs::DatasetInfo *info = gs::find_dataset(datasetId().toStdString());
    return info && QString::fromStdString(info->description).startsWith(QLatin1String("1-D"));
}

QCheckBox *PlaygroundView::toggleBox(Toggle toggle) const
{
    return mToggles[int(toggle)];
}

void PlaygroundView::setToggle(Toggle toggle, bool on)
{
    mToggles[int(toggle)]->setChecked(on);
}

void PlaygroundView::updateToggles()
{
    const unsigned caps = capabilities();
    const bool oneD = isOneDimensional();
    const gs::ModelInfo *info = gs::find_model(modelId().toStdString());
    const QString model = info ? QString::fromStdString(info->name) : tr("This model");
    struct Availability
    {
        bool shown, enabled;
        QString tip;
    };
    const Availability available[7] = {
        {true, true, tr("A fixed sample of the training data.")},
        {true, bool(caps & gs::kCanSample),
         tr("1,000 points generated from a fixed batch of latent vectors, so you watch the "
            "same points move.")},
        {true, bool(caps & gs::kCanScore),
         (caps & gs::kCanScore)
             ? tr("The discriminator's (or critic's) output over the plane: green where it "
                  "says \"real\", purple where it says \"fake\", white where it cannot tell.")
             : tr("%1 has no discriminator, critic or density to draw over the plane.")
                   .arg(model)},
        {!oneD, (caps & gs::kCanDecode) && !(caps & gs::kIterative),
         tr("A 21×21 grid of latent vectors (the first two latent dimensions over ±2.5σ) "
            "pushed through the generator: how it folds its latent plane onto the data.")},
        {!oneD, ((caps & gs::kAdversarial) && (caps & gs::kCanScore)) || (caps & gs::kIterative),
         (caps & gs::kIterative)
             ? tr("The denoising direction at the scrubbed t on a 12×12 grid: the model's "
                  "predicted score −ε̂/√(1−ᾱ_t), pointing to where the noisy points are pushed; "
                  "longer arrows, stronger pull.")
         : (caps & gs::kAdversarial)
             ? tr("The direction the generator's loss pushes each generated point (−∂L_G/∂x), "
                  "on a quarter of the points; longer arrows, stronger push.")
             : tr("%1 is not adversarial: no discriminator pushes its samples, so there are no "
                  "arrows.")
                   .arg(model)},
        {oneD, true, tr("The density the data is drawn from, where it is known.")},
        {!oneD, bool(caps & gs::kIterative),
         (caps & gs::kIterative)
             ? tr("A dozen of the generated points followed along the reverse process, from "
                  "Gaussian noise to the finished sample.")
             : tr("%1 does not denoise step by step: its samples have no trajectories.").arg(model)},
    };
    // A flow's field is its log-density, not a discriminator's opinion.
    const bool density = caps & gs::kCanLogProb;
    mToggles[int(Toggle::Field)]->setText(oneD ? (density ? tr("Log-density curve") : tr("Discriminator D(x) curve"))
                                               : (density ? tr("Log-density heatmap") : tr("Discriminator heatmap")));
    // A flow's mesh is the latent grid carried through the inverse flow, not a generator's manifold.
    mToggles[int(Toggle::Mesh)]->setText((caps & gs::kInvertible) ? tr("Latent grid through the flow")
                                                                  : tr("Generator manifold"));
    mToggles[int(Toggle::Arrows)]->setText((caps & gs::kIterative) ? tr("Denoising arrows (predicted score)")
                                                                    : tr("Gradient arrows (where G is pushed)"));
    for (int i = 0; i < 7; ++i) {
        mToggles[i]->setVisible(available[i].shown);
        mToggles[i]->setEnabled(available[i].enabled);
        mToggles[i]->setToolTip(available[i].tip);
    }
    auto on = [this](Toggle t) { return mToggles[int(t)]->isChecked() && mToggles[int(t)]->isEnabled(); };
    mPlanePlot->setLayerVisible(PlanePlot::Layer::Real, on(Toggle::Real));
    mPlanePlot->setLayerVisible(PlanePlot::Layer::Fake, on(Toggle::Fake));
    mPlanePlot->setLayerVisible(PlanePlot::Layer::Field, on(Toggle::Field));
    mPlanePlot->setLayerVisible(PlanePlot::Layer::Mesh, on(Toggle::Mesh));
    mPlanePlot->setLayerVisible(PlanePlot::Layer::Arrows, on(Toggle::Arrows));
    mPlanePlot->setLayerVisible(PlanePlot::Layer::Trajectories, on(Toggle::Trajectories));
    mDensityPlot->setLayerVisible(DensityPlot::Layer::Real, on(Toggle::Real));
    mDensityPlot->setLayerVisible(DensityPlot::Layer::Fake, on(Toggle::Fake));
    mDensityPlot->setLayerVisible(DensityPlot::Layer::Field, on(Toggle::Field));
    mDensityPlot->setLayerVisible(DensityPlot::Layer::Density, on(Toggle::Density));
}

void PlaygroundView::updateControls()
{
    if (!mPlayButton)
        return;
    const State state = mController->state();
    const bool ours = mHaveSession && mPointSession && !mSetupDirty;
    const bool busy = state == State::Busy || state == State::Stopping;
    const bool running = ours && state == State::Running;
    const bool paused = ours && state == State::Paused;
    const bool drawn = isDrawnData();
    const bool canStart = !drawn || !mPlanePlot->drawnPoints().empty();

    mPlayButton->setText(running ? tr("Pause") : tr("Play"));
    mPlayButton->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause
                                                       : QStyle::SP_MediaPlay));
    mPlayButton->setToolTip(running ? tr("Pause after the current step; then step through it.")
                            : paused ? tr("Resume training.")
                            : ours   ? tr("Train on from step %L1.").arg(mController->step())
                                     : tr("Start training with the settings above."));
    mPlayButton->setEnabled(mController->worker() && !busy && (running || paused || canStart));
    mResetButton->setEnabled(mController->worker() && !busy && canStart);
    const bool adversarial = capabilities() & gs::kAdversarial;
    mStepButtons[0]->setEnabled(paused);
    mStepButtons[1]->setEnabled(paused && adversarial);
    mStepButtons[2]->setEnabled(paused && adversarial);
    const QString notAdversarial = tr("Only adversarial models train D and G separately.");
    mStepButtons[1]->setToolTip(
        adversarial ? tr("While paused: one step of the discriminator only; watch the heatmap "
                         "move while the points stay.")
                    : notAdversarial);
    mStepButtons[2]->setToolTip(
        adversarial ? tr("While paused: one step of the generator only; the points follow the "
                         "arrows.")
                    : notAdversarial);

    mDrawRow->setVisible(drawn);
    const bool trainingHere = mHaveSession && mPointSession
                              && (state == State::Running
                                  || state == State::Paused || busy);
    mPlanePlot->setDrawingEnabled(drawn && !trainingHere);
    if (drawn && !trainingHere)
        mPlots->setCurrentWidget(mPlanePlot->parentWidget());
}

void PlaygroundView::updatePlaceholder()
{
    const gs::DatasetInfo *data = gs::find_dataset(datasetId().toStdString());
    const gs::ModelInfo *model = gs::find_model(modelId().toStdString());
    const QString dataName = data ? QString::fromStdString(data->name) : datasetId();
    const QString modelName = model ? QString::fromStdString(model->name) : modelId();
    const State state = mController->state();
    const bool ours = mHaveSession && mPointSession && !mSetupDirty;

    QString hint;
    if (isDrawnData() && mPlanePlot->isDrawingEnabled()) {
        hint = mPlanePlot->drawnPoints().empty()
                   ? tr("Click and drag to draw where the data should be\n(right button erases), "
                        "then press Play.")
                   : QString();
    } else if (!ours && mHaveSession && !mPointSession
               && (state == State::Running || state == State::Paused)) {
        hint = tr("The Training tab is training on images.\nPlay stops it (after asking) and "
                  "starts the playground.");
    } else if (!ours && state != State::Busy) {
        hint = tr("Press Play to train %1\non %2.").arg(modelName, dataName);
    } else if (ours && mViewStep < 0) {
        hint = tr("Starting…");
    }
    if (!hint.isEmpty() || !ours) {
        mPlanePlot->clearView(hint);
        mTruePlot->setVisible(false);
        mFlowSlider->setVisible(false);
        mDiffusionScrubber->clear();
        mDensityPlot->clearView(hint);
        mViewStep = ours ? mViewStep : -1;
        if (!ours)
            mView.reset();
        if (!ours)
            mPlots->setCurrentWidget(isOneDimensional() ? static_cast<QWidget *>(mDensityPlot)
                                                        : mPlanePlot->parentWidget());
    }

    QString status;
    switch (state) {
    case State::Running: status = ours ? tr("training") : QString(); break;
    case State::Paused: status = ours ? tr("paused: step D, G or both") : QString(); break;
    case State::Busy: status = tr("building the model…"); break;
    case State::Stopping: status = tr("stopping…"); break;
    default: break;
    }
    QString caption = tr("<b>%1</b> on <b>%2</b>").arg(modelName.toHtmlEscaped(),
                                                       dataName.toHtmlEscaped());
    if (ours && mViewStep >= 0)
        caption = tr("<b>Step %L1</b> · %2").arg(mViewStep).arg(caption);
    if (!status.isEmpty())
        caption += QStringLiteral(" · <i>%1</i>").arg(status);
    mCaption->setText(caption);
}
