#include "explore/translate/domainbrowser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "explore/latentjobs.h"
#include "explore/translate/translationjobs.h"
#include "widgets/notelabel.h"
#include "widgets/thumbnaillist.h"

namespace {
constexpr int kThumb = 44;
constexpr int kColumns = 4;
constexpr int kRows = DomainBrowser::kPageSize / kColumns;
constexpr int kPagePriority = 110; // ExplorationWorker: lower runs first
} // namespace

DomainBrowser::DomainBrowser(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , mWorker(worker)
    , mDomain(new QComboBox(this))
    , mIndex(new QSpinBox(this))
    , mPrevious(new QToolButton(this))
    , mNext(new QToolButton(this))
    , mList(new QListWidget(this))
    , mStatus(makeNoteLabel(this))
{
    setObjectName(QStringLiteral("domainBrowser"));
    mDomain->setObjectName(QStringLiteral("domainCombo"));
    mDomain->addItem(tr("Domain A"));
    mDomain->addItem(tr("Domain B"));
    mDomain->setToolTip(tr("Which half of the translation dataset the test image comes from"));
    mIndex->setObjectName(QStringLiteral("testImageIndex"));
    mIndex->setPrefix(tr("test image #"));
    mIndex->setRange(0, 0);
    mIndex->setKeyboardTracking(false);
    mIndex->setToolTip(tr("The test image to translate"));
    mPrevious->setArrowType(Qt::LeftArrow);
    mPrevious->setToolTip(tr("Previous %1 test images").arg(kPageSize));
    mNext->setArrowType(Qt::RightArrow);
    mNext->setToolTip(tr("Next %1 test images").arg(kPageSize));
    mList->setObjectName(QStringLiteral("domainThumbnails"));
    mList->setViewMode(QListView::IconMode);
    mList->setIconSize(QSize(kThumb, kThumb));
    mList->setGridSize(QSize(kThumb + 14, kThumb + 20));
    mList->setMovement(QListView::Static);
    mList->setResizeMode(QListView::Adjust);
    mList->setUniformItemSizes(true);
    mList->setWrapping(true);
    mList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    mList->setFixedHeight(kRows * (kThumb + 20) + 2 * mList->frameWidth() + 4);
    mList->setMinimumWidth(kColumns * (kThumb + 14) + 2 * mList->frameWidth() + 4);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(mDomain);
    row->addWidget(mIndex, 1);
    auto *pager = new QHBoxLayout;
    pager->setContentsMargins(0, 0, 0, 0);
    pager->addWidget(mPrevious);
    pager->addWidget(mStatus, 1);
    pager->addWidget(mNext);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(mList);
    layout->addLayout(pager);

    connect(mDomain, &QComboBox::activated, this, [this](int domain) {
        requestPage();
        emit domainChosen(domain);
    });
    connect(mIndex, &QSpinBox::valueChanged, this, [this](int index) {
        mCurrent = index;
        showPage(index / kPageSize);
        emit imageChosen(index, this->domain());
    });
    connect(mList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const int index = item->data(Qt::UserRole).toInt();
        mCurrent = index;
        {
            const QSignalBlocker blocker(mIndex);
            mIndex->setValue(index);
        }
        emit imageChosen(index, this->domain());
    });
    connect(mPrevious, &QToolButton::clicked, this, [this] { showPage(mPage - 1); });
    connect(mNext, &QToolButton::clicked, this, [this] { showPage(mPage + 1); });
    updateButtons();
}

void DomainBrowser::setModel(const ExplorerInfo &info)
{
    // The thumbnails come from the first model of a source; a newer copy of
    // the same training session shows the same test images.
    const bool newData = !info.sameModelAs(mInfo) || info.checkpointPath != mInfo.checkpointPath
                         || info.fromTraining != mInfo.fromTraining || info.step < mInfo.step
                         || info.torchScript != mInfo.torchScript;
    mInfo = info;
    mDomain->setItemText(0, TranslationJobs::domains(info) >= 2 ? tr("Domain A") : tr("Test images"));
    if (TranslationJobs::domains(info) < 2 && mDomain->count() == 2)
        mDomain->removeItem(1);
    else if (TranslationJobs::domains(info) >= 2 && mDomain->count() == 1)
        mDomain->addItem(tr("Domain B"));
    if (!hasImages()) {
        mTicket = 0;
        mList->clear();
        mDatasetSize = -1;
        mStatus->setText(info.torchScript
                             ? tr("An imported TorchScript module comes without test images: "
                                  "drop a picture or open one.")
                             : tr("This model has no test images to translate."));
        mStatus->setToolTip(QString());
        updateButtons();
        return;
    }
    if (newData) {
        mDatasetSize = -1;
        requestPage();
    }
}

bool DomainBrowser::hasImages() const
{
    return mInfo.canTranslate() && !mInfo.torchScript;
}

int DomainBrowser::domain() const
{
    return std::max(0, mDomain->currentIndex());
}

void DomainBrowser::setDomain(int domain)
{
    if (domain == this->domain() || domain < 0 || domain >= mDomain->count())
        return;
    mDomain->setCurrentIndex(domain);
    requestPage();
}

int DomainBrowser::currentIndex() const
{
    return mCurrent;
}

void DomainBrowser::setCurrentIndex(int index)
{
    mCurrent = std::max(0, index);
    {
        const QSignalBlocker blocker(mIndex);
        if (mIndex->maximum() < mCurrent)
            mIndex->setMaximum(mCurrent);
        mIndex->setValue(mCurrent);
    }
    if (mCurrent / kPageSize != mPage || mList->count() == 0)
        showPage(mCurrent / kPageSize);
    else
        markCurrent();
}

int DomainBrowser::shownImages() const
{
    return mList->count();
}

QString DomainBrowser::statusText() const
{
    return mStatus->text();
}

void DomainBrowser::showPage(int page)
{
    if (page < 0 || (mDatasetSize >= 0 && page * kPageSize >= mDatasetSize))
        return;
    mPage = page;
    requestPage();
}

void DomainBrowser::requestPage()
{
    if (!hasImages())
        return;
    QVector<int> indices;
    for (int i = 0; i < kPageSize; ++i)
        indices << mPage * kPageSize + i;
    mStatus->setText(tr("Loading…"));
    mTicket = mWorker->submit(
        {this, QStringLiteral("page"), kPagePriority}, LatentJobs::datasetImages(indices, domain()),
        [this](const ExploreResultPtr &result) { onResult(result); },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mTicket) {
                mStatus->setText(message);
                mStatus->setToolTip(message);
            }
        });
    updateButtons();
}

void DomainBrowser::onResult(const ExploreResultPtr &result)
{
    if (result->ticket != mTicket)
        return;
    mDatasetSize = result->datasetSize;
    const QString letter = domain() == 0 ? QStringLiteral("A") : QStringLiteral("B");
    showThumbnails(mList, result->images, result->indices, kThumb, [this, letter](int index) {
        return TranslationJobs::domains(mInfo) >= 2 ? tr("Test image #%1 of domain %2").arg(index).arg(letter)
                                  : tr("Test image #%1").arg(index);
    });
    const int first = mPage * kPageSize;
    mStatus->setText(tr("%1–%2 of %3")
                         .arg(first)
                         .arg(first + std::max(0, int(result->images.size()) - 1))
                         .arg(mDatasetSize));
    mStatus->setToolTip(QString());
    {
        const QSignalBlocker blocker(mIndex);
        mIndex->setRange(0, std::max(0, mDatasetSize - 1));
        mIndex->setValue(mCurrent);
    }
    markCurrent();
    updateButtons();
}

void DomainBrowser::markCurrent()
{
    const QSignalBlocker blocker(mList);
    mList->clearSelection();
    for (int i = 0; i < mList->count(); ++i) {
        if (mList->item(i)->data(Qt::UserRole).toInt() == mCurrent)
            mList->setCurrentRow(i);
    }
}

void DomainBrowser::updateButtons()
{
    // Without test images only the sentence saying so stays.
    const bool images = hasImages();
    for (QWidget *w : std::initializer_list<QWidget *>{mDomain, mIndex, mList, mPrevious, mNext})
        w->setVisible(images || !mInfo.isValid());
    mDomain->setEnabled(images);
    mIndex->setEnabled(images);
    mList->setEnabled(images);
    mPrevious->setEnabled(images && mPage > 0);
    mNext->setEnabled(images && (mDatasetSize < 0 || (mPage + 1) * kPageSize < mDatasetSize));
}
