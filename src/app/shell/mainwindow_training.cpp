// MainWindow, training: the run buttons, the controller's signals and the
// live progress. See mainwindow.h and training/trainingcontroller.h.
#include "shell/mainwindow.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStatusBar>

#include <algorithm>
#include <climits>
#include <cmath>

#include "core/common/error.h"
#include "core/data/dataset_catalog.h"
#include "core/model/capabilities.h"
#include "core/model/model_catalog.h"
#include "training/runrecordingbox.h"
#include "training/trainingpanel.h"
#include "widgets/messagebanner.h"
#include "widgets/parameterform.h"

namespace {

// The training rate in the unit of one training item: a text window, a point or an image.
QString throughputText(const SessionSummary &session, double itemsPerSecond)
{
    const QString rate = QLocale().toString(itemsPerSecond, 'f', 0);
    if (session.capabilities & gs::kGeneratesText)
        return MainWindow::tr("%1 sequences/s").arg(rate);
    const gs::DatasetInfo *dataset = gs::find_dataset(session.config.dataset.id);
    if (dataset && dataset->points)
        return MainWindow::tr("%1 points/s").arg(rate);
    return MainWindow::tr("%1 img/s").arg(rate);
}

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
    if (const int processes = mTrainingPanel->processes(); processes > 1 && !points) {
        // Data-parallel on this machine (TrainingController): the processes share the threads.
        options.distributed.world_size = processes;
        options.threads = std::max(1, options.threads / processes);
    }
    options.checkpoint_every = mRunRecording ? mRunRecording->checkpointEvery() : 0; // into the run folder
    return options;
}

void MainWindow::startTraining()
{
    if (!mController->isIdle())
        return;
    const QString error = mTrainingPanel->validationError();
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    if (!confirmDiscard(tr("Start a new session? The current one has %1 training steps that "
                           "were not saved.")
                            .arg(mController->step() - mController->savedStep())))
        return;
    mController->startSession(mTrainingPanel->sessionConfig());
}

void MainWindow::startTrainingWith(const gs::SessionConfig &config, long totalSteps,
                                   bool paused, bool askToDiscard)
{
    if (!mController->worker() || mController->isShutDown())
        return;
    const QString error = configError(config);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    if (askToDiscard
        && !confirmDiscard(tr("Start a new session? The current one has %1 training steps that "
                              "were not saved.")
                               .arg(mController->step() - mController->savedStep())))
        return;
    mTrainingPanel->setTotalSteps(totalSteps);
    mController->startSession(config, paused);
}

void MainWindow::continueTrainingTo(long totalSteps)
{
    if (state() != State::Ready || !hasSession())
        return;
    mTrainingPanel->setTotalSteps(totalSteps);
    continueTraining();
}

void MainWindow::continueTraining()
{
    if (state() != State::Ready || !hasSession())
        return;
    const long step = mController->step();
    if (mTrainingPanel->totalSteps() <= step) {
        showError(tr("The session is already at step %1. Raise Steps above it, then press "
                     "Continue.")
                      .arg(QLocale().toString(qlonglong(step))));
        return;
    }
    // An edited learning rate applies; every other setting stays the session's.
    mController->continueRun(mTrainingPanel->parameterForm()->values());
}

void MainWindow::pauseTraining()
{
    mController->pause();
}

void MainWindow::resumeTraining()
{
    mController->resume();
}

void MainWindow::stopTraining()
{
    mController->stop();
}

void MainWindow::onStateChanged(State state)
{
    updateActions();
    if (state != State::Running)
        mEtaLabel->clear();
    emit stateChanged(state);
}

void MainWindow::onNewSessionQueued()
{
    writeSettings(); // the form's choices survive a crash during the run
}

void MainWindow::onProgress(const gs::StepStats &latest)
{
    updateProgress(latest.step, latest.total_steps, latest.images_per_second,
                   latest.eta_seconds);
    if (const int threads = mController->runThreads(); threads > 0)
        mThroughputLabel->setToolTip(tr("Training throughput on %n compute thread(s)", nullptr,
                                        threads));
    if (latest.processes > 1 && latest.images_per_second > 0) {
        mThroughputLabel->setText(tr("%1 · %n processes", nullptr, latest.processes)
                                      .arg(mThroughputLabel->text()));
        mThroughputLabel->setToolTip(tr("Training throughput of %n processes on this machine "
                                        "(data-parallel; %1 ms per step averaging gradients)",
                                        nullptr, latest.processes)
                                         .arg(1000 * latest.allreduce_seconds_per_step, 0, 'f', 1));
    }
    updateSessionText();
}

void MainWindow::updateProgress(long step, long total, double imagesPerSecond, double etaSeconds)
{
    mProgress->setRange(0, std::max(1, toInt(total)));
    mProgress->setValue(toInt(std::min(step, total)));
    const QString throughput = throughputText(mController->session(), imagesPerSecond);
    mThroughputLabel->setText(imagesPerSecond > 0 ? throughput : QString());
    if (state() == State::Running && etaSeconds >= 0 && imagesPerSecond > 0)
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
    mProgress->hide();
    updateSessionText();
    updateActions();
}

void MainWindow::onSessionReady(const SessionSummary &summary)
{
    const long step = mController->step();
    mProgress->show();
    mTrainingPanel->showSession(summary);
    mProgress->setRange(0, std::max(1, toInt(mTrainingPanel->totalSteps())));
    mProgress->setValue(toInt(step));

    if (!summary.checkpointPath.isEmpty()) {
        if (mTrainingPanel->totalSteps() <= step) {
            // Suggest a target past the reopened step so Continue works at once.
            mTrainingPanel->setTotalSteps(step + std::max(1000L, step / 2));
        }
        mProgress->setRange(0, std::max(1, toInt(mTrainingPanel->totalSteps())));
        statusBar()->showMessage(tr("Opened %1 at step %2. Press Continue to train on.")
                                     .arg(QFileInfo(summary.checkpointPath).fileName())
                                     .arg(step),
                                 kStatusTimeoutMs);
    } else {
        statusBar()->showMessage(tr("Session ready: %1").arg(summary.datasetDescription));
    }
    updateSessionText();
}

void MainWindow::onRunStarted(qint64 step, qint64 totalSteps)
{
    updateProgress(long(step), long(totalSteps), 0, -1);
    if (state() == State::Paused)
        statusBar()->showMessage(tr("Paused at step %1. Resume, or step through it.").arg(step));
    else
        statusBar()->showMessage(tr("Training to step %1…").arg(QLocale().toString(totalSteps)));
}

void MainWindow::onCheckpointSaved(const QString &path, qint64 step)
{
    statusBar()->showMessage(tr("Saved %1 at step %2.").arg(QFileInfo(path).fileName()).arg(step),
                             kStatusTimeoutMs);
    updateSessionText();
}

void MainWindow::onPausedByTrainer(const QString &reason)
{
    mEtaLabel->clear();
    mBanner->showMessage(MessageBanner::Kind::Warning, reason, mResumeAction);
    statusBar()->showMessage(tr("Training paused by the trainer."));
}

void MainWindow::onRunFinished(qint64 step, bool stopped)
{
    const long total = std::max(mController->runTotal(), long(step));
    mProgress->setRange(0, std::max(1, toInt(total)));
    mProgress->setValue(toInt(long(step)));
    mEtaLabel->clear();
    const QString stepText = QLocale().toString(step);
    statusBar()->showMessage(stopped ? tr("Stopped at step %1.").arg(stepText)
                                     : tr("Training finished at step %1.").arg(stepText));
    updateSessionText();
}

void MainWindow::onFailed(const QString &message)
{
    const long step = mController->step();
    mProgress->setVisible(hasSession());
    mProgress->setRange(0, std::max(1, toInt(std::max(mController->runTotal(), step))));
    mProgress->setValue(toInt(step));
    mEtaLabel->clear();
    updateSessionText();
    showError(message);
}

void MainWindow::onLearningRateEdited(double value)
{
    mController->setLearningRate(value);
}

void MainWindow::updateSessionText()
{
    if (!hasSession()) {
        mTrainingPanel->setSessionText(
            tr("No session yet. Press <b>Train</b> to start one or open a checkpoint."));
        return;
    }
    const SessionSummary &session = mController->session();
    QString text
        = tr("<b>%1</b> · step %2<br>%3")
              .arg(session.modelName.toHtmlEscaped(),
                   QLocale().toString(qlonglong(mController->step())),
                   session.datasetDescription.toHtmlEscaped());
    const QString checkpoint = mController->checkpointPath();
    if (!checkpoint.isEmpty())
        text += tr("<br>Checkpoint: %1").arg(QFileInfo(checkpoint).fileName().toHtmlEscaped());
    mTrainingPanel->setSessionText(text);
}
