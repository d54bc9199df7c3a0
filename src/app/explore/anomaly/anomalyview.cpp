#include "explore/anomaly/anomalyview.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include "core/metrics/anomaly.h"
#include "explore/anomaly/anomalyplots.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {
constexpr int kDefaultLimit = 2000;
constexpr int kBins = 40;
constexpr int kAnomalyPriority = 128; // ExplorationWorker: lower runs first (after samples)
constexpr int kStripGap = 2;

QLabel *stripTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setMinimumWidth(110);
    label->setWordWrap(true);
    return label;
}
} // namespace

AnomalyView::AnomalyView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mAuroc(std::numeric_limits<double>::quiet_NaN())
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mTestButton(new QPushButton(tr("Score Test Set"), this))
    , mLimit(new QSpinBox(this))
    , mFolderButton(new QPushButton(tr("Score Folder…"), this))
    , mNormal(new QComboBox(this))
    , mCaption(new QLabel(this))
    , mTypicalStrip(new ImageView(this))
    , mAtypicalStrip(new ImageView(this))
    , mPlots(new AnomalyPlots(this))
{
    setObjectName(QStringLiteral("anomalyView"));
    mUnavailable->setObjectName(QStringLiteral("anomalyUnavailable"));
    mTestButton->setObjectName(QStringLiteral("scoreTestSetButton"));
    mTestButton->setToolTip(tr("Score the first test images with the current model"));
    mLimit->setObjectName(QStringLiteral("anomalyTestLimit"));
    mLimit->setRange(100, 10000);
    mLimit->setSingleStep(500);
    mLimit->setValue(kDefaultLimit);
    mLimit->setSuffix(tr(" test images"));
    mLimit->setGroupSeparatorShown(true);
    mLimit->setKeyboardTracking(false);
    mFolderButton->setObjectName(QStringLiteral("scoreFolderButton"));
    mFolderButton->setToolTip(tr("Score every image under a folder (or drop a folder here); "
                                 "subfolders are classes"));
    mNormal->setObjectName(QStringLiteral("normalClassCombo"));
    mNormal->setToolTip(tr("The class taken as normal: the ROC curve shows how well the scores "
                           "tell the other classes from it"));
    mCaption->setObjectName(QStringLiteral("anomalyCaption"));
    mCaption->setTextFormat(Qt::RichText);
    mCaption->setWordWrap(true);
    mTypicalStrip->setObjectName(QStringLiteral("typicalStrip"));
    mAtypicalStrip->setObjectName(QStringLiteral("atypicalStrip"));
    mTypicalStrip->setPlaceholderText(tr("The most typical images appear here."));
    mAtypicalStrip->setPlaceholderText(tr("The least typical images appear here."));
    for (ImageView *strip : {mTypicalStrip, mAtypicalStrip}) {
        strip->setMinimumHeight(60);
        strip->setMaximumHeight(110);
    }
    mNormal->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto *controls = new QHBoxLayout;
    controls->addWidget(mTestButton);
    controls->addWidget(mLimit);
    controls->addWidget(mFolderButton);
    controls->addStretch();
    controls->addWidget(new QLabel(tr("Normal class:"), this));
    controls->addWidget(mNormal);
    auto *typicalRow = new QHBoxLayout;
    typicalRow->addWidget(stripTitle(tr("<b>Most typical</b><br>(lowest scores)"), this));
    typicalRow->addWidget(mTypicalStrip, 1);
    auto *atypicalRow = new QHBoxLayout;
    atypicalRow->addWidget(stripTitle(tr("<b>Least typical</b><br>(highest scores)"), this));
    atypicalRow->addWidget(mAtypicalStrip, 1);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(controls);
    pageLayout->addWidget(mCaption);
    pageLayout->addLayout(typicalRow);
    pageLayout->addLayout(atypicalRow);
    pageLayout->addWidget(mPlots, 1);
    mStack->setPage(page);

    connect(mTestButton, &QPushButton::clicked, this, &AnomalyView::scoreTestSet);
    connect(mLimit, &QSpinBox::valueChanged, this, [this] {
        if (mFolder.isEmpty())
            request();
    });
    connect(mFolderButton, &QPushButton::clicked, this, &AnomalyView::chooseFolder);
    connect(mNormal, &QComboBox::activated, this, [this] {
        mNormalChosen = true;
        updatePlots();
    });
    mUnavailable->setText(unavailableReason(mInfo));
    updateNormalChoices();
}

int AnomalyView::testLimit() const
{
    return mLimit->value();
}

void AnomalyView::setTestLimit(int n)
{
    mLimit->setValue(n);
}

int AnomalyView::normalClass() const
{
    return mNormal->currentData().toInt();
}

void AnomalyView::setNormalClass(int label)
{
    const int index = mNormal->findData(label);
    if (index < 0)
        return;
    mNormalChosen = true;
    mNormal->setCurrentIndex(index);
    updatePlots();
}

void AnomalyView::scoreTestSet()
{
    mFolder.clear();
    request();
}

void AnomalyView::scoreFolder(const QString &folder)
{
    mFolder = folder;
    request();
}

void AnomalyView::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of images to score"), mFolder);
    if (!dir.isEmpty())
        scoreFolder(dir);
}

void AnomalyView::modelChanged(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo) && info.checkpointPath == mInfo.checkpointPath;
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    if (!available || !same) {
        mRequested = mShown = 0;
        mScores = {};
        mTypical.clear();
        mAtypical.clear();
        mTypicalStrip->clear();
        mAtypicalStrip->clear();
        mNormalChosen = false;
        mFolder.clear();
        updateNormalChoices();
        mPlots->clear();
        mAuroc = std::numeric_limits<double>::quiet_NaN();
        mCaption->clear();
    }
    if (available) {
        mSessionControls.modelArrived(sessionControls()); // a restored session's test limit
        request(); // new weights: score again
    }
}

void AnomalyView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (takeDeferred())
        request();
}

void AnomalyView::request()
{
    if (!isAvailable(mInfo))
        return;
    if (deferWhileHidden())
        return; // caught up when shown
    const std::string folder = QFile::encodeName(mFolder).toStdString();
    const long limit = testLimit();
    auto job = [folder, limit](const ExploreJobContext &context) {
        const gs::AnomalyExplorer anomaly(context.model, context.data);
        Result r;
        r.scores = folder.empty() ? anomaly.score_test_set(limit) : anomaly.score_folder(folder);
        r.trainedClass = anomaly.trained_class();
        r.step = context.step;
        r.ticket = context.ticket;
        const std::vector<int> order = gs::rank_by_score(r.scores.scores);
        const int n = int(order.size());
        for (int i = 0; i < std::min(kStripLength, n); ++i) {
            r.typicalItems << order[i];
            r.typical << toQImage(anomaly.item_image(r.scores, order[i]));
            r.atypicalItems << order[n - 1 - i];
            r.atypical << toQImage(anomaly.item_image(r.scores, order[n - 1 - i]));
        }
        r.scores.images.clear(); // the strips have what is shown
        return r;
    };
    mRequested = mWorker->submit(
        {this, QStringLiteral("anomaly"), kAnomalyPriority}, std::move(job),
        [this](const std::shared_ptr<const Result> &result) { onResult(*result); },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mRequested)
                emit error(message);
        });
    mCaption->setText(mCaption->text().isEmpty() ? tr("Scoring…") : mCaption->text());
}

void AnomalyView::onResult(const Result &result)
{
    if (mRequested == 0 || result.ticket <= mShown)
        return; // the model changed meanwhile, or a newer result is shown
    mShown = result.ticket;
    mShownStep = result.step;
    const QStringList before = [this] {
        QStringList names;
        for (const auto &n : mScores.class_names)
            names << QString::fromStdString(n);
        return names;
    }();
    mScores = result.scores;
    mTypical = result.typical;
    mAtypical = result.atypical;
    mTypicalStrip->setImage(tileImages(mTypical, 0, kStripGap));
    mAtypicalStrip->setImage(tileImages(mAtypical, 0, kStripGap));
    QStringList names;
    for (const auto &n : mScores.class_names)
        names << QString::fromStdString(n);
    if (names != before || mNormal->count() != names.size() + 1)
        updateNormalChoices();
    if (!mNormalChosen && result.trainedClass >= 0 && result.trainedClass < names.size())
        mNormal->setCurrentIndex(mNormal->findData(result.trainedClass));
    applyPendingNormal(); // a restored session's normal class, now that the scores name it
    for (const auto &warning : mScores.warnings)
        emit notice(QString::fromStdString(warning));
    updatePlots();
    emit scoresShown(int(mScores.scores.size()));
}

void AnomalyView::updateNormalChoices()
{
    const int previous = mNormal->count() > 0 ? normalClass() : -1;
    mNormal->clear();
    mNormal->addItem(tr("none"), -1);
    for (size_t i = 0; i < mScores.class_names.size(); ++i)
        mNormal->addItem(QString::fromStdString(mScores.class_names[i]), int(i));
    const int index = mNormal->findData(previous);
    mNormal->setCurrentIndex(index < 0 ? 0 : index);
    mNormal->setEnabled(mNormal->count() > 1);
}

void AnomalyView::updatePlots()
{
    mAuroc = std::numeric_limits<double>::quiet_NaN();
    if (mScores.scores.empty()) {
        mPlots->clear();
        return;
    }
    QStringList names;
    for (const auto &n : mScores.class_names)
        names << QString::fromStdString(n);
    const int normal = normalClass();
    const QString scoreName = QString::fromStdString(mScores.score_name);
    mPlots->setHistograms(gs::score_histograms(mScores.scores, mScores.labels, kBins), names, scoreName, normal);
    QString aurocText;
    if (normal < 0) {
        mPlots->clearRoc(names.isEmpty() ? tr("ROC: the images have no classes") : tr("ROC: pick a normal class"));
    } else {
        try {
            const gs::RocCurve roc = gs::roc_for_normal_class(mScores.scores, mScores.labels, normal);
            mAuroc = roc.auroc;
            mPlots->setRoc(roc, tr("ROC, normal: %1 · AUROC %2").arg(names.value(normal)).arg(roc.auroc, 0, 'f', 3));
            aurocText = tr(" · normal <b>%1</b>: AUROC <b>%2</b> (%3 normal, %4 other)")
                            .arg(names.value(normal).toHtmlEscaped())
                            .arg(roc.auroc, 0, 'f', 3)
                            .arg(roc.negatives)
                            .arg(roc.positives);
        } catch (const std::exception &e) {
            mPlots->clearRoc(tr("ROC: %1").arg(QString::fromStdString(e.what())));
        }
    }
    const QString source = mScores.files.empty()
        ? tr("%1 test images").arg(QLocale().toString(qlonglong(mScores.scores.size())))
        : tr("%1 images of %2")
              .arg(QLocale().toString(qlonglong(mScores.scores.size())))
              .arg(QFileInfo(mFolder).fileName().toHtmlEscaped());
    mCaption->setText(tr("<b>%1</b> scored by %2 · step %3 · %4 s%5<br><small>%6</small>")
                          .arg(source, scoreName.toHtmlEscaped())
                          .arg(QLocale().toString(mShownStep))
                          .arg(mScores.seconds, 0, 'f', 2)
                          .arg(aurocText, QString::fromStdString(mScores.method).toHtmlEscaped()));
}

QString AnomalyView::captionText() const
{
    return mCaption->text();
}
