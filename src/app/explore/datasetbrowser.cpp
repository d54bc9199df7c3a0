#include "explore/datasetbrowser.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "explore/latentjobs.h"
#include "widgets/thumbnaillist.h"

namespace {
constexpr int kThumb = 56;
constexpr int kPagePriority = 110; // ExplorationWorker: lower runs first
} // namespace

DatasetBrowser::DatasetBrowser(ExplorationWorker *worker, QWidget *parent)
    : QDialog(parent)
    , mWorker(worker)
    , mList(new QListWidget(this))
    , mStatus(new QLabel(this))
    , mPrevious(new QToolButton(this))
    , mNext(new QToolButton(this))
    , mJump(new QSpinBox(this))
    , mButtons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("datasetBrowser"));
    setWindowTitle(tr("Choose a Test Image"));
    mList->setObjectName(QStringLiteral("datasetList"));
    mList->setViewMode(QListView::IconMode);
    mList->setIconSize(QSize(kThumb, kThumb));
    mList->setGridSize(QSize(kThumb + 16, kThumb + 22));
    mList->setResizeMode(QListView::Adjust);
    mList->setMovement(QListView::Static);
    mList->setUniformItemSizes(true);
    mList->setMinimumSize(8 * (kThumb + 16) + 24, 4 * (kThumb + 22) + 8);
    mPrevious->setArrowType(Qt::LeftArrow);
    mPrevious->setToolTip(tr("Previous page"));
    mNext->setArrowType(Qt::RightArrow);
    mNext->setToolTip(tr("Next page"));
    mJump->setPrefix(tr("image #"));
    mJump->setRange(0, 0);
    mJump->setToolTip(tr("Jump to the page holding this image"));
    mJump->setKeyboardTracking(false);

    auto *pager = new QHBoxLayout;
    pager->addWidget(mPrevious);
    pager->addWidget(mNext);
    pager->addWidget(mStatus, 1);
    pager->addWidget(mJump);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pager);
    layout->addWidget(mList, 1);
    layout->addWidget(mButtons);

    connect(mPrevious, &QToolButton::clicked, this, [this] { showPage(mPage - 1); });
    connect(mNext, &QToolButton::clicked, this, [this] { showPage(mPage + 1); });
    connect(mJump, &QSpinBox::valueChanged, this, [this](int index) {
        showPage(index / kPageSize);
        for (int i = 0; i < mList->count(); ++i) {
            if (mList->item(i)->data(Qt::UserRole).toInt() == index)
                mList->setCurrentRow(i);
        }
    });
    connect(mList, &QListWidget::currentRowChanged, this, &DatasetBrowser::updateButtons);
    connect(mList, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(mButtons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showPage(0);
}

int DatasetBrowser::selectedIndex() const
{
    const QListWidgetItem *item = mList->currentItem();
    return item ? item->data(Qt::UserRole).toInt() : -1;
}

int DatasetBrowser::shownImages() const
{
    return mList->count();
}

void DatasetBrowser::showPage(int page)
{
    if (page < 0 || (mDatasetSize >= 0 && page * kPageSize >= mDatasetSize))
        return;
    mPage = page;
    QVector<int> indices;
    for (int i = 0; i < kPageSize; ++i)
        indices << page * kPageSize + i;
    mStatus->setText(tr("Loading…"));
    mTicket = mWorker->submit(
        {this, QStringLiteral("page"), kPagePriority}, LatentJobs::datasetImages(indices),
        [this](const ExploreResultPtr &result) { onResult(result); },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mTicket)
                mStatus->setText(message);
        });
    updateButtons();
}

void DatasetBrowser::onResult(const std::shared_ptr<const ExploreResult> &result)
{
    if (result->ticket != mTicket)
        return;
    mDatasetSize = result->datasetSize;
    showThumbnails(mList, result->images, result->indices, kThumb,
                   [this](int index) { return tr("Test image #%1").arg(index); });
    const int first = mPage * kPageSize;
    mStatus->setText(tr("Images %1–%2 of %3")
                         .arg(first)
                         .arg(first + std::max(0, int(result->images.size()) - 1))
                         .arg(mDatasetSize));
    {
        const QSignalBlocker blocker(mJump);
        mJump->setRange(0, std::max(0, mDatasetSize - 1));
    }
    updateButtons();
}

void DatasetBrowser::updateButtons()
{
    mPrevious->setEnabled(mPage > 0);
    mNext->setEnabled(mDatasetSize < 0 || (mPage + 1) * kPageSize < mDatasetSize);
    mButtons->button(QDialogButtonBox::Ok)->setEnabled(selectedIndex() >= 0);
}
