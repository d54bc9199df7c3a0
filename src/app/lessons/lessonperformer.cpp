// lessonperformer.cpp — Do it and the promise check (lessonperformer.h).
#include "lessons/lessonperformer.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <QSpinBox>

#include "core/common/error.h"
#include "core/model/model_catalog.h"
#include "explore/exploreview.h"
#include "lessons/lesson.h"
#include "lessons/lessoncontrols.h"
#include "shell/topview.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "training/trainingrequests.h"
#include "widgets/parameterform.h"

namespace {

using State = TrainingController::State;

constexpr int kWaitMs = 120000; // how long a step waits for a model to load before it says why (a shared machine is slow)

// Canonical text of a parameter value ("1e-3" and "0.001" agree), or the text itself.
QString canonical(const QString &model, const QString &key, const QString &value)
{
    const gs::ModelInfo *info = gs::find_model(model.toStdString());
    if (!info)
        return value;
    try {
        const gs::ParamValues resolved = gs::resolve_params(info->params, {{key.toStdString(), value.toStdString()}});
        return QString::fromStdString(resolved.at(key.toStdString()));
    } catch (const gs::Error &) {
        return value;
    }
}

// The folders shipped checkpoints may be in: next to the executable's folder
// (a build tree inside the source tree), the installed share folder, and the
// source tree the tests name.
QStringList modelFolders()
{
    const QString app = QCoreApplication::applicationDirPath();
    QStringList folders = {app + QStringLiteral("/../models"), app + QStringLiteral("/../share/genstudio/models"),
                           app + QStringLiteral("/../../models"), app + QStringLiteral("/../../../models")};
    const QByteArray source = qgetenv("GENSTUDIO_SOURCE_DIR");
    if (!source.isEmpty())
        folders << QString::fromLocal8Bit(source) + QStringLiteral("/models");
    folders << QStringLiteral("/usr/share/genstudio/models") << QStringLiteral("/usr/local/share/genstudio/models");
    return folders;
}

} // namespace

LessonPerformer::LessonPerformer(const SidePaneContext &context, QObject *parent)
    : QObject(parent)
    , mContext(context)
    , mRetry(new QTimer(this))
{
    mRetry->setInterval(250);
    connect(mRetry, &QTimer::timeout, this, &LessonPerformer::performPending);
}

bool LessonPerformer::ownsSession() const
{
    const TrainingController *controller = mContext.controller;
    const gs::SessionConfig &config = controller->session().config;
    return controller->hasSession() && config.model_id == mOwnModel && config.dataset.id == mOwnDataset
           && controller->step() <= mOwnTotal;
}

void LessonPerformer::ownRun(const std::string &model, const std::string &dataset, long total)
{
    mOwnModel = model;
    mOwnDataset = dataset;
    mOwnTotal = total;
}

void LessonPerformer::cancelPending()
{
    mPending.reset();
    mRetry->stop();
}

void LessonPerformer::performPending()
{
    if (!mPending)
        return;
    const State state = mContext.controller->state();
    if (state == State::Busy || state == State::Stopping) {
        if (!mPending->deadline.hasExpired())
            return;
    }
    Pending run = *mPending;
    cancelPending();
    if (run.deadline.hasExpired() && (state == State::Busy || state == State::Stopping)) {
        emit failed(tr("The studio stayed busy, so the step was not done; press Do it again."));
        return;
    }
    const QString error = performFrom(run);
    if (!error.isEmpty())
        emit failed(error);
}

QWidget *LessonPerformer::findControl(const QString &name) const
{
    QWidget *scope = mContext.studio;
    const QStringList parts = name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (!scope)
            return nullptr;
        scope = scope->findChild<QWidget *>(part);
    }
    return scope;
}

ExploreView *LessonPerformer::explore() const
{
    for (const TopViewDescriptor &view : topViews())
        if (auto *explore = qobject_cast<ExploreView *>(mContext.topView(view.id)))
            return explore;
    return nullptr;
}

QString LessonPerformer::perform(const LessonStep &step, const QString &lessonFolder)
{
    cancelPending();
    return performFrom({std::make_shared<const LessonStep>(step), lessonFolder, 0,
                        QDeadlineTimer(kWaitMs), QString()});
}

QString LessonPerformer::performFrom(Pending run)
{
    const LessonStep &step = *run.step;
    bool trains = false;
    for (const LessonAction &action : step.actions)
        trains = trains || action.kind == LessonAction::Kind::Train;
    TrainingController *controller = mContext.controller;
    const State state = controller->state();
    if (run.next == 0 && step.preset.present
        && (state == State::Busy || state == State::Stopping || (!trains && controller->isTraining()))) {
        // Load the preset once the studio is free: a session loading, a run
        // stopping, or (a preset alone) a run that has to stop first.
        if (!trains && (state == State::Running || state == State::Paused))
            controller->stop();
        run.reason = tr("waiting for the current run to stop");
        mPending = run;
        mRetry->start();
        return {};
    }
    if (run.next == 0 && step.preset.present && !trains) {
        const QString error = applyPreset(step);
        if (!error.isEmpty())
            return error;
    }
    for (int i = run.next; i < step.actions.size(); ++i) {
        const LessonAction &action = step.actions[i];
        const QString error = act(step, action, run.folder);
        if (error.isEmpty())
            continue;
        // Views, controls and buttons of a model that is still loading come a
        // moment later: try again until the deadline, then say why.
        const bool waits = action.kind == LessonAction::Kind::ShowExplorerView
                           || action.kind == LessonAction::Kind::SetControl
                           || action.kind == LessonAction::Kind::Press
                           || (action.kind == LessonAction::Kind::OpenCheckpoint && !controller->isIdle());
        if (!waits || run.deadline.hasExpired())
            return error;
        run.next = i;
        run.reason = error;
        mPending = run;
        mRetry->start();
        return {};
    }
    return {};
}

QString LessonPerformer::act(const LessonStep &step, const LessonAction &action, const QString &folder)
{
    switch (action.kind) {
    case LessonAction::Kind::Train:
        return train(step, steps(action.steps));
    case LessonAction::Kind::Pause:
        if (mContext.controller->state() == State::Running)
            mContext.controller->pause();
        return {};
    case LessonAction::Kind::Resume:
        if (mContext.controller->state() == State::Paused)
            mContext.controller->resume();
        return {};
    case LessonAction::Kind::SetParameter:
        return setParameter(action.key, action.value);
    case LessonAction::Kind::ShowView:
        mContext.showTopView(action.view);
        return {};
    case LessonAction::Kind::ShowExplorerView: {
        ExploreView *view = explore();
        if (!view)
            return tr("This studio has no Explore tab to show the “%1” view in.").arg(action.view);
        for (const TopViewDescriptor &top : topViews())
            if (mContext.topView(top.id) == view)
                mContext.showTopView(top.id);
        view->showSubView(action.view);
        if (view->currentViewId() != action.view)
            return tr("The Explore tab cannot show its “%1” view for the model it has now.").arg(action.view);
        return {};
    }
    case LessonAction::Kind::SetControl: {
        const QString error = setControl(action.control, action.controlValue);
        if (!error.isEmpty())
            return error;
        const QString gap = controlGap(action.control, action.controlValue);
        return gap.isEmpty() ? QString() : tr("The control did not take the value: %1.").arg(gap);
    }
    case LessonAction::Kind::Press:
        return press(action.control);
    case LessonAction::Kind::OpenCheckpoint:
        return openCheckpoint(action.file, folder);
    }
    return {};
}

QString LessonPerformer::applyPreset(const LessonStep &step)
{
    const LessonPreset &preset = step.preset;
    TrainingPanel *panel = mContext.trainingPanel;
    if (mContext.controller->isTraining() || mContext.controller->state() == State::Busy)
        return tr("This step loads a new model into the Training form; stop the run first (Training ▸ Stop).");
    if (!panel->selectModel(preset.model))
        return tr("The Training form does not offer the model “%1”.").arg(preset.model);
    if (!panel->selectDataset(preset.dataset))
        return tr("The Training form does not offer the dataset “%1” for this model.").arg(preset.dataset);
    ParameterForm *form = panel->parameterForm();
    form->resetToDefaults();
    gs::ParamValues values;
    for (auto it = preset.params.begin(); it != preset.params.end(); ++it)
        values[it.key().toStdString()] = it.value().toStdString();
    form->setValues(values);
    if (preset.seed)
        if (auto *seed = panel->findChild<QSpinBox *>(QStringLiteral("seedSpin")))
            seed->setValue(int(*preset.seed));
    if (preset.steps > 0)
        panel->setTotalSteps(steps(preset.steps));
    return {};
}

QString LessonPerformer::train(const LessonStep &step, long count)
{
    TrainingController *controller = mContext.controller;
    if (step.preset.present) {
        if (controller->isTraining()) {
            // A new session stops the current one (startTrainingWith waits for the worker).
        } else {
            const QString error = applyPreset(step);
            if (!error.isEmpty())
                return error;
        }
        const LessonPreset &preset = step.preset;
        gs::SessionConfig config = mContext.trainingPanel->sessionConfig();
        config.model_id = preset.model.toStdString();
        config.dataset.id = preset.dataset.toStdString();
        config.params.clear();
        for (auto it = preset.params.begin(); it != preset.params.end(); ++it)
            config.params[it.key().toStdString()] = it.value().toStdString();
        if (preset.seed)
            config.seed = (unsigned long)*preset.seed;
        const bool ask = controller->hasUnsavedSteps() && !ownsSession();
        ownRun(config.model_id, config.dataset.id, count);
        mContext.requests->startTrainingWith(config, count, false, ask);
        return {};
    }
    switch (controller->state()) {
    case State::Ready:
        if (ownsSession())
            mOwnTotal = controller->step() + count;
        mContext.requests->continueTrainingTo(controller->step() + count);
        return {};
    case State::Paused:
        controller->resume();
        return {};
    case State::Running:
        return {};
    case State::NoSession: {
        const QString error = mContext.trainingPanel->validationError();
        if (!error.isEmpty())
            return error;
        const gs::SessionConfig config = mContext.trainingPanel->sessionConfig();
        ownRun(config.model_id, config.dataset.id, count);
        mContext.requests->startTrainingWith(config, count, false, false);
        return {};
    }
    default:
        return tr("The studio is busy; try Do it again in a moment.");
    }
}

QString LessonPerformer::setParameter(const QString &key, const QString &value)
{
    ParameterForm *form = mContext.trainingPanel->parameterForm();
    if (!form->editor(key))
        return tr("The Training form has no parameter “%1” for the model it shows.").arg(key);
    TrainingController *controller = mContext.controller;
    bool live = false;
    for (const gs::ParamSpec &spec : form->specs())
        if (spec.key == key.toStdString())
            live = spec.live || spec.role == gs::ParamSpec::Role::LearningRate;
    if (controller->isTraining() && live) {
        controller->setLiveParam(key.toStdString(), value.toStdString());
        return {};
    }
    if (controller->isTraining())
        return tr("The parameter “%1” cannot change while the model trains; stop the run first.").arg(key);
    form->setValues({{key.toStdString(), value.toStdString()}});
    return {};
}

QString LessonPerformer::setControl(const QString &name, const QJsonValue &value)
{
    QWidget *control = findControl(name);
    if (!control)
        return tr("The control “%1” this step moves is not in the studio now.").arg(name);
    if (!control->isEnabled())
        return tr("The control “%1” is disabled now, so the lesson cannot move it.").arg(name);
    return LessonControls::setValue(control, name, value);
}

QString LessonPerformer::press(const QString &name)
{
    auto *button = qobject_cast<QAbstractButton *>(findControl(name));
    if (!button)
        return tr("The button “%1” this step presses is not in the studio now.").arg(name);
    if (!button->isEnabled())
        return tr("The button “%1” is disabled now; do the step before this one first.").arg(name);
    button->click();
    return {};
}

QString LessonPerformer::openCheckpoint(const QString &file, const QString &lessonFolder)
{
    QStringList candidates;
    if (QFileInfo(file).isAbsolute())
        candidates << file;
    else {
        if (!lessonFolder.isEmpty() && !lessonFolder.startsWith(QLatin1Char(':')))
            candidates << QDir(lessonFolder).filePath(file);
        for (const QString &folder : modelFolders())
            candidates << QDir(folder).filePath(file);
    }
    QString path;
    for (const QString &candidate : candidates)
        if (QFileInfo(candidate).isFile()) {
            path = QFileInfo(candidate).absoluteFilePath();
            break;
        }
    if (path.isEmpty())
        return tr("The checkpoint “%1” this step opens was not found (it ships in the models folder of "
                  "GenStudio's source tree and installation).")
            .arg(file);
    TrainingController *controller = mContext.controller;
    if (!controller->isIdle()) {
        // The lesson's own run stops for it; another run is the person's to stop.
        if (controller->isTraining() && controller->state() != State::Stopping && ownsSession())
            controller->stop();
        return tr("Stop the run first: a checkpoint opens only when no model is training.");
    }
    if (mContext.controller->hasUnsavedSteps() && !ownsSession())
        return tr("Save or discard the current session first (it has steps that were not saved).");
    if (!mContext.controller->openCheckpoint(path))
        return tr("The studio could not open “%1” now.").arg(path);
    return {};
}

void LessonPerformer::reassertControls(const LessonStep &step)
{
    if (mPending)
        return;
    for (const LessonAction &action : step.actions) {
        if (action.kind != LessonAction::Kind::SetControl)
            continue;
        QWidget *control = findControl(action.control);
        if (control && control->isEnabled() && !controlGap(action.control, action.controlValue).isEmpty())
            setControl(action.control, action.controlValue);
    }
}

QString LessonPerformer::controlGap(const QString &name, const QJsonValue &value) const
{
    QWidget *control = findControl(name);
    if (!control)
        return tr("the control “%1” is not in the studio").arg(name);
    return LessonControls::valueGap(control, name, value);
}

QString LessonPerformer::promiseGap(const LessonStep &step) const
{
    const LessonPromise &promise = step.promise;
    const TrainingController *controller = mContext.controller;
    const SessionSummary &session = controller->session();
    QStringList gaps;
    const QString model = QString::fromStdString(session.config.model_id);
    if (!promise.model.isEmpty() && (!controller->hasSession() || model != promise.model))
        gaps << tr("the session is not the model “%1” yet").arg(promise.model);
    if (!promise.dataset.isEmpty()
        && (!controller->hasSession() || QString::fromStdString(session.config.dataset.id) != promise.dataset))
        gaps << tr("the session does not train on “%1” yet").arg(promise.dataset);
    if (!promise.topView.isEmpty()) {
        QWidget *view = mContext.topView(promise.topView);
        if (!view || !view->isVisible())
            gaps << tr("the “%1” view is not in front").arg(promise.topView);
    }
    if (!promise.explorerView.isEmpty()) {
        ExploreView *view = explore();
        if (!view || view->currentViewId() != promise.explorerView)
            gaps << tr("the Explore tab does not show its “%1” view").arg(promise.explorerView);
    }
    if (!promise.state.isEmpty()) {
        const State state = controller->state();
        const bool ok = (promise.state == QLatin1String("running") && state == State::Running)
                        || (promise.state == QLatin1String("paused") && state == State::Paused)
                        || (promise.state == QLatin1String("ready") && state == State::Ready);
        if (!ok)
            gaps << tr("the run is not %1").arg(promise.state);
    }
    const long minSteps = steps(promise.minSteps);
    if (minSteps > 0 && (!controller->hasSession() || controller->step() < minSteps))
        gaps << tr("%1 of %2 steps trained").arg(controller->hasSession() ? controller->step() : 0).arg(minSteps);
    const gs::ParamValues form = mContext.trainingPanel->parameterForm()->values();
    for (auto it = promise.params.begin(); it != promise.params.end(); ++it) {
        const auto found = form.find(it.key().toStdString());
        const QString now = found == form.end() ? QString() : QString::fromStdString(found->second);
        if (canonical(step.model, it.key(), now) != canonical(step.model, it.key(), it.value()))
            gaps << tr("the parameter “%1” is %2, not %3").arg(it.key(), now, it.value());
    }
    for (auto it = promise.controls.begin(); it != promise.controls.end(); ++it) {
        const QString gap = controlGap(it.key(), it.value());
        if (!gap.isEmpty())
            gaps << gap;
    }
    return gaps.join(QStringLiteral("; "));
}
