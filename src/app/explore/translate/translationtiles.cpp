#include "explore/translate/translationtiles.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/imageview.h"
#include "widgets/notelabel.h"

namespace {
constexpr int kCaptionHeight = 64; // title and detail lines, about
}

TranslationTiles::TranslationTiles(QWidget *parent)
    : QWidget(parent)
    , mGrid(new QGridLayout(this))
{
    setObjectName(QStringLiteral("translationTiles"));
    mGrid->setContentsMargins(0, 0, 0, 0);
    mGrid->setSpacing(8);
    static const char *const names[TileCount] = {"inputTile", "forwardTile", "cycleTile",
                                                 "identityTile"};
    for (int i = 0; i < TileCount; ++i) {
        Parts &p = mTiles[size_t(i)];
        p.frame = new QFrame(this);
        p.frame->setObjectName(QLatin1String(names[i]));
        auto *layout = new QVBoxLayout(p.frame);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        p.title = new QLabel(p.frame);
        p.title->setTextFormat(Qt::PlainText);
        QFont bold = p.title->font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 1.08);
        p.title->setFont(bold);
        p.title->setAlignment(Qt::AlignHCenter);
        p.view = new ImageView(p.frame);
        p.view->setMinimumSize(96, 96);
        p.detail = makeNoteLabel(p.frame);
        p.detail->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        p.detail->setTextFormat(Qt::PlainText);
        p.detail->setMinimumHeight(p.detail->fontMetrics().lineSpacing() * 2);
        layout->addWidget(p.title);
        layout->addWidget(p.view, 1);
        layout->addWidget(p.detail);
    }
    relayout(true);
}

void TranslationTiles::setTile(int tile, const QImage &image, const QString &title,
                               const QString &detail, const QString &placeholder)
{
    if (tile < 0 || tile >= TileCount)
        return;
    Parts &p = mTiles[size_t(tile)];
    p.title->setText(title);
    p.detail->setText(detail);
    p.view->setPlaceholderText(placeholder);
    p.view->setImage(image);
    relayout(false);
}

void TranslationTiles::clear(const QString &placeholder)
{
    for (Parts &p : mTiles) {
        p.title->clear();
        p.detail->clear();
        p.view->setPlaceholderText(QString());
        p.view->clear();
    }
    mTiles[Input].view->setPlaceholderText(placeholder);
}

QImage TranslationTiles::image(int tile) const
{
    return tile >= 0 && tile < TileCount ? mTiles[size_t(tile)].view->image() : QImage();
}

QString TranslationTiles::title(int tile) const
{
    return tile >= 0 && tile < TileCount ? mTiles[size_t(tile)].title->text() : QString();
}

QString TranslationTiles::detail(int tile) const
{
    return tile >= 0 && tile < TileCount ? mTiles[size_t(tile)].detail->text() : QString();
}

QString TranslationTiles::placeholder(int tile) const
{
    return tile >= 0 && tile < TileCount ? mTiles[size_t(tile)].view->placeholderText()
                                         : QString();
}

ImageView *TranslationTiles::view(int tile) const
{
    return tile >= 0 && tile < TileCount ? mTiles[size_t(tile)].view : nullptr;
}

void TranslationTiles::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout(false);
}

void TranslationTiles::relayout(bool force)
{
    // One row of four, or two rows of two: whichever shows the images larger.
    QSize cell = mTiles[Input].view->image().size();
    if (cell.isEmpty())
        cell = QSize(1, 1);
    const QSize area = size();
    int best = 4;
    double bestScale = -1;
    for (int columns : {4, 2}) {
        const int rows = TileCount / columns;
        const double w = double(area.width() - (columns - 1) * mGrid->spacing()) / columns;
        const double h = double(area.height() - (rows - 1) * mGrid->spacing()) / rows
                         - kCaptionHeight;
        const double scale = std::min(w / cell.width(), h / cell.height());
        if (scale > bestScale + 1e-9) {
            bestScale = scale;
            best = columns;
        }
    }
    if (!force && best == mColumns)
        return;
    mColumns = best;
    for (int i = 0; i < TileCount; ++i) {
        mGrid->removeWidget(mTiles[size_t(i)].frame);
        mGrid->addWidget(mTiles[size_t(i)].frame, i / mColumns, i % mColumns);
    }
    for (int c = 0; c < 4; ++c)
        mGrid->setColumnStretch(c, c < mColumns ? 1 : 0);
    for (int r = 0; r < 2; ++r)
        mGrid->setRowStretch(r, r < TileCount / mColumns ? 1 : 0);
}
