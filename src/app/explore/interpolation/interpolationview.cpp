#include "explore/interpolation/interpolationview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>


#include "explore/interpolation/animationplayer.h"
#include "explore/bookmarkstore.h"
#include "support/imageconvert.h"
#include "explore/imagepickmenu.h"
#include "widgets/imageview.h"
#include "explore/interpolation/sequenceexport.h"
#include "support/studiosettings.h"

namespace {
constexpr int kIconSize = 40;
constexpr int kDefaultFrames = 10;
constexpr int kStripPriority = 100; // ExplorationWorker: lower runs first
} // namespace

InterpolationView::InterpolationView(ExplorationWorker *worker, BookmarkStore *bookmarks,
                                     QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mBookmarks(bookmarks)
    , mList(new QListWidget(this))
    , mAddSeed(new QPushButton(tr("Add Seed"), this))
    , mSeed(new QSpinBox(this))
    , mAddRandom(new QPushButton(tr("Add Random"), this))
    , mAddBookmark(new QPushButton(this))
    , mAddImage(new QPushButton(this))
    , mRemove(new QToolButton(this))
    , mUp(new QToolButton(this))
    , mDown(new QToolButton(this))
    , mMode(new QComboBox(this))
    , mFramesPerSegment(new QSpinBox(this))
    , mLoop(new QCheckBox(tr("Loop back to the first"), this))
    , mExportButton(new QPushButton(this))
    , mExportProgress(new QProgressBar(this))
    , mStatus(new QLabel(this))
    , mStripView(new ImageView(this))
    , mPlayer(new AnimationPlayer(this))
    , mExport(new SequenceExport(this))
{
    setObjectName(QStringLiteral("interpolationView"));
    mList->setObjectName(QStringLiteral("endpointList"));
    mStripView->setObjectName(QStringLiteral("stripView"));
    QStyle *s = style();
    mList->setIconSize(QSize(kIconSize, kIconSize));
    mList->setToolTip(tr("The endpoints in order; drop pictures here to add them"));
    mSeed->setRange(0, 1 << 30);
    mSeed->setPrefix(tr("seed "));
    mAddBookmark->setText(tr("Add Bookmark"));
    mAddBookmark->setMenu(new QMenu(mAddBookmark));
    mAddImage->setText(tr("Add Image"));
    auto *imageMenu = new ImagePickMenu(mWorker, mAddImage);
    mAddImage->setMenu(imageMenu);
    mRemove->setIcon(s->standardIcon(QStyle::SP_TrashIcon));
    mRemove->setObjectName(QStringLiteral("removeEndpointButton"));
    mAddRandom->setObjectName(QStringLiteral("addRandomEndpointButton"));
    mRemove->setToolTip(tr("Remove the selected endpoint"));
    mUp->setArrowType(Qt::UpArrow);
    mUp->setToolTip(tr("Move the selected endpoint earlier"));
    mDown->setArrowType(Qt::DownArrow);
    mDown->setToolTip(tr("Move the selected endpoint later"));
    mMode->addItem(tr("Spherical (slerp)"));
    mMode->addItem(tr("Linear (lerp)"));
    mMode->setToolTip(tr("Spherical interpolation keeps latents at the typical distance from "
                         "the centre of a Gaussian prior; linear passes closer to the centre."));
    mFramesPerSegment->setRange(2, 200);
    mFramesPerSegment->setValue(10);
    mFramesPerSegment->setSuffix(tr(" frames per segment"));
    mFramesPerSegment->setKeyboardTracking(false);
    mExportButton->setText(tr("Export"));
    auto *exportMenu = new QMenu(mExportButton);
    exportMenu->addAction(tr("PNG Strip…"), this,
                          [this] { chooseExport(ExportFormat::PngStrip); });
    exportMenu->addAction(tr("PNG Grid…"), this, [this] { chooseExport(ExportFormat::PngGrid); });
    exportMenu->addAction(tr("Animated GIF…"), this, [this] { chooseExport(ExportFormat::Gif); });
    exportMenu->addAction(tr("MP4 Video…"), this, [this] { chooseExport(ExportFormat::Mp4); });
    mExportButton->setMenu(exportMenu);
    mExportProgress->setRange(0, 0); // busy
    mExportProgress->setMaximumWidth(120);
    mExportProgress->hide();
    mStatus->setWordWrap(true);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(mSeed);
    addRow->addWidget(mAddSeed);
    addRow->addWidget(mAddRandom);
    auto *addRow2 = new QHBoxLayout;
    addRow2->addWidget(mAddBookmark);
    addRow2->addWidget(mAddImage);
    addRow2->addStretch(1);
    addRow2->addWidget(mUp);
    addRow2->addWidget(mDown);
    addRow2->addWidget(mRemove);
    auto *endpoints = new QGroupBox(tr("Endpoints"), this);
    auto *endpointLayout = new QVBoxLayout(endpoints);
    endpointLayout->addWidget(mList, 1);
    endpointLayout->addLayout(addRow);
    endpointLayout->addLayout(addRow2);
    auto *pathBox = new QGroupBox(tr("Path"), this);
    auto *pathLayout = new QVBoxLayout(pathBox);
    pathLayout->addWidget(mMode);
    pathLayout->addWidget(mFramesPerSegment);
    pathLayout->addWidget(mLoop);
    auto *exportRow = new QHBoxLayout;
    exportRow->addWidget(mExportButton);
    exportRow->addWidget(mExportProgress);
    exportRow->addStretch(1);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(endpoints, 1);
    leftLayout->addWidget(pathBox);
    leftLayout->addLayout(exportRow);
    leftLayout->addWidget(mStatus);

    mStripView->setPlaceholderText(tr("Add at least two endpoints."));
    mStripView->setMinimumHeight(80);
    mStripView->installEventFilter(this);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("<b>Strip</b>"), this));
    rightLayout->addWidget(mStripView, 1);
    rightLayout->addWidget(new QLabel(tr("<b>Animation</b>"), this));
    rightLayout->addWidget(mPlayer, 3);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(mAddSeed, &QPushButton::clicked, this, [this] { addSeed(unsigned(mSeed->value())); });
    connect(mAddRandom, &QPushButton::clicked, this, &InterpolationView::addRandom);
    connect(mAddBookmark->menu(), &QMenu::aboutToShow, this, [this] {
        QMenu *menu = mAddBookmark->menu();
        menu->clear();
        for (const LatentBookmark &b : mBookmarks->bookmarks(mInfo.bookmarkKey(), mInfo.latentDim))
            menu->addAction(b.name, this, [this, name = b.name] { addBookmark(name); });
        if (menu->isEmpty())
            menu->addAction(tr("No bookmarks for this model"))->setEnabled(false);
    });
    connect(imageMenu, &ImagePickMenu::datasetImageChosen, this,
            &InterpolationView::addDatasetImage);
    connect(imageMenu, &ImagePickMenu::imageChosen, this, &InterpolationView::addImage);
    connect(imageMenu, &ImagePickMenu::failed, this, &InterpolationView::error);
    connect(imageMenu, &ImagePickMenu::damaged, this, &InterpolationView::error);
    connect(mRemove, &QToolButton::clicked, this, [this] { removeEndpoint(mList->currentRow()); });
    connect(mUp, &QToolButton::clicked, this, [this] { moveEndpoint(mList->currentRow(), -1); });
    connect(mDown, &QToolButton::clicked, this, [this] { moveEndpoint(mList->currentRow(), 1); });
    connect(mList, &QListWidget::currentRowChanged, this, &InterpolationView::updateButtons);
    {
        // The path and speed a person chose last time.
        const StudioSettings settings;
        mMode->setCurrentIndex(settings.interpolationSlerp() ? 0 : 1);
        mFramesPerSegment->setValue(settings.interpolationFrames(kDefaultFrames));
    }
    connect(mMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        StudioSettings().setInterpolationSlerp(index == 0);
        requestStrip();
    });
    connect(mFramesPerSegment, &QSpinBox::valueChanged, this, [this](int frames) {
        StudioSettings().setInterpolationFrames(frames);
        requestStrip();
    });
    connect(mLoop, &QCheckBox::toggled, this, &InterpolationView::requestStrip);
    connect(mExport, &SequenceExport::finished, this, &InterpolationView::onExportDone);
    updateButtons();
}

// --- Endpoints ------------------------------------------------------------------

void InterpolationView::setModel(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo);
    mInfo = info;
    mAddImage->setEnabled(info.canEncode());
    mAddImage->setToolTip(info.canEncode() ? tr("Encode a test image or an image file")
                                           : tr("This model has no encoder: endpoints can be "
                                                "seeds, random latents or bookmarks."));
    if (same) {
        requestStrip(); // encoded images follow the encoder; new frames either way
        return;
    }
    mEndpoints.clear();
    mStrip.reset();
    mFrames.clear();
    // Start with something to look at: three real images for models that encode
    // (one garment turning into another), two seeds otherwise.
    if (info.canEncode()) {
        for (int index : {0, 1, 2})
            addDatasetImage(index);
    } else {
        mNextSeed = 1;
        addSeed(1);
        addSeed(2);
    }
    applyPendingSession();
}

void InterpolationView::addEndpoint(const LatentSource &source, const QString &label)
{
    mEndpoints.push_back({source, label});
    refreshList();
    mList->setCurrentRow(int(mEndpoints.size()) - 1);
    requestStrip();
}

bool InterpolationView::checkEncode(const QString &label)
{
    if (mInfo.canEncode())
        return true;
    emit error(tr("%1 cannot encode images (it has no encoder), so %2 cannot be an endpoint. "
                  "Use seeds, random latents or bookmarks.")
                   .arg(mInfo.modelName.isEmpty() ? tr("This model") : mInfo.modelName, label));
    return false;
}

void InterpolationView::addSeed(unsigned long seed)
{
    mNextSeed = std::max(mNextSeed, seed + 1);
    addEndpoint(LatentSource::fromSeed(seed), tr("seed %1").arg(seed));
}

void InterpolationView::addRandom()
{
    const unsigned long seed = QRandomGenerator::global()->bounded(1u << 30);
    addEndpoint(LatentSource::fromSeed(seed), tr("random (seed %1)").arg(seed));
}

void InterpolationView::addLatent(const gs::Latent &z, const QString &label)
{
    if (int(z.size()) != mInfo.latentDim) {
        emit error(tr("That latent has %1 values but this model's has %2.")
                       .arg(z.size())
                       .arg(mInfo.latentDim));
        return;
    }
    addEndpoint(LatentSource::fromLatent(z), label);
}

bool InterpolationView::addBookmark(const QString &name)
{
    for (const LatentBookmark &b : mBookmarks->bookmarks(mInfo.bookmarkKey(), mInfo.latentDim)) {
        if (b.name == name) {
            addEndpoint(LatentSource::fromLatent(b.latent), tr("bookmark “%1”").arg(name));
            return true;
        }
    }
    return false;
}

void InterpolationView::addImage(const gs::Image &image, const QString &label)
{
    if (checkEncode(label))
        addEndpoint(LatentSource::fromImage(image), label);
}

void InterpolationView::addDatasetImage(int index)
{
    const QString label = tr("test image #%1").arg(index);
    if (checkEncode(label))
        addEndpoint(LatentSource::fromDatasetImage(index), label);
}

void InterpolationView::removeEndpoint(int index)
{
    if (index < 0 || index >= endpointCount())
        return;
    mEndpoints.erase(mEndpoints.begin() + index);
    refreshList();
    mList->setCurrentRow(std::min(index, endpointCount() - 1));
    requestStrip();
}

void InterpolationView::moveEndpoint(int index, int delta)
{
    const int to = index + delta;
    if (index < 0 || index >= endpointCount() || to < 0 || to >= endpointCount())
        return;
    std::swap(mEndpoints[size_t(index)], mEndpoints[size_t(to)]);
    refreshList();
    mList->setCurrentRow(to);
    requestStrip();
}

void InterpolationView::clearEndpoints()
{
    mEndpoints.clear();
    refreshList();
    requestStrip();
}

QString InterpolationView::endpointLabel(int index) const
{
    return index >= 0 && index < endpointCount() ? mEndpoints[size_t(index)].label : QString();
}

void InterpolationView::refreshList()
{
    const QSignalBlocker blocker(mList);
    mList->clear();
    const int per = framesPerSegment() - 1;
    for (size_t i = 0; i < mEndpoints.size(); ++i) {
        auto *item = new QListWidgetItem(mEndpoints[i].label, mList);
        const int frame = int(i) * per; // the endpoint's frame in the strip
        if (mStrip && frame < mFrames.size() && mStrip->latents.size() > 0)
            item->setIcon(QIcon(QPixmap::fromImage(mFrames[frame].scaled(
                kIconSize, kIconSize, Qt::KeepAspectRatio, Qt::FastTransformation))));
    }
    updateButtons();
}

// --- Path and frames ------------------------------------------------------------

int InterpolationView::framesPerSegment() const
{
    return mFramesPerSegment->value();
}

void InterpolationView::setFramesPerSegment(int frames)
{
    mFramesPerSegment->setValue(frames);
}

bool InterpolationView::spherical() const
{
    return mMode->currentIndex() == 0;
}

void InterpolationView::setSpherical(bool on)
{
    mMode->setCurrentIndex(on ? 0 : 1);
}

void InterpolationView::setLoop(bool on)
{
    mLoop->setChecked(on);
}

void InterpolationView::requestStrip()
{
    if (!mInfo.canDecodeImages() || mEndpoints.size() < 2) {
        mStripTicket = 0;
        mStrip.reset();
        mFrames.clear();
        mStripView->clear();
        mPlayer->setFrames({});
        updateButtons();
        return;
    }
    std::vector<LatentSource> sources;
    for (const Endpoint &e : mEndpoints)
        sources.push_back(e.source);
    if (mLoop->isChecked())
        sources.push_back(mEndpoints.front().source);
    mStatus->setText(tr("Decoding…"));
    mStripTicket = mWorker->submit(
        {this, QStringLiteral("strip"), kStripPriority},
        LatentJobs::interpolate(sources, framesPerSegment(), spherical(), true),
        [this](const ExploreResultPtr &result) { onResult(result); },
        [this](quint64 ticket, const QString &message) { onFailed(ticket, message); });
}

void InterpolationView::onResult(const ExploreResultPtr &result)
{
    if (result->ticket != mStripTicket)
        return;
    mStrip = result;
    mFrames = result->images;
    if (mLoop->isChecked() && mFrames.size() > 1)
        mFrames.removeLast(); // the first frame again: a seamless loop
    showStrip();
    mPlayer->setFrames(mFrames);
    mStatus->setText(tr("%1 frames, %2, step %3")
                         .arg(mFrames.size())
                         .arg(spherical() ? tr("spherical") : tr("linear"))
                         .arg(result->step));
    refreshList();
    emit stripShown(int(mFrames.size()));
}

void InterpolationView::showStrip()
{
    const QSize frame = mFrames.isEmpty() ? QSize(1, 1) : mFrames.first().size() + QSize(2, 2);
    const int columns = bestColumns(int(mFrames.size()), frame, mStripView->size() - QSize(12, 12));
    mStripView->setImage(tileImages(mFrames, columns, 2));
}

bool InterpolationView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == mStripView && event->type() == QEvent::Resize && !mFrames.isEmpty())
        showStrip();
    return QWidget::eventFilter(watched, event);
}

void InterpolationView::onFailed(quint64 ticket, const QString &message)
{
    if (ticket == mStripTicket) {
        mStatus->setText(message);
        emit error(message);
    }
}

QImage InterpolationView::stripImage() const
{
    return mStripView->image();
}

// --- Export ---------------------------------------------------------------------

void InterpolationView::chooseExport(ExportFormat format)
{
    const QString suffix = SequenceExport::suffix(format);
    const QString name = format == ExportFormat::PngGrid ? QStringLiteral("grid")
                                                         : QStringLiteral("interpolation");
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Interpolation"),
        QDir::home().filePath(QStringLiteral("%1-%2.%3").arg(mInfo.modelId, name, suffix)),
        SequenceExport::fileFilter(format));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().compare(suffix, Qt::CaseInsensitive) != 0)
        path += QLatin1Char('.') + suffix;
    exportTo(path, format);
}

bool InterpolationView::exportTo(const QString &path, ExportFormat format)
{
    std::vector<gs::Image> frames;
    if (mStrip)
        frames = mStrip->frames;
    if (mLoop->isChecked() && frames.size() > 1)
        frames.pop_back(); // the first frame again
    QString message;
    if (!mExport->start(std::move(frames), path, format, mPlayer->fps(), &message)) {
        emit error(message);
        return false;
    }
    mExportProgress->show();
    mExportButton->setEnabled(false);
    mStatus->setText(tr("Exporting %1…").arg(QFileInfo(path).fileName()));
    return true;
}

void InterpolationView::onExportDone(const QString &path, bool ok, const QString &message)
{
    mExportProgress->hide();
    mExportButton->setEnabled(true);
    mStatus->setText(message);
    if (ok)
        emit notice(message);
    else
        emit error(message);
    emit exportFinished(path, ok, message);
}

void InterpolationView::updateButtons()
{
    const bool model = mInfo.canDecodeImages();
    const int row = mList->currentRow();
    for (QWidget *w : std::initializer_list<QWidget *>{mAddSeed, mAddRandom, mAddBookmark})
        w->setEnabled(model);
    mRemove->setEnabled(row >= 0);
    mUp->setEnabled(row > 0);
    mDown->setEnabled(row >= 0 && row + 1 < endpointCount());
    mExportButton->setEnabled(!mFrames.isEmpty() && !isExporting());
}
