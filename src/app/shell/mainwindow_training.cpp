// MainWindow, training: the run buttons, the worker's signals and the live
// progress. See mainwindow.h for the threading rules.
#include "shell/mainwindow.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <climits>
#include <cmath>

#include "core/common/error.h"
#include "core/model/capabilities.h"
#include "core/model/model_catalog.h"
#include "widgets/imageview.h"
#include "training/losspanel.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"
#include "support/studiosettings.h"
#include "training/trainingpanel.h"
#include "training/trainingworker.h"

namespace {

constexpr int kLogEvery = 10;
constexpr double kSampleSeconds = 0.75;
constexpr double kPlaneSampleSeconds = 0.1; // point data: the playground animates its views
constexpr int kPlaneLogEvery = 25;          // point data: each log also evaluates the metrics

QString formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("–");
    const qint64 total = qint64(std::llround(seconds));
    const qint64 h = total / 3600;
    const qint64 m = (total / 60) % 60;
    const qint64 s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

int toInt(long value)
{
    return int(std::clamp<long>(value, 0L, long(INT_MAX)));
}

bool isPointDataset(const std::string &id)
{
    const gs::DatasetInfo *info = gs::find_dataset(id);
    return info && info->points;
}

// Empty when `config` can start a session, else a sentence for the user.
QString configError(const gs::SessionConfig &config)
{
    const gs::ModelInfo *model = gs::find_model(config.model_id);
    if (!model)
        return MainWindow::tr("Unknown model \"%1\".").arg(QString::fromStdString(config.model_id));
    if (!gs::find_dataset(config.dataset.id))
        return MainWindow::tr("Unknown dataset \"%1\".").arg(QString::fromStdString(config.dataset.id));
    try {
        gs::resolve_params(model->params, config.params);
    } catch (const gs::Error &error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

gs::RunOptions MainWindow::runOptions(const std::string &datasetId) const
{
    gs::RunOptions options;
    options.total_steps = mTrainingPanel->totalSteps();
    const bool points = isPointDataset(datasetId);
    options.log_every = points ? kPlaneLogEvery : kLogEvery;
    options.sample_seconds = points ? kPlaneSampleSeconds : kSampleSeconds;
    options.threads = mTrainingPanel->computeThreads();
    return options;
}

void MainWindow::startTraining()
{
    if (mState != State::NoSession && mState != State::Ready)
        return;
    const QString error = mTrainingPanel->validationError();
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    if (!confirmDiscard(tr("Start a new session? The current one has %1 training steps that "
                           "were not saved.")
                            .arg(mStep - mSavedStep)))
        return;
    queueRun(true, mTrainingPanel->sessionConfig());
}

void MainWindow::startTrainingWith(const gs::SessionConfig &config, long totalSteps,
                                   bool paused, bool askToDiscard)
{
    if (!mWorker || mShutDown)
        return;
    const QString error = configError(config);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    if (askToDiscard
        && !confirmDiscard(tr("Start a new session? The current one has %1 training steps that "
                              "were not saved.")
                               .arg(mStep - mSavedStep)))
        return;
    mTrainingPanel->setTotalSteps(totalSteps);
    mPendingStart = PendingStart{config, paused};
    switch (mState) {
    case State::Busy:
    case State::Running:
    case State::Paused:
        stopTraining(); // the run's end starts the pending one
        break;
    case State::Stopping:
        break;
    case State::NoSession:
    case State::Ready:
        startPendingRun();
        break;
    }
}

void MainWindow::startPendingRun()
{
    if (!mPendingStart)
        return;
    const PendingStart start = std::move(*mPendingStart);
    mPendingStart.reset();
    queueRun(true, start.config, start.paused);
}

void MainWindow::continueTrainingTo(long totalSteps)
{
    if (mState != State::Ready || !mHasSession)
        return;
    mTrainingPanel->setTotalSteps(totalSteps);
    continueTraining();
}

void MainWindow::continueTraining()
{
    if (mState != State::Ready || !mHasSession)
        return;
    if (mTrainingPanel->totalSteps() <= mStep) {
        showError(tr("The session is already at step %1. Raise Steps above it, then press "
                     "Continue.")
                      .arg(QLocale().toString(qlonglong(mStep))));
        return;
    }
    queueRun(false);
}

void MainWindow::queueRun(bool newSession, const gs::SessionConfig &config, bool paused)
{
    if (!mWorker)
        return;
    mBanner->dismiss();
    TrainingWorker *worker = mWorker;
    worker->control().reset(); // before queueing: a Stop pressed from now on is kept
    mStartPaused = newSession && paused;
    if (mStartPaused) {
        worker->control().pause();      // the loop waits before its first step …
        worker->control().sample_now(); // … after showing the untrained model
    }
    const gs::RunOptions options = runOptions(newSession ? config.dataset.id
                                                         : mSession.config.dataset.id);
    if (newSession) {
        writeSettings(); // the form's choices survive a crash during the run
        mCheckpointPath.clear();
        mLossPanel->clear();
        mSampleView->clear();
        mReconstructionView->clear();
        mSampleCaption->setText(tr("<b>Samples</b>"));
        mReconstructionCaption->setText(tr("<b>Reconstructions</b>"));
        setState(State::Busy);
        QMetaObject::invokeMethod(
            worker, [worker, config, options] { worker->startNew(config, options); },
            Qt::QueuedConnection);
    } else {
        // Continue keeps the session's settings, except a learning rate edited
        // in the form: that one the trainer takes live.
        const gs::ParamValues form = mTrainingPanel->parameterForm()->values();
        const auto formLr = form.find("lr");
        const auto sessionLr = mSession.config.params.find("lr");
        if (formLr != form.end() && sessionLr != mSession.config.params.end()
            && formLr->second != sessionLr->second) {
            worker->control().set_learning_rate(QString::fromStdString(formLr->second).toDouble());
            mSession.config.params["lr"] = formLr->second;
            statusBar()->showMessage(tr("Learning rate %1 applies from step %2.")
                                         .arg(QString::fromStdString(formLr->second))
                                         .arg(mStep + 1),
                                     kStatusTimeoutMs);
        }
        setState(State::Running);
        updateProgress(mStep, options.total_steps, 0, -1);
        QMetaObject::invokeMethod(
            worker, [worker, options] { worker->continueRun(options); }, Qt::QueuedConnection);
    }
}

void MainWindow::pauseTraining()
{
    if (mState != State::Running || !mWorker)
        return;
    mWorker->control().pause();
    setState(State::Paused);
    mEtaLabel->clear();
    statusBar()->showMessage(tr("Paused at step %1.").arg(mStep));
}

void MainWindow::resumeTraining()
{
    if (mState != State::Paused || !mWorker)
        return;
    mWorker->control().resume();
    mBanner->dismiss();
    setState(State::Running);
    statusBar()->showMessage(tr("Training…"));
}

void MainWindow::stopTraining()
{
    if (!mWorker)
        return;
    if (mState != State::Busy && mState != State::Running && mState != State::Paused)
        return;
    mWorker->control().request_stop();
    if (mState != State::Busy)
        setState(State::Stopping);
    statusBar()->showMessage(tr("Stopping…"));
}

void MainWindow::scheduleDrain()
{
    if (!mDrainTimer->isActive())
        mDrainTimer->start();
}

void MainWindow::drainLosses()
{
    if (!mWorker)
        return;
    LossBuffer::Batch batch = mWorker->lossBuffer().take();
    if (batch.points.empty())
        return;
    QStringList names;
    for (const std::string &name : batch.names)
        names << QString::fromStdString(name);
    if (!names.isEmpty() && names != mLossPanel->seriesNames())
        mLossPanel->setSeries(names);
    const bool first = mLossPanel->pointCount() == 0;
    mLossPanel->appendPoints(batch.points);
    emit lossesDrained(mLossPanel->seriesNames(), batch.points);
    if (first)
        updateActions(); // the loss exports become available
    if (batch.hasLatest) {
        const gs::StepStats &latest = batch.latest;
        mStep = latest.step;
        updateProgress(latest.step, latest.total_steps, latest.images_per_second,
                       latest.eta_seconds);
        updateSessionText();
    }
}

void MainWindow::updateProgress(long step, long total, double imagesPerSecond, double etaSeconds)
{
    mProgress->setRange(0, std::max(1, toInt(total)));
    mProgress->setValue(toInt(std::min(step, total)));
    mThroughputLabel->setText(imagesPerSecond > 0
                                  ? tr("%1 img/s").arg(QLocale().toString(imagesPerSecond, 'f', 0))
                                  : QString());
    if (mState == State::Running && etaSeconds >= 0 && imagesPerSecond > 0)
        mEtaLabel->setText(tr("ETA %1").arg(formatDuration(etaSeconds)));
    else
        mEtaLabel->clear();
}

void MainWindow::onBusy(const QString &message)
{
    mProgress->show();
    mProgress->setRange(0, 0); // busy indicator
    statusBar()->showMessage(message);
}

void MainWindow::onSessionClosed()
{
    mHasSession = false;
    mStep = 0;
    mSavedStep = 0;
    mProgress->hide();
    updateSessionText();
    updateActions();
}

void MainWindow::onSessionReady(const SessionSummary &summary)
{
    mHasSession = true;
    mSession = summary;
    mStep = summary.step;
    mSavedStep = summary.step; // nothing trained since the file (or since creation)
    mProgress->show();
    mTrainingPanel->showSession(summary);
    mLossPanel->setSeries(summary.lossNames);
    mSampleView->clear();
    mReconstructionView->clear();
    mSampleView->setPlaceholderText(
        isPointDataset(summary.config.dataset.id)
            ? tr("This session trains on points: watch it in the Playground tab.")
            : tr("Samples from a fixed batch of latent vectors appear here while the model "
                 "trains."));
    mSampleView->parentWidget()->setVisible(summary.capabilities & gs::kCanSample);
    mReconstructionBox->setVisible(summary.capabilities & gs::kCanReconstruct);
    mProgress->setRange(0, std::max(1, toInt(mTrainingPanel->totalSteps())));
    mProgress->setValue(toInt(mStep));

    if (!summary.checkpointPath.isEmpty()) {
        mPendingOpenPath.clear();
        mCheckpointPath = summary.checkpointPath;
        StudioSettings().addRecentCheckpoint(summary.checkpointPath);
        if (mTrainingPanel->totalSteps() <= mStep) {
            // Suggest a target past the reopened step so Continue works at once.
            mTrainingPanel->setTotalSteps(mStep + std::max(1000L, mStep / 2));
        }
        mProgress->setRange(0, std::max(1, toInt(mTrainingPanel->totalSteps())));
        statusBar()->showMessage(tr("Opened %1 at step %2. Press Continue to train on.")
                                     .arg(QFileInfo(summary.checkpointPath).fileName())
                                     .arg(mStep),
                                 kStatusTimeoutMs);
        setState(State::Ready);
        startPendingRun(); // a start requested while the checkpoint was opening
    } else {
        statusBar()->showMessage(tr("Session ready: %1").arg(summary.datasetDescription));
    }
    updateSessionText();
}

void MainWindow::onRunStarted(qint64 step, qint64 totalSteps)
{
    mStep = long(step);
    mRunTotal = long(totalSteps);
    if (mState == State::Busy)
        setState(mStartPaused ? State::Paused : State::Running);
    updateProgress(mStep, mRunTotal, 0, -1);
    if (mState == State::Paused)
        statusBar()->showMessage(tr("Paused at step %1. Resume, or step through it.").arg(mStep));
    else
        statusBar()->showMessage(tr("Training to step %1…").arg(QLocale().toString(totalSteps)));
}

void MainWindow::onSamplesReady(qint64 step, const QImage &samples, const QImage &reconstructions)
{
    if (!samples.isNull()) {
        mSampleView->setImage(samples);
        mSampleCaption->setText(
            tr("<b>Samples</b> from fixed latents · step %1").arg(QLocale().toString(step)));
    }
    if (!reconstructions.isNull()) {
        mReconstructionView->setImage(reconstructions);
        mReconstructionCaption->setText(
            tr("<b>Reconstructions</b> · each row of test images is followed by its "
               "reconstructions · step %1")
                .arg(QLocale().toString(step)));
    }
    updateActions();
}

void MainWindow::onCheckpointSaved(const QString &path, qint64 step)
{
    mCheckpointPath = path;
    mSavedStep = std::max(mSavedStep, long(step));
    StudioSettings settings;
    settings.addRecentCheckpoint(path);
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Saved %1 at step %2.").arg(QFileInfo(path).fileName()).arg(step),
                             kStatusTimeoutMs);
    updateSessionText();
}

void MainWindow::onPausedByTrainer(const QString &reason)
{
    drainLosses();
    if (mState == State::Running || mState == State::Busy)
        setState(State::Paused);
    mEtaLabel->clear();
    mBanner->showMessage(MessageBanner::Kind::Warning, reason, mResumeAction);
    statusBar()->showMessage(tr("Training paused by the trainer."));
}

void MainWindow::onRunFinished(qint64 step, bool stopped)
{
    drainLosses();
    mStep = long(step);
    setState(mHasSession ? State::Ready : State::NoSession);
    mProgress->setRange(0, std::max(1, toInt(std::max(mRunTotal, mStep))));
    mProgress->setValue(toInt(mStep));
    mEtaLabel->clear();
    const QString stepText = QLocale().toString(step);
    statusBar()->showMessage(stopped ? tr("Stopped at step %1.").arg(stepText)
                                     : tr("Training finished at step %1.").arg(stepText));
    updateSessionText();
    startPendingRun();
}

void MainWindow::onFailed(const QString &message)
{
    drainLosses();
    if (!mPendingOpenPath.isEmpty()) {
        if (!QFileInfo::exists(mPendingOpenPath))
            StudioSettings().removeRecentCheckpoint(mPendingOpenPath);
        mPendingOpenPath.clear();
    }
    setState(mHasSession ? State::Ready : State::NoSession);
    mProgress->setVisible(mHasSession);
    mProgress->setRange(0, std::max(1, toInt(std::max(mRunTotal, mStep))));
    mProgress->setValue(toInt(mStep));
    mEtaLabel->clear();
    updateSessionText();
    showError(message);
    startPendingRun();
}

void MainWindow::onLearningRateEdited(double value)
{
    if (!mWorker || (mState != State::Running && mState != State::Paused))
        return;
    mWorker->control().set_learning_rate(value);
    mSession.config.params["lr"] = gs::format_number(value);
    statusBar()->showMessage(
        tr("Learning rate set to %1 from the next step.").arg(QLocale::c().toString(value, 'g', 4)),
        kStatusTimeoutMs);
}

void MainWindow::updateSessionText()
{
    if (!mHasSession) {
        mTrainingPanel->setSessionText(
            tr("No session yet. Press <b>Train</b> to start one or open a checkpoint."));
        return;
    }
    QString text
        = tr("<b>%1</b> · step %2<br>%3")
              .arg(mSession.modelName.toHtmlEscaped(), QLocale().toString(qlonglong(mStep)),
                   mSession.datasetDescription.toHtmlEscaped());
    if (!mCheckpointPath.isEmpty())
        text += tr("<br>Checkpoint: %1").arg(QFileInfo(mCheckpointPath).fileName().toHtmlEscaped());
    mTrainingPanel->setSessionText(text);
}
