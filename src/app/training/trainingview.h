// trainingview.h — the Training tab: the live loss plot above the sample grid
// and the reconstructions, each image with its caption (text models: a text
// sample from a fixed prompt instead), with the Metrics panel (quality
// evaluations, training/metrics/) beside them. It follows the
// session of the TrainingController it is given: a new session clears it, the
// session's capabilities decide which images it shows, drained losses and
// sample images are drawn as they come.
//
// Ownership: a widget owned by the main window's tab widget; borrows the
// controller. The export actions in the images' and the plot's context menus
// belong to the main window (added with addAction).
// Thread affinity: GUI thread; the controller's signals arrive on it.
// Failure modes: none; an image the model cannot produce stays hidden.
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSplitter;
class ImageView;
class LossPanel;
class MetricsPanel;
class StudioSettings;
class TrainingController;
struct SessionSummary;

class TrainingView : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingView(TrainingController *controller, QWidget *parent = nullptr);

    LossPanel *lossPanel() const { return mLossPanel; }
    // Quality evaluations of the current model, beside the plot (training/metrics/).
    MetricsPanel *metricsPanel() const { return mMetricsPanel; }
    ImageView *sampleView() const { return mSampleView; }
    ImageView *reconstructionView() const { return mReconstructionView; }
    // Text models (kGeneratesText): the latest continuation of the fixed prompt,
    // shown instead of the image grids.
    QPlainTextEdit *textSampleView() const { return mTextView; }

    // The splitter positions ("main", "images", "metrics"); without saved ones the loss
    // plot takes 2/5 of `height`.
    void restoreLayout(const StudioSettings &settings, int height);
    void saveLayout(StudioSettings &settings) const;

private:
    void clear();
    void showSession(const SessionSummary &summary);
    void showSamples(qint64 step, const QImage &samples, const QImage &reconstructions);
    void showTextSample(qint64 step, const QString &text, const QString &prompt);

    LossPanel *mLossPanel = nullptr;
    ImageView *mSampleView = nullptr;
    ImageView *mReconstructionView = nullptr;
    QLabel *mSampleCaption = nullptr;
    QLabel *mReconstructionCaption = nullptr;
    QWidget *mSampleBox = nullptr;
    QWidget *mReconstructionBox = nullptr;
    QPlainTextEdit *mTextView = nullptr;
    QLabel *mTextCaption = nullptr;
    QWidget *mTextBox = nullptr;
    QSplitter *mMainSplitter = nullptr;
    QSplitter *mImageSplitter = nullptr;
    QSplitter *mMetricsSplitter = nullptr;
    MetricsPanel *mMetricsPanel = nullptr;
};
