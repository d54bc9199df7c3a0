#include "training/metrics/metricspanel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include "core/train/train_observer.h"
#include "support/studiosettings.h"
#include "training/metrics/qualityresultsview.h"
#include "training/trainingcontroller.h"

namespace {
constexpr int kMinSamples = 100;
constexpr int kMaxSamples = 10000;
constexpr int kDefaultEvery = 500;
// Half of evaluate_quality's default: about half a minute for a VAE on two
// loaded cores, FID's bias shared with its real-vs-real value at the same count.
constexpr int kDefaultSamples = 1000;
} // namespace

MetricsPanel::MetricsPanel(TrainingController *controller, QWidget *parent)
    : QWidget(parent)
    , mController(controller)
    , mRunner(new EvaluationRunner(this))
{
    setObjectName(QStringLiteral("metricsPanel"));

    auto *title = new QLabel(tr("<b>Metrics</b> · sample quality on the GenStudio classifier's "
                                "features (not Inception)"),
                             this);
    title->setWordWrap(true);

    mSamples = new QSpinBox(this);
    mSamples->setObjectName(QStringLiteral("metricsSamples"));
    mSamples->setRange(kMinSamples, kMaxSamples);
    mSamples->setSingleStep(500);
    mSamples->setValue(kDefaultSamples);
    mSamples->setToolTip(tr("Generated samples scored, against as many test images. More samples "
                            "give steadier FID and KID but take longer."));
    mEvaluateButton = new QPushButton(tr("Evaluate now"), this);
    mEvaluateButton->setObjectName(QStringLiteral("evaluateNowButton"));
    mEvaluateButton->setToolTip(tr("Score a copy of the current model on its own thread; "
                                   "training goes on meanwhile."));
    mCancelButton = new QPushButton(tr("Cancel"), this);
    mCancelButton->setObjectName(QStringLiteral("cancelEvaluationButton"));
    mCancelButton->setToolTip(tr("Stop the running evaluation; the previous results stay."));

    // Two short rows rather than one wide one: the panel stays narrow beside the samples.
    auto *samplesRow = new QVBoxLayout;
    auto *countRow = new QHBoxLayout;
    countRow->addWidget(new QLabel(tr("Samples"), this));
    countRow->addWidget(mSamples);
    countRow->addStretch(1);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(mEvaluateButton);
    buttonRow->addWidget(mCancelButton);
    buttonRow->addStretch(1);
    samplesRow->addLayout(countRow);
    samplesRow->addLayout(buttonRow);

    mEveryCheck = new QCheckBox(tr("While training, every"), this);
    mEveryCheck->setObjectName(QStringLiteral("evaluateEveryCheck"));
    mEveryCheck->setToolTip(tr("While training, evaluate a copy of the model each time the step "
                               "passes a multiple of this number; the values join the loss plot."));
    mEverySteps = new QSpinBox(this);
    mEverySteps->setObjectName(QStringLiteral("evaluateEverySteps"));
    mEverySteps->setRange(10, 1000000);
    mEverySteps->setSingleStep(100);
    mEverySteps->setValue(kDefaultEvery);
    mEverySteps->setGroupSeparatorShown(true);
    auto *everyRow = new QHBoxLayout;
    everyRow->addWidget(mEveryCheck);
    everyRow->addWidget(mEverySteps);
    everyRow->addWidget(new QLabel(tr("steps"), this));
    everyRow->addStretch(1);

    mProgress = new QProgressBar(this);
    mProgress->setObjectName(QStringLiteral("evaluationProgress"));
    mProgress->setRange(0, 1000);
    mProgress->setValue(0);
    mProgress->setFormat(QStringLiteral("%p%"));
    mStage = new QLabel(this);
    mStage->setObjectName(QStringLiteral("evaluationStage"));
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(mProgress, 1);
    progressRow->addWidget(mStage, 1);

    mStatus = new QLabel(this);
    mStatus->setObjectName(QStringLiteral("evaluationStatus"));
    mStatus->setWordWrap(true);
    mError = new QLabel(this);
    mError->setObjectName(QStringLiteral("evaluationError"));
    mError->setWordWrap(true);
    mError->setStyleSheet(QStringLiteral("color: #a02020;"));
    mError->setVisible(false);

    mResults = new QualityResultsView(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(title);
    layout->addLayout(samplesRow);
    layout->addLayout(everyRow);
    layout->addLayout(progressRow);
    layout->addWidget(mStatus);
    layout->addWidget(mError);
    layout->addWidget(mResults, 1);

    const StudioSettings settings;
    mSamples->setValue(settings.metricsSamples(mSamples->value()));
    mEverySteps->setValue(settings.metricsEverySteps(mEverySteps->value()));
    mEveryCheck->setChecked(settings.metricsEveryEnabled());
    connect(mSamples, &QSpinBox::valueChanged, this,
            [](int samples) { StudioSettings().setMetricsSamples(samples); });
    connect(mEverySteps, &QSpinBox::valueChanged, this,
            [](int steps) { StudioSettings().setMetricsEverySteps(steps); });
    connect(mEveryCheck, &QCheckBox::toggled, this,
            [](bool on) { StudioSettings().setMetricsEveryEnabled(on); });

    connect(mEvaluateButton, &QPushButton::clicked, this, &MetricsPanel::evaluateNow);
    connect(mCancelButton, &QPushButton::clicked, this, &MetricsPanel::cancel);
    connect(mEveryCheck, &QCheckBox::toggled, this, [this] {
        syncEveryBucket();
        if (!mEveryCheck->isChecked())
            mRunner->cancelAutomatic();
        updateControls();
    });
    connect(mEverySteps, &QSpinBox::valueChanged, this, &MetricsPanel::syncEveryBucket);

    connect(mRunner, &EvaluationRunner::started, this, &MetricsPanel::onStarted);
    connect(mRunner, &EvaluationRunner::progress, this, &MetricsPanel::onProgress);
    connect(mRunner, &EvaluationRunner::finished, this, &MetricsPanel::onFinished);
    connect(mRunner, &EvaluationRunner::failed, this, &MetricsPanel::onFailed);

    // The copies go from the training thread straight to the runner.
    mSnapshotConnection = connect(controller, &TrainingController::snapshotReady,
                                  mRunner->snapshotSink());
    connect(controller, &TrainingController::newSessionQueued, this, &MetricsPanel::resetForSession);
    connect(controller, &TrainingController::sessionClosed, this, &MetricsPanel::resetForSession);
    connect(controller, &TrainingController::sessionReady, this, [this] {
        syncEveryBucket();
        updateControls();
    });
    connect(controller, &TrainingController::stateChanged, this, &MetricsPanel::updateControls);
    connect(controller, &TrainingController::progressChanged, this, &MetricsPanel::onStats);
    connect(controller, &TrainingController::runStarted, this, [this] { syncEveryBucket(); });
    connect(controller, &TrainingController::runFinished, this, [this](qint64, bool stopped) {
        if (stopped)
            mRunner->cancelAutomatic(); // an "Evaluate now" goes on
        if (mRunner->expectsSnapshot()) {
            // Asked of the trainer at its last step, which may have ended
            // without answering: the idle worker answers now (a second copy of
            // the same step is ignored, the expectation being met).
            mController->requestSnapshot();
        } else if (!mRunner->isBusy()) {
            mWaitingForCopy = false;
            mStage->clear();
        }
        updateControls();
    });
    setStatus(tr("No evaluation yet. Train a model or open a checkpoint, then press Evaluate now."));
    updateControls();
}

MetricsPanel::~MetricsPanel()
{
    disconnect(mSnapshotConnection);
    mRunner->shutdown();
}

void MetricsPanel::evaluateNow()
{
    requestEvaluation(false);
}

void MetricsPanel::requestEvaluation(bool automatic)
{
    if (!mController->hasSession()) {
        mError->setText(tr("There is no model to evaluate yet: train one or open a checkpoint."));
        mError->setVisible(true);
        return;
    }
    mError->setVisible(false);
    mRunner->expectSnapshot(mSamples->value(), automatic);
    if (!mRunningId) {
        mWaitingForCopy = true;
        mProgress->setValue(0);
        mStage->setText(tr("copying the model…"));
    }
    mController->requestSnapshot();
    updateControls();
}

void MetricsPanel::cancel()
{
    mRunner->cancel();
    mWaitingForCopy = false;
    if (!mRunningId)
        mStage->setText(QString());
    updateControls();
}

void MetricsPanel::setEveryStepsEnabled(bool on)
{
    mEveryCheck->setChecked(on);
}

void MetricsPanel::setEverySteps(int steps)
{
    mEverySteps->setValue(steps);
}

void MetricsPanel::setSamples(int samples)
{
    mSamples->setValue(samples);
}

bool MetricsPanel::isEvaluating() const
{
    return mRunningId != 0 || mRunner->isBusy();
}

QString MetricsPanel::statusText() const
{
    return mStatus->text();
}

void MetricsPanel::syncEveryBucket()
{
    // Multiples of N already passed do not count: the next one does.
    mLastBucket = mController->step() / std::max(1, mEverySteps->value());
}

void MetricsPanel::onStats(const gs::StepStats &stats)
{
    if (stats.step >= mLastStatsStep) {
        mLastStatsStep = stats.step;
        mLastSeconds = stats.seconds;
    }
    if (!mEveryCheck->isChecked() || !mController->isTraining())
        return;
    const long bucket = stats.step / std::max(1, mEverySteps->value());
    if (bucket <= mLastBucket)
        return;
    mLastBucket = bucket;
    requestEvaluation(true);
}

void MetricsPanel::onStarted(quint64 id, qint64, bool)
{
    mRunningId = id;
    mWaitingForCopy = false;
    mProgress->setValue(0);
    updateControls();
}

void MetricsPanel::onProgress(quint64 id, double fraction, const QString &stage)
{
    if (id != mRunningId)
        return;
    mProgress->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * mProgress->maximum())));
    mStage->setText(stage);
}

void MetricsPanel::onFinished(quint64 id, const QualityReportPtr &report, bool automatic)
{
    if (id == mRunningId)
        mRunningId = 0;
    const QLocale locale;
    if (report->cancelled) {
        mStage->setText(tr("cancelled"));
        if (!mResults->hasReport())
            setStatus(tr("The evaluation was cancelled; there are no results yet."));
        updateControls();
        return;
    }
    mResults->showReport(*report);
    ++mCompleted;
    setStatus(tr("Computed at step <b>%1</b> (%2) · %3 samples · %4 s")
                  .arg(locale.toString(qlonglong(report->step)),
                       automatic ? tr("every %1 steps").arg(locale.toString(mEverySteps->value()))
                                 : tr("evaluated on request"),
                       locale.toString(report->samples), locale.toString(report->seconds, 'f', 1)));
    QStringList names, keys;
    QVector<double> values;
    for (const gs::QualityMetric &metric : report->metrics) {
        keys << QString::fromStdString(metric.key);
        names << seriesName(keys.last());
        values << metric.value;
    }
    emit evaluated(report->step, names, values);
    const double seconds = mLastStatsStep >= 0 && mLastStatsStep <= report->step
                               ? mLastSeconds
                               : std::numeric_limits<double>::quiet_NaN();
    emit qualityRecorded(report->step, seconds, keys, values);
    updateControls();
}

void MetricsPanel::onFailed(quint64 id, const QString &message, bool)
{
    if (id == mRunningId)
        mRunningId = 0;
    mStage->setText(tr("failed"));
    mError->setText(message);
    mError->setVisible(true);
    updateControls();
}

void MetricsPanel::resetForSession()
{
    mRunner->cancel();
    mRunningId = 0;
    mWaitingForCopy = false;
    mLastStatsStep = -1;
    mLastSeconds = 0;
    mLastBucket = -1;
    mResults->clear();
    mProgress->setValue(0);
    mStage->clear();
    mError->setVisible(false);
    setStatus(tr("No evaluation yet for this session."));
    updateControls();
}

void MetricsPanel::updateControls()
{
    const bool session = mController->hasSession();
    mEvaluateButton->setEnabled(session);
    mEvaluateButton->setToolTip(session ? tr("Score a copy of the current model on its own "
                                             "thread; training goes on meanwhile.")
                                        : tr("Train a model or open a checkpoint first."));
    mCancelButton->setEnabled(mRunningId != 0 || mWaitingForCopy || mRunner->isBusy());
}

void MetricsPanel::setStatus(const QString &text)
{
    mStatus->setText(text);
}
