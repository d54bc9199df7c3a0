#include "explore/stylemix/stylemixgrid.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/imageview.h"
#include "widgets/notelabel.h"

namespace {
constexpr int kGap = 2;        // between cells (image pixels)
constexpr int kHeaderGap = 6;  // between the sources and the mixes
constexpr unsigned long kColumnOffset = 500; // B's seeds start this far from A's
const QColor kBackground(0x30, 0x30, 0x30);
const QColor kHeaderBackground(0x50, 0x60, 0x78);
} // namespace

StyleMixGrid::StyleMixGrid(QWidget *parent)
    : QWidget(parent)
    , mSize(new QSpinBox(this))
    , mShuffle(new QPushButton(tr("Shuffle"), this))
    , mCaption(makeNoteLabel(this))
    , mView(new ImageView(this))
{
    mView->setObjectName(QStringLiteral("styleMixGrid"));
    mSize->setObjectName(QStringLiteral("styleGridSize"));
    mSize->setRange(2, 8);
    mSize->setValue(kDefaultSize);
    mSize->setKeyboardTracking(false);
    mSize->setSuffix(tr(" × %1").arg(kDefaultSize));
    mSize->setToolTip(tr("Sources per side: the panel's A and B, and seeds after the grid seed"));
    mShuffle->setToolTip(tr("Other seeds for the rows and columns after the first"));
    mView->setPlaceholderText(tr("The mixing grid appears here."));
    mView->setMouseTracking(true);
    mView->installEventFilter(this);
    auto *title = new QLabel(tr("<b>Mixing grid</b>"), this);
    auto *controls = new QHBoxLayout;
    controls->addWidget(title);
    controls->addStretch(1);
    controls->addWidget(mSize);
    controls->addWidget(mShuffle);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(mCaption);
    layout->addWidget(mView, 1);
    mCaption->setText(tr("Top row: sources B; left column: sources A. Each cell is its row's A "
                         "with its column's B in the chosen layers. Click a cell to use its A "
                         "and B."));

    connect(mSize, &QSpinBox::valueChanged, this, [this](int n) {
        mSize->setSuffix(tr(" × %1").arg(n));
        emit changed();
    });
    connect(mShuffle, &QPushButton::clicked, this, &StyleMixGrid::shuffle);
}

int StyleMixGrid::size() const
{
    return mSize->value();
}

void StyleMixGrid::setSize(int size)
{
    mSize->setValue(size);
}

void StyleMixGrid::setGridSeed(unsigned long seed)
{
    if (seed == mGridSeed)
        return;
    mGridSeed = seed;
    emit changed();
}

void StyleMixGrid::shuffle()
{
    setGridSeed(1000 + QRandomGenerator::global()->bounded(1u << 29));
}

unsigned long StyleMixGrid::extraSeed(bool columnOfB, int index) const
{
    return mGridSeed + (columnOfB ? kColumnOffset : 0) + unsigned(std::max(0, index - 1));
}

void StyleMixGrid::setImages(const QVector<QImage> &images, const QString &caption)
{
    const int n = size();
    if (images.size() != 2 * n + n * n || images.first().isNull())
        return;
    mImages = images;
    mImageSize = n;
    mCell = images.first().size();
    mView->setImage(compose());
    mView->setToolTip(caption);
}

void StyleMixGrid::clear(const QString &placeholder)
{
    mImages.clear();
    mImageSize = 0;
    mView->setPlaceholderText(placeholder);
    mView->clear();
}

QImage StyleMixGrid::image() const
{
    return mView->image();
}

QImage StyleMixGrid::mixAt(int row, int column) const
{
    const int n = mImageSize;
    if (row < 0 || column < 0 || row >= n || column >= n)
        return {};
    return mImages.value(2 * n + row * n + column);
}

QRect StyleMixGrid::cellRect(int gridRow, int gridColumn) const
{
    const int x = gridColumn * (mCell.width() + kGap) + (gridColumn > 0 ? kHeaderGap : 0);
    const int y = gridRow * (mCell.height() + kGap) + (gridRow > 0 ? kHeaderGap : 0);
    return QRect(QPoint(x, y), mCell);
}

QImage StyleMixGrid::compose() const
{
    const int n = mImageSize;
    const QRect last = cellRect(n, n);
    QImage out(last.right() + 1, last.bottom() + 1, QImage::Format_RGB32);
    if (out.isNull())
        return {};
    out.fill(kBackground);
    QPainter painter(&out);
    // The header strips on a tinted band, so sources and mixes read apart.
    painter.fillRect(QRect(0, 0, out.width(), mCell.height() + kHeaderGap / 2), kHeaderBackground);
    painter.fillRect(QRect(0, 0, mCell.width() + kHeaderGap / 2, out.height()), kHeaderBackground);
    for (int i = 0; i < n; ++i) {
        painter.drawImage(cellRect(i + 1, 0).topLeft(), mImages.at(i));     // A_i
        painter.drawImage(cellRect(0, i + 1).topLeft(), mImages.at(n + i)); // B_i
        for (int j = 0; j < n; ++j)
            painter.drawImage(cellRect(i + 1, j + 1).topLeft(), mImages.at(2 * n + i * n + j));
    }
    return out;
}

bool StyleMixGrid::cellAt(const QPoint &viewPos, int *row, int *column) const
{
    const QRect target = mView->imageRect();
    const QImage shown = mView->image();
    if (target.isEmpty() || shown.isNull() || !target.contains(viewPos) || mImageSize == 0)
        return false;
    const QPoint p((viewPos.x() - target.left()) * shown.width() / target.width(),
                   (viewPos.y() - target.top()) * shown.height() / target.height());
    for (int r = 0; r <= mImageSize; ++r) {
        for (int c = 0; c <= mImageSize; ++c) {
            if ((r || c) && cellRect(r, c).contains(p)) {
                *row = r - 1;
                *column = c - 1;
                return true;
            }
        }
    }
    return false;
}

bool StyleMixGrid::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == mView && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        int row = 0;
        int column = 0;
        if (mouse->button() == Qt::LeftButton && cellAt(mouse->position().toPoint(), &row, &column))
            emit cellClicked(row, column);
    } else if (watched == mView && event->type() == QEvent::MouseMove) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        int row = 0;
        int column = 0;
        mView->setCursor(cellAt(mouse->position().toPoint(), &row, &column) ? Qt::PointingHandCursor
                                                                            : Qt::ArrowCursor);
    }
    return QWidget::eventFilter(watched, event);
}
