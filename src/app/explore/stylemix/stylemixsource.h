// stylemixsource.h — one source of the style-mixing panel (A or B): a seed
// (spin box and Randomise; the same seed gives the same latent as the Latent
// tab and genstudio-cli) or a bookmark of the latent panel (its z is used, as
// StyleMix::latent_a / latent_b), with the source's own unmixed image.
//
// Ownership: a group box owned by the StyleMixView; borrows the BookmarkStore.
// Thread affinity: GUI thread. Failure modes: a bookmark that disappears (deleted
// in the Latent tab, or another model loaded) falls back to the seed and emits
// changed(); useBookmark() of an unknown name returns false and changes nothing.
#pragma once

#include <QGroupBox>
#include <QImage>

#include "explore/bookmarkstore.h"
#include "core/explore/explorer.h"

class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class ImageView;

class StyleMixSourceBox : public QGroupBox
{
    Q_OBJECT

public:
    static constexpr int kThumbnailSize = 112;

    StyleMixSourceBox(const QString &title, BookmarkStore *store, QWidget *parent = nullptr);

    // The bookmarks offered: those of this model id and latent size, when
    // `usable` (latents are the model's z).
    void setModel(const QString &modelId, int latentDim, bool usable);

    bool usesBookmark() const;
    unsigned long seed() const;
    void setSeed(unsigned long seed); // switches to the seed; changed()
    void randomise();
    bool useBookmark(const QString &name); // switches to the bookmark; changed()
    QStringList bookmarkNames() const;
    // The bookmark's latent, or empty for a seed (StyleMix then uses the seed).
    gs::Latent latent() const;
    QString label() const; // "seed 7", "bookmark “sandal”"
    QString bookmarkName() const; // the chosen bookmark, even while the seed is used

    void setThumbnail(const QImage &image);
    QImage thumbnail() const;
    void clearThumbnail();
    QSpinBox *seedBox() const { return mSeed; }

signals:
    void changed();

private:
    void refreshBookmarks();
    void updateEnabled();

    BookmarkStore *mStore;
    QString mModelId;
    int mLatentDim = 0;
    bool mUsable = false;
    QVector<LatentBookmark> mBookmarks;

    QRadioButton *mSeedRadio;
    QSpinBox *mSeed;
    QPushButton *mRandomise;
    QRadioButton *mBookmarkRadio;
    QComboBox *mBookmark;
    ImageView *mThumbnail;
};
