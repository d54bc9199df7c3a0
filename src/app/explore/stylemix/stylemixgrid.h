// stylemixgrid.h — the style-mixing grid of the StyleGAN paper's figure: the
// top row shows sources B (unmixed), the left column sources A, and every cell
// the row's A with the column's B styles in the chosen layers. The first row
// and column are the panel's own A and B; the others are seeds that follow a
// grid seed (Shuffle draws a new one). Clicking a cell makes its row and column
// the panel's A and B; clicking a header takes that source alone.
//
// Ownership: a widget owned by the StyleMixView; the view asks the worker for
// the images (one job, its "grid" request) and hands them over with setImages().
// Thread affinity: GUI thread. Failure modes: images of the wrong count are
// ignored (the grid keeps what it showed).
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class ImageView;

class StyleMixGrid : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDefaultSize = 4;

    explicit StyleMixGrid(QWidget *parent = nullptr);

    int size() const; // sources per side (rows of A = columns of B)
    void setSize(int size);
    unsigned long gridSeed() const { return mGridSeed; }
    void setGridSeed(unsigned long seed);
    void shuffle();
    // The seed of row `row` (A) or column `column` (B) for index ≥ 1; index 0 is
    // the panel's own source.
    unsigned long extraSeed(bool columnOfB, int index) const;

    // size() sources A, size() sources B, then size()² mixes row by row.
    void setImages(const QVector<QImage> &images, const QString &caption);
    void clear(const QString &placeholder);
    QImage image() const; // the composed grid
    QImage mixAt(int row, int column) const;
    ImageView *view() const { return mView; }
    // The cell under a point of the view: row/column −1 for the headers, false
    // outside the grid (or on the empty corner).
    bool cellAt(const QPoint &viewPos, int *row, int *column) const;

signals:
    void changed(); // size or seeds: ask again
    void cellClicked(int row, int column);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QImage compose() const;
    QRect cellRect(int gridRow, int gridColumn) const; // in image pixels

    unsigned long mGridSeed = 100;
    QVector<QImage> mImages;
    int mImageSize = 0; // size() when the images were made
    QSize mCell;
    QSpinBox *mSize;
    QPushButton *mShuffle;
    QLabel *mCaption;
    ImageView *mView;
};
