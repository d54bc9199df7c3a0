// translationtiles.h — the translation panel's four captioned images side by
// side: the input as the model sees it, the translation, the cycle
// reconstruction and the identity output. Each tile has a title (with the
// direction) above the image and a muted detail line below it (what the image
// is, its PSNR against the input); an empty tile shows why it is empty. The
// tiles sit in one row when the panel is wide and in a 2 × 2 grid when that
// shows the images larger; images are enlarged crisply (ImageView).
//
// Ownership: a plain widget owned by the TranslationView; owns its tiles.
// Thread affinity: GUI thread. Failure modes: none (a null image shows the
// tile's placeholder text).
#pragma once

#include <QImage>
#include <QWidget>

#include <array>

class QGridLayout;
class QLabel;
class ImageView;

class TranslationTiles : public QWidget
{
    Q_OBJECT

public:
    enum Tile { Input, Forward, Cycle, Identity, TileCount };

    explicit TranslationTiles(QWidget *parent = nullptr);

    void setTile(int tile, const QImage &image, const QString &title, const QString &detail,
                 const QString &placeholder = QString());
    void clear(const QString &placeholder);

    QImage image(int tile) const;
    QString title(int tile) const;
    QString detail(int tile) const;
    QString placeholder(int tile) const;
    ImageView *view(int tile) const;
    int columns() const { return mColumns; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Parts
    {
        QWidget *frame = nullptr;
        QLabel *title = nullptr;
        ImageView *view = nullptr;
        QLabel *detail = nullptr;
    };
    void relayout(bool force);

    std::array<Parts, TileCount> mTiles;
    QGridLayout *mGrid;
    int mColumns = 0;
};
