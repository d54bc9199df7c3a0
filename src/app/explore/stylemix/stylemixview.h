// stylemixview.h — the Explore tab's "Style mix" view for style-based
// generators (ExplorerInfo::hasStyles()): sources A and B (each a seed or a
// bookmark of the Latent tab, with its own unmixed image), which style layers
// take B's style (coarse / middle / fine presets with their resolutions, one
// check box per layer, none, all), the truncation ψ (0–1.5; 0 gives the
// average image w̄), per-pixel noise on or off and its seed; the mixed image,
// large and crisp, redrawn on every change; a mixing grid as in the StyleGAN
// paper (rows A, columns B); PNG export of the mix, the mix with its sources,
// or the grid.
//
// An explorer view (explorerview.h, stylemixview_explorer.cpp), id "style":
// available for models with per-layer styles; dropped pictures are refused with
// a sentence.
//
// Ownership: a widget made by the view list (explorerviews.cpp) and owned by the
// ExploreView's tab widget; borrows the ExplorationWorker and the BookmarkStore.
// Thread affinity: GUI thread; every image comes from the exploration thread as
// this view's own requests, newest wins per purpose ("mix": the mix and its two
// sources in one job; "grid": the grid, a moment later), and an older result
// never replaces a newer one. While hidden it asks for nothing and catches up
// when shown (a new training copy, another checkpoint). Failure modes: a failed
// mix (a model without styles, a wrong layer count) is reported through error()
// and the last images stay; a failed export (folder missing, disk full) through
// error() with the reason, leaving no partial file (QSaveFile).
#pragma once

#include <QImage>
#include <QWidget>

#include <vector>

#include "core/explore/explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"
#include "explore/latentjobs.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class BookmarkStore;
class ImageView;
class StyleMixGrid;
class StyleMixLayerBox;
class StyleMixSourceBox;

class StyleMixView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    enum class ExportKind { Mix, MixWithSources, Grid };
    static constexpr double kMaxPsi = 1.5;

    StyleMixView(ExplorationWorker *worker, BookmarkStore *bookmarks, QWidget *parent = nullptr);

    // A newly loaded model: a refresh of the same model keeps every choice and
    // redraws; another model keeps the seeds and starts from B's coarse layers.
    void setModel(const ExplorerInfo &info);
    static QString unavailableText(); // why models without styles cannot mix

    StyleMixSourceBox *sourceA() const { return mSourceA; }
    StyleMixSourceBox *sourceB() const { return mSourceB; }
    StyleMixLayerBox *layerBox() const { return mLayers; }
    StyleMixGrid *grid() const { return mGrid; }

    double psi() const;
    void setPsi(double psi);
    bool noise() const;
    void setNoise(bool on);
    unsigned long noiseSeed() const;
    void setNoiseSeed(unsigned long seed);
    // The request the controls describe (sources, layers, ψ, noise).
    gs::StyleMix currentMix() const;

    QImage mixedImage() const;
    ImageView *mixedView() const { return mMixed; }
    quint64 shownTicket() const { return mShownTicket; }
    quint64 requestedTicket() const { return mRequestedTicket; }
    quint64 gridShownTicket() const { return mGridShown; }
    quint64 gridRequestedTicket() const { return mGridTicket; }
    // The mix shown is the newest asked for (and the model is ready); the same
    // for the grid, which is asked for a moment after the mix.
    bool isUpToDate() const;
    bool isGridUpToDate() const;

    // ExplorerView (stylemixview_explorer.cpp)
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    // Session files: truncation ψ, the noise switch and the noise seed (explore/controlstate.h; applied again when a model comes).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;
    QWidget *widget() override { return this; }
    QString dropRefusal(const ExplorerInfo &info, const QString &label) const override;

    // Writes a PNG (enlarged nearest-neighbour to about 112 pixels per image);
    // false and error() when there is nothing yet or the file cannot be written.
    bool exportTo(const QString &path, ExportKind kind);

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void mixShown(quint64 ticket);
    void gridShown(quint64 ticket);

protected:
    void showEvent(QShowEvent *event) override;

private:
    static Traits explorerTraits(); // stylemixview_explorer.cpp
    void requestMix();
    void requestGrid();
    quint64 submit(const QString &purpose, int priority, const std::vector<gs::StyleMix> &mixes,
                   void (StyleMixView::*onReply)(const ExploreResult &),
                   const quint64 *reportFailuresOf);
    void onMix(const ExploreResult &result);
    void onGrid(const ExploreResult &result);
    void useGridCell(int row, int column);
    void chooseExport(ExportKind kind);
    void updateCaption();
    void updateEnabled();
    gs::StyleMix withSources(unsigned long seedA, const gs::Latent &latentA, unsigned long seedB,
                             const gs::Latent &latentB) const;

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    quint64 mRequestedTicket = 0; // newest mix asked for
    quint64 mShownTicket = 0;     // newest mix shown
    quint64 mGridTicket = 0;
    quint64 mGridShown = 0;
    qint64 mShownStep = -1;
    QString mShownDescription; // what the mix shown was made of
    QString mRequestedDescription;
    QImage mMixedSource;       // model size, for export
    QImage mSourceAImage, mSourceBImage;

    QStackedWidget *mStack;
    QLabel *mUnavailable;
    StyleMixSourceBox *mSourceA;
    StyleMixSourceBox *mSourceB;
    QPushButton *mSwap;
    StyleMixLayerBox *mLayers;
    QSlider *mPsiSlider;
    QDoubleSpinBox *mPsi;
    QCheckBox *mNoise;
    QSpinBox *mNoiseSeed;
    QPushButton *mNoiseRandomise;
    QPushButton *mExport;
    QLabel *mCaption;
    ImageView *mMixed;
    StyleMixGrid *mGrid;
    QTimer *mGridTimer;

    QList<QWidget *> sessionControls() const; // stylemixview_session.cpp
    ControlState mSessionControls;
};
