#include "explore/samples/samplesview.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "support/imageconvert.h"
#include "support/imagefile.h"
#include "support/studiosettings.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

namespace {
constexpr int kDefaultCount = 16;
constexpr int kSeedLimit = 1 << 30;
constexpr int kSamplesPriority = 125; // ExplorationWorker: lower runs first
} // namespace

SamplesView::SamplesView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mStack(new UnavailableStack(this))
    , mUnavailable(mStack->note())
    , mCount(new QSpinBox(this))
    , mSeed(new QSpinBox(this))
    , mNewSeeds(new QPushButton(tr("New Seeds"), this))
    , mExport(new QPushButton(tr("Export PNG…"), this))
    , mCaption(new QLabel(this))
    , mView(new ImageView(this))
{
    setObjectName(QStringLiteral("samplesView"));
    mUnavailable->setObjectName(QStringLiteral("samplesUnavailable"));
    mCount->setObjectName(QStringLiteral("sampleCount"));
    mCount->setRange(kMinCount, kMaxCount);
    mCount->setValue(kDefaultCount);
    mCount->setSuffix(tr(" samples"));
    mCount->setToolTip(tr("How many samples the grid shows"));
    mCount->setKeyboardTracking(false);
    mSeed->setObjectName(QStringLiteral("sampleSeed"));
    mSeed->setRange(0, kSeedLimit - 1);
    mSeed->setValue(1);
    mSeed->setPrefix(tr("seed "));
    mSeed->setToolTip(tr("The first sample's seed; the others follow it (seed + 1, seed + 2, …)"));
    mSeed->setKeyboardTracking(false);
    mNewSeeds->setObjectName(QStringLiteral("newSeedsButton"));
    mNewSeeds->setToolTip(tr("Draw another first seed"));
    mExport->setObjectName(QStringLiteral("exportSamplesButton"));
    mExport->setToolTip(tr("Save the grid as shown as a PNG file"));
    mCaption->setTextFormat(Qt::RichText);
    mView->setObjectName(QStringLiteral("samplesGrid"));
    mView->setPlaceholderText(tr("The samples appear here."));

    auto *controls = new QHBoxLayout;
    controls->addWidget(mCount);
    controls->addWidget(mSeed);
    controls->addWidget(mNewSeeds);
    controls->addWidget(mCaption, 1);
    controls->addWidget(mExport);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addLayout(controls);
    pageLayout->addWidget(mView, 1);
    mStack->setPage(page);

    connect(mCount, &QSpinBox::valueChanged, this, &SamplesView::requestSamples);
    connect(mSeed, &QSpinBox::valueChanged, this, &SamplesView::requestSamples);
    connect(mNewSeeds, &QPushButton::clicked, this, &SamplesView::newSeeds);
    connect(mExport, &QPushButton::clicked, this, &SamplesView::chooseExport);
    mUnavailable->setText(unavailableReason(mInfo));
    mExport->setEnabled(false);
    updateCaption();
}

int SamplesView::count() const
{
    return mCount->value();
}

void SamplesView::setCount(int count)
{
    mCount->setValue(std::clamp(count, kMinCount, kMaxCount));
}

unsigned long SamplesView::seed() const
{
    return static_cast<unsigned long>(mSeed->value());
}

void SamplesView::setSeed(unsigned long seed)
{
    mSeed->setValue(static_cast<int>(seed % kSeedLimit));
}

void SamplesView::newSeeds()
{
    setSeed(QRandomGenerator::global()->bounded(static_cast<quint32>(kSeedLimit)));
}

int SamplesView::columns() const
{
    return static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count()))));
}

QString SamplesView::unavailableText() const
{
    return mUnavailable->text();
}

void SamplesView::modelChanged(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo);
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    if (!available || !same) {
        mRequested = mShown = 0;
        mImages.clear();
        mGrid = QImage();
        mView->clear();
    }
    mExport->setEnabled(!mGrid.isNull());
    if (available)
        requestSamples(); // new weights, the same seeds
    updateCaption();
}

void SamplesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (takeDeferred())
        requestSamples();
}

void SamplesView::requestSamples()
{
    if (!isAvailable(mInfo))
        return;
    if (deferWhileHidden())
        return; // caught up when shown
    std::vector<LatentSource> seeds;
    for (int i = 0; i < count(); ++i)
        seeds.push_back(LatentSource::fromSeed(seed() + static_cast<unsigned long>(i)));
    mRequested = mWorker->submit(
        {this, QStringLiteral("samples"), kSamplesPriority},
        LatentJobs::resolveSources(seeds, /*alsoDecode=*/true),
        [this](const ExploreResultPtr &result) { onSamples(*result); },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mRequested)
                emit error(message);
        });
    updateCaption();
}

void SamplesView::onSamples(const ExploreResult &result)
{
    if (result.ticket != mRequested)
        return;
    mShown = result.ticket;
    mShownStep = result.step;
    mImages = result.images;
    mGrid = tileImages(mImages, columns(), kGap);
    mView->setImage(mGrid);
    mExport->setEnabled(!mGrid.isNull());
    updateCaption();
    emit samplesShown(int(mImages.size()));
}

void SamplesView::updateCaption()
{
    if (!isAvailable(mInfo)) {
        mCaption->clear();
        return;
    }
    QString text = tr("<b>Samples</b> · seeds %1–%2")
                       .arg(seed())
                       .arg(seed() + static_cast<unsigned long>(count()) - 1);
    if (isUpToDate())
        text += tr(" · step %1").arg(QLocale().toString(mShownStep));
    else
        text += tr(" · decoding…");
    mCaption->setText(text);
}

bool SamplesView::exportPng(const QString &path)
{
    if (mGrid.isNull()) {
        emit error(tr("There are no samples to export yet."));
        return false;
    }
    QString message;
    if (!writePngFile(mGrid, path, &message)) {
        emit error(message);
        return false;
    }
    emit notice(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void SamplesView::chooseExport()
{
    StudioSettings settings;
    const QString suggested
        = QDir(settings.lastDirectory()).filePath(QStringLiteral("samples-seed%1.png").arg(seed()));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Samples"), suggested,
                                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    exportPng(path);
}
