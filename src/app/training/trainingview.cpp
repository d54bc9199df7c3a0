#include "training/trainingview.h"

#include <QLabel>
#include <QFontDatabase>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

#include "core/model/capabilities.h"
#include "core/model/model_catalog.h"
#include "support/studiosettings.h"
#include "training/losspanel.h"
#include "training/metrics/metricspanel.h"
#include "widgets/advancedcontrol.h"
#include "training/sessionsummary.h"
#include "training/trainingcontroller.h"
#include "widgets/imageview.h"

namespace {

QLabel *captionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::RichText);
    return label;
}

QWidget *captionedBox(QLabel *caption, ImageView *view, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption);
    layout->addWidget(view, 1);
    return box;
}

bool isPointDataset(const std::string &id)
{
    const gs::DatasetInfo *info = gs::find_dataset(id);
    return info && info->points;
}

} // namespace

TrainingView::TrainingView(TrainingController *controller, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("trainingView"));
    mLossPanel = new LossPanel(this);

    mSampleView = new ImageView(this);
    mSampleView->setObjectName(QStringLiteral("sampleView"));
    mSampleView->setPlaceholderText(tr("Samples from a fixed batch of latent vectors appear "
                                       "here while the model trains."));
    mSampleView->setContextMenuPolicy(Qt::ActionsContextMenu);
    mReconstructionView = new ImageView(this);
    mReconstructionView->setObjectName(QStringLiteral("reconstructionView"));
    mReconstructionView->setPlaceholderText(tr("Fixed test images and their reconstructions "
                                               "appear here while the model trains."));
    mReconstructionView->setContextMenuPolicy(Qt::ActionsContextMenu);

    mSampleCaption = captionLabel(tr("<b>Samples</b>"), this);
    mReconstructionCaption = captionLabel(tr("<b>Reconstructions</b>"), this);
    mSampleBox = captionedBox(mSampleCaption, mSampleView, this);
    mReconstructionBox = captionedBox(mReconstructionCaption, mReconstructionView, this);

    mImageSplitter = new QSplitter(Qt::Horizontal, this);
    mImageSplitter->setObjectName(QStringLiteral("imageSplitter"));
    mImageSplitter->addWidget(mSampleBox);
    mImageSplitter->addWidget(mReconstructionBox);

    mTextView = new QPlainTextEdit(this);
    mTextView->setObjectName(QStringLiteral("textSampleView"));
    mTextView->setReadOnly(true);
    mTextView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    mTextView->setPlaceholderText(tr("A continuation of a fixed prompt appears here at each sample "
                                     "interval while the model trains."));
    mTextCaption = captionLabel(tr("<b>Text sample</b>"), this);
    mTextBox = new QWidget(this);
    auto *textLayout = new QVBoxLayout(mTextBox);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(mTextCaption);
    textLayout->addWidget(mTextView, 1);
    mTextBox->setVisible(false);
    mImageSplitter->addWidget(mTextBox);
    mImageSplitter->setChildrenCollapsible(false);

    mMainSplitter = new QSplitter(Qt::Vertical, this);
    mMainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    mMainSplitter->addWidget(mLossPanel);
    mMainSplitter->addWidget(mImageSplitter);
    mMainSplitter->setStretchFactor(0, 2);
    mMainSplitter->setStretchFactor(1, 3);
    mMainSplitter->setChildrenCollapsible(false);

    // The Metrics panel sits beside the loss plot and the images; its
    // evaluations join the loss plot as series ("eval_<key>").
    mMetricsPanel = new MetricsPanel(controller, this);
    markAdvanced(mMetricsPanel); // presenter mode gives its room to the plot and the pictures
    mMetricsSplitter = new QSplitter(Qt::Horizontal, this);
    mMetricsSplitter->setObjectName(QStringLiteral("metricsSplitter"));
    mMetricsSplitter->addWidget(mMainSplitter);
    mMetricsSplitter->addWidget(mMetricsPanel);
    mMetricsSplitter->setStretchFactor(0, 3);
    mMetricsSplitter->setStretchFactor(1, 1);
    connect(mMetricsPanel, &MetricsPanel::evaluated, mLossPanel, &LossPanel::appendMetrics);
    // Each evaluation is also recorded in the session's run folder (DIR/quality.csv).
    connect(mMetricsPanel, &MetricsPanel::qualityRecorded, controller, &TrainingController::recordQuality);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mMetricsSplitter);

    connect(controller, &TrainingController::newSessionQueued, this, &TrainingView::clear);
    connect(controller, &TrainingController::sessionReady, this, &TrainingView::showSession);
    connect(controller, &TrainingController::samplesReady, this, &TrainingView::showSamples);
    connect(controller, &TrainingController::textSampleReady, this, &TrainingView::showTextSample);
    connect(controller, &TrainingController::lossesDrained, this,
            [this](const QStringList &names, const std::vector<LossPoint> &points) {
                if (!names.isEmpty() && names != mLossPanel->seriesNames())
                    mLossPanel->setSeries(names);
                mLossPanel->appendPoints(points);
            });
    connect(controller, &TrainingController::metricsReady, mLossPanel, &LossPanel::appendMetrics);
}

void TrainingView::restoreLayout(const StudioSettings &settings, int height)
{
    if (!mMainSplitter->restoreState(settings.splitterState(QStringLiteral("main"))))
        mMainSplitter->setSizes({height * 2 / 5, height * 3 / 5});
    if (!mImageSplitter->restoreState(settings.splitterState(QStringLiteral("images"))))
        mImageSplitter->setSizes({1000, 1000, 1000}); // samples and reconstructions side by side, equal
    if (!mMetricsSplitter->restoreState(settings.splitterState(QStringLiteral("metrics")))) {
        const int total = std::max(width(), 900);
        // A quarter for the metrics: the samples keep room to show at full size or larger.
        mMetricsSplitter->setSizes({total - total / 4, total / 4});
    }
}

void TrainingView::saveLayout(StudioSettings &settings) const
{
    settings.setSplitterState(QStringLiteral("main"), mMainSplitter->saveState());
    settings.setSplitterState(QStringLiteral("images"), mImageSplitter->saveState());
    settings.setSplitterState(QStringLiteral("metrics"), mMetricsSplitter->saveState());
}

void TrainingView::clear()
{
    mLossPanel->clear();
    mSampleView->clear();
    mReconstructionView->clear();
    mSampleCaption->setText(tr("<b>Samples</b>"));
    mReconstructionCaption->setText(tr("<b>Reconstructions</b>"));
    mTextView->clear();
    mTextCaption->setText(tr("<b>Text sample</b>"));
}

void TrainingView::showSession(const SessionSummary &summary)
{
    mLossPanel->setSeries(summary.lossNames);
    mSampleView->clear();
    mReconstructionView->clear();
    mSampleView->setPlaceholderText(
        isPointDataset(summary.config.dataset.id)
            ? tr("This session trains on points: watch it in the Playground tab.")
            : tr("Samples from a fixed batch of latent vectors appear here while the model "
                 "trains."));
    mSampleBox->setVisible(summary.capabilities & gs::kCanSample);
    mReconstructionBox->setVisible(summary.capabilities & gs::kCanReconstruct);
    mTextView->clear();
    mTextBox->setVisible(summary.capabilities & gs::kGeneratesText);
}

void TrainingView::showTextSample(qint64 step, const QString &text, const QString &prompt)
{
    mTextView->setPlainText(text);
    mTextCaption->setText(tr("<b>Text sample</b> · the prompt “%1” continued from a fixed seed · step %2")
                              .arg(prompt.toHtmlEscaped(), QLocale().toString(step)));
}

void TrainingView::showSamples(qint64 step, const QImage &samples, const QImage &reconstructions)
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
}
