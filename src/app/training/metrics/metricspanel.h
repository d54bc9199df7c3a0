// metricspanel.h — the Training tab's Metrics panel: scores the current model
// (the live training session, or the checkpoint the person opened) with
// gs::evaluate_quality — FID, KID, precision and recall on the GenStudio
// classifier's features, the class histogram, each family's own numbers.
// "Evaluate now" takes the number of samples; "Every N steps during training"
// evaluates a copy of the model each time training passes a multiple of N. A
// progress bar shows the stage, Cancel stops the running evaluation and keeps
// the previous results. Each evaluation's metrics leave as evaluated(), which
// the Training view hands to the loss plot ("eval_<key>" series), and as
// qualityRecorded() for a run folder's quality.csv. The samples and the
// every-N choice are remembered (StudioSettings).
//
// Ownership: a widget of the Training view; owns its EvaluationRunner (the
// evaluation thread) and borrows the controller. Copies come from
// TrainingController::requestSnapshot; the bytes go from the training thread
// straight to the runner, never through the GUI thread.
// Thread affinity: GUI thread. Failure modes: a failed evaluation shows its
// sentence in the panel and keeps the previous results; stopping training
// cancels every-N-steps evaluations (not an "Evaluate now"); a new or closed
// session cancels everything; destroying the panel cancels and joins.
#pragma once

#include <QMetaObject>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "training/metrics/evaluationrunner.h"

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QualityResultsView;
class TrainingController;

namespace gs {
struct StepStats;
}

class MetricsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MetricsPanel(TrainingController *controller, QWidget *parent = nullptr);
    ~MetricsPanel() override;

    // The series prefix under which the loss plot draws evaluated metrics.
    static QString seriesName(const QString &key) { return QStringLiteral("eval_") + key; }

    void evaluateNow();
    void cancel();
    void setEveryStepsEnabled(bool on);
    void setEverySteps(int steps);
    void setSamples(int samples);

    bool isEvaluating() const;
    int evaluationsCompleted() const { return mCompleted; }
    QualityResultsView *results() const { return mResults; }
    EvaluationRunner *runner() const { return mRunner; }
    QProgressBar *progressBar() const { return mProgress; }
    QString statusText() const;

signals:
    // The evaluated metrics at `step`, named seriesName(key) for the loss plot.
    void evaluated(qint64 step, const QStringList &names, const QVector<double> &values);
    // The same numbers under their report keys, with the training time at that
    // step (NaN when unknown): RunWriter::write_quality's arguments. Connect
    // it where a run folder is written (see TrainingView).
    void qualityRecorded(qint64 step, double seconds, const QStringList &keys,
                         const QVector<double> &values);

private:
    void requestEvaluation(bool automatic);
    void onStats(const gs::StepStats &stats);
    void onStarted(quint64 id, qint64 step, bool automatic);
    void onProgress(quint64 id, double fraction, const QString &stage);
    void onFinished(quint64 id, const QualityReportPtr &report, bool automatic);
    void onFailed(quint64 id, const QString &message, bool automatic);
    void resetForSession();
    void syncEveryBucket();
    void updateControls();
    void setStatus(const QString &text);

    TrainingController *mController;
    EvaluationRunner *mRunner;
    QMetaObject::Connection mSnapshotConnection;
    QSpinBox *mSamples = nullptr;
    QPushButton *mEvaluateButton = nullptr;
    QPushButton *mCancelButton = nullptr;
    QProgressBar *mProgress = nullptr;
    QLabel *mStage = nullptr;
    QCheckBox *mEveryCheck = nullptr;
    QSpinBox *mEverySteps = nullptr;
    QLabel *mStatus = nullptr;
    QLabel *mError = nullptr;
    QualityResultsView *mResults = nullptr;

    quint64 mRunningId = 0;  // the evaluation the progress bar shows (0: none)
    bool mWaitingForCopy = false;
    long mLastBucket = -1;   // every-N: the last multiple of N evaluated (step / N)
    double mLastSeconds = 0; // training time at the latest statistics
    long mLastStatsStep = -1;
    double mSecondsOffset = 0; // training time of the runs before this one
    int mCompleted = 0;
};
