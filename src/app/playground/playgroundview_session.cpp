// PlaygroundView, sessions: play/pause/reset/step through the controller, live and
// rebuilding parameter changes, the worker's signals and the coalesced
// redraw. See playgroundview.h for the rules.
#include "playground/playgroundview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>

#include <cmath>

#include "core/model/model_catalog.h"
#include "playground/densityplot.h"
#include "playground/diffusionscrubber.h"
#include "training/losspanel.h"
#include "widgets/parameterform.h"
#include "playground/flowstepslider.h"
#include "playground/planeplot.h"
#include "playground/playgroundmetrics.h"
#include "training/trainingrequests.h"

namespace {

bool isPointDataset(const std::string &id)
{
    const gs::DatasetInfo *info = gs::find_dataset(id);
    return info && info->points;
}

QString paramLabel(const std::string &modelId, const std::string &key)
{
    if (const gs::ModelInfo *info = gs::find_model(modelId)) {
        for (const gs::ParamSpec &spec : info->params) {
            if (spec.key == key)
                return QString::fromStdString(spec.label);
        }
    }
    return QString::fromStdString(key);
}

} // namespace

void PlaygroundView::play()
{
    const bool ours = mHaveSession && mPointSession && !mSetupDirty;
    switch (mController->state()) {
    case State::Running:
        if (ours)
            mController->pause();
        else
            startSession(false);
        break;
    case State::Paused:
        if (ours)
            mController->resume();
        else
            startSession(false);
        break;
    case State::Ready:
        if (ours) {
            sendPendingLiveChanges();
            if (mController->step() >= targetSteps())
                setTargetSteps(mController->step() + kStepChunk);
            mRequests->continueTrainingTo(targetSteps());
        } else {
            startSession(false);
        }
        break;
    case State::NoSession:
        startSession(false);
        break;
    case State::Busy:
    case State::Stopping:
        break;
    }
}

void PlaygroundView::reset()
{
    startSession(mController->state() != State::Running);
}

void PlaygroundView::step(int part)
{
    if (!mPointSession || mController->state() != State::Paused)
        return;
    mController->stepOnce(part);
}

void PlaygroundView::setSlowMotion(int milliseconds)
{
    if (mSlowSlider->value() != milliseconds)
        mSlowSlider->setValue(milliseconds); // comes back here through valueChanged
    mSlowLabel->setText(milliseconds == 0 ? tr("off") : tr("%1 ms/step").arg(milliseconds));
    // Never slow down an image session of the Training tab.
    if (!mHaveSession || mPointSession)
        mController->setStepDelay(milliseconds);
}

void PlaygroundView::startSession(bool paused)
{
    if (isDrawnData() && mPlanePlot->drawnPoints().empty()) {
        updatePlaceholder();
        return;
    }
    mPendingLive.clear();
    mPendingRebuild.clear();
    mRebuildTimer->stop();
    // Playground sessions are quick to redo; an image session is asked about.
    const bool ask = mHaveSession && !mPointSession;
    mRequests->startTrainingWith(sessionConfig(), targetSteps(), paused, ask);
}

void PlaygroundView::setupChanged()
{
    mSetupDirty = true;
    updateToggles();
    updateControls();
    if (mHaveSession && mPointSession) {
        const State state = mController->state();
        const bool drawnEmpty = isDrawnData() && mPlanePlot->drawnPoints().empty();
        if (state == State::Running || state == State::Paused) {
            if (drawnEmpty)
                mController->stop(); // draw first; Play trains on the drawing
            else
                startSession(state == State::Paused); // keeps running or paused
        }
    }
    updatePlaceholder();
}

void PlaygroundView::onLiveParamEdited(const QString &key)
{
    if (mSyncing)
        return;
    markCustom();
    const gs::ParamValues values = mLiveForm->values();
    const auto it = values.find(key.toStdString());
    if (it == values.end() || !mController->worker() || !mHaveSession || !mPointSession
        || mSetupDirty)
        return;
    const State state = mController->state();
    if (state == State::Running || state == State::Paused) {
        mPendingLive.insert(it->first);
        sendPendingLiveChanges();
    } else if (state == State::Ready) {
        mPendingLive.insert(it->first); // sent when Play continues this session
    }
}

void PlaygroundView::sendPendingLiveChanges()
{
    if (!mController->worker())
        return;
    const gs::ParamValues values = mLiveForm->values();
    for (const std::string &key : mPendingLive) {
        const auto it = values.find(key);
        if (it == values.end())
            continue;
        // The learning rate by its role, the others as live parameters; the
        // Training dock's form follows through liveParamChanged.
        mController->setLiveParam(key, it->second);
        mSession.config.params[key] = it->second;
    }
    mPendingLive.clear();
}

void PlaygroundView::onModelParamEdited(const QString &key)
{
    if (mSyncing)
        return;
    markCustom();
    if (!mHaveSession || !mPointSession || mSetupDirty) {
        setupChanged();
        return;
    }
    const std::string k = key.toStdString();
    const gs::ParamValues values = mModelForm->values();
    const auto now = values.find(k);
    const auto before = mSession.config.params.find(k);
    if (now != values.end() && before != mSession.config.params.end() && now->second == before->second)
        mPendingRebuild.erase(k);
    else
        mPendingRebuild.insert(k);
    if (!mPendingRebuild.empty())
        mRebuildTimer->start(); // ask once the clicks have settled
}

void PlaygroundView::askRebuild()
{
    if (QApplication::mouseButtons() != Qt::NoButton) {
        mRebuildTimer->start(); // an arrow of a spin box is still held
        return;
    }
    if (mPendingRebuild.empty())
        return;
    if (!mHaveSession || !mPointSession) {
        mPendingRebuild.clear();
        setupChanged();
        return;
    }
    const State state = mController->state();
    const long steps = mController->step();
    if (steps > 0) {
        QStringList changes;
        const gs::ParamValues values = mModelForm->values();
        for (const std::string &key : mPendingRebuild) {
            const auto before = mSession.config.params.find(key);
            changes << tr("%1: %2 → %3")
                           .arg(paramLabel(mSession.config.model_id, key),
                                before != mSession.config.params.end()
                                    ? QString::fromStdString(before->second)
                                    : QStringLiteral("?"),
                                QString::fromStdString(values.count(key) ? values.at(key) : ""))
                           .toHtmlEscaped();
        }
        QMessageBox box(QMessageBox::Question, tr("Rebuild the model?"),
                        tr("<p>%1</p><p>This needs a new model: training starts over from step 0 "
                           "and the %L2 steps trained so far are discarded.</p>")
                            .arg(changes.join(QStringLiteral("<br>")))
                            .arg(steps),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("rebuildBox"));
        box.setTextFormat(Qt::RichText);
        QPushButton *rebuild = box.addButton(tr("Rebuild"), QMessageBox::AcceptRole);
        rebuild->setObjectName(QStringLiteral("rebuildButton"));
        box.setDefaultButton(rebuild);
        box.exec();
        if (box.clickedButton() != rebuild) {
            gs::ParamValues revert;
            for (const std::string &key : mPendingRebuild) {
                if (mSession.config.params.count(key))
                    revert[key] = mSession.config.params.at(key);
            }
            mPendingRebuild.clear();
            mSyncing = true;
            mModelForm->setValues(revert);
            mSyncing = false;
            return;
        }
    }
    mPendingRebuild.clear();
    if (state == State::Busy || state == State::Stopping) {
        mSetupDirty = true;
        updateControls();
        return;
    }
    startSession(state != State::Running);
}

void PlaygroundView::onStateChanged(State)
{
    updateControls();
    updatePlaceholder();
}

void PlaygroundView::onSessionReady(const SessionSummary &summary)
{
    mHaveSession = true;
    mSession = summary;
    mPointSession = isPointDataset(summary.config.dataset.id);
    mPendingView.reset();
    mView.reset();
    mViewStep = -1;
    mMetricNames.clear();
    mMetricValues.clear();
    mMetricStep = -1;
    mMetricsDirty = false;
    mMetrics->clear();
    if (!mPointSession) {
        mController->setStepDelay(0);
        mSetupDirty = true;
        updateControls();
        updatePlaceholder();
        return;
    }
    mController->setStepDelay(mSlowSlider->value());

    // The session is what the form shows from now on (it may come from the
    // Training dock); a preset stays selected while it still describes it.
    const gs::SessionConfig &config = summary.config;
    const QString preset = presetId();
    mSyncing = true;
    const bool sameSetup = QString::fromStdString(config.model_id) == modelId()
                           && QString::fromStdString(config.dataset.id) == datasetId()
                           && config.seed == (unsigned long)mSeedSpin->value();
    mDataCombo->setCurrentIndex(mDataCombo->findData(QString::fromStdString(config.dataset.id)));
    mModelCombo->setCurrentIndex(mModelCombo->findData(QString::fromStdString(config.model_id)));
    const gs::ParamValues before = sessionConfig().params;
    fillModelForms(modelId(), config.params);
    mSeedSpin->setValue(int(std::min<unsigned long>(config.seed, (unsigned long)INT_MAX)));
    if (const gs::DatasetInfo *data = gs::find_dataset(config.dataset.id); data && data->drawable)
        mPlanePlot->setDrawnPoints(config.dataset.drawn_points);
    mSyncing = false;
    if (!sameSetup || before != sessionConfig().params || preset.isEmpty())
        markCustom();
    mSetupDirty = false;
    mPendingLive.clear();
    mPendingRebuild.clear();

    mLossPanel->setSeries(summary.lossNames);
    mPlots->setCurrentWidget(isOneDimensional() ? static_cast<QWidget *>(mDensityPlot)
                                                : mPlanePlot->parentWidget());
    if (mBringToFront)
        mBringToFront(this); // a point session started from the Training dock
    updateToggles();
    updateControls();
    updatePlaceholder();
}

void PlaygroundView::onSessionClosed()
{
    mHaveSession = false;
    mPointSession = false;
    mPendingView.reset();
    updateControls();
    updatePlaceholder();
}

void PlaygroundView::onPlaneReady(qint64 step, const std::shared_ptr<const gs::PlaneView> &view)
{
    if (!mPointSession || !view)
        return;
    mPendingView = view;
    mPendingViewStep = step;
    if (!mFrameTimer->isActive())
        mFrameTimer->start();
}

void PlaygroundView::onMetricsReady(qint64 step, const QStringList &names,
                                    const QVector<double> &values)
{
    if (!mPointSession)
        return;
    mMetricNames = names;
    mMetricValues = values;
    mMetricStep = step;
    mMetricsDirty = true;
    if (!mFrameTimer->isActive())
        mFrameTimer->start();
}

void PlaygroundView::onLossesDrained(const QStringList &names, const std::vector<LossPoint> &points)
{
    if (!mPointSession)
        return;
    if (!names.isEmpty() && names != mLossPanel->seriesNames())
        mLossPanel->setSeries(names);
    mLossPanel->appendPoints(points);
}

void PlaygroundView::drawPlane(const gs::PlaneView &view)
{
    mFlowSlider->setView(view);
    mDiffusionScrubber->setView(view);
    mPlanePlot->setView(drawableView(view));
    const bool truth = view.field_is_log_density && !view.true_field.empty()
                       && view.true_field.size() == size_t(view.field_w) * size_t(view.field_h);
    mTruePlot->setVisible(truth);
    if (truth) {
        gs::PlaneView t;
        t.dims = 2;
        t.x0 = view.x0, t.x1 = view.x1, t.y0 = view.y0, t.y1 = view.y1;
        t.field_w = view.field_w, t.field_h = view.field_h;
        t.field = view.true_field;
        t.field_label = tr("true log density").toStdString();
        t.field_is_log_density = true;
        mTruePlot->setView(t);
    }
}

gs::PlaneView PlaygroundView::drawableView(const gs::PlaneView &view) const
{
    return DiffusionScrubber::hasSteps(view) ? mDiffusionScrubber->viewAt(view) : mFlowSlider->viewAt(view);
}

void PlaygroundView::drawFrame()
{
    if (mPendingView) {
        const std::shared_ptr<const gs::PlaneView> view = std::move(mPendingView);
        mPendingView.reset();
        if (view->dims == 1) {
            mPlots->setCurrentWidget(mDensityPlot);
            mDensityPlot->setView(*view);
        } else {
            mPlots->setCurrentWidget(mPlanePlot->parentWidget());
            drawPlane(*view);
        }
        mViewStep = mPendingViewStep;
        mView = view;
        updatePlaceholder();
        emit viewDrawn(mViewStep);
    }
    if (mMetricsDirty) {
        mMetricsDirty = false;
        mMetrics->showMetrics(mMetricNames, mMetricValues, mSession.config.dataset.id);
        emit metricsShown(mMetricStep, mMetricNames);
    }
}
