// latentpanel.h — the Explore tab's latent sliders: one slider per latent
// dimension (latents up to 32 dimensions, range ±3) or, for larger latents and
// for GANs, the top-k principal directions the GANSpace way (range ±3 standard
// deviations, explained variance shown); a live preview while dragging, a seed
// box, randomise, reset, "take from image" (a test image, a file or a dropped
// picture, when the model encodes), named bookmarks and a sweep row that varies
// one slider from −3 to +3.
//
// An explorer view (explorerview.h, latentpanel_explorer.cpp), id "latent":
// available for models that decode; pictures dropped on it are encoded.
//
// Ownership: a widget made by the view list (explorerviews.cpp) and owned by the
// ExploreView's tab widget; borrows the ExplorationWorker and the BookmarkStore.
// Thread affinity: GUI thread; every image comes from the exploration thread as
// the reply to this panel's own requests (latentpanel_requests.cpp: newest
// request wins per purpose, older results never replace newer ones). Failure
// modes: what the worker cannot do (encode with a GAN, a latent of the wrong
// size) is reported through error() and the current latent stays.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QVector>
#include <QWidget>

#include <memory>

#include "core/explore/explorer.h"
#include "explore/explorationworker.h"
#include "explore/explorerview.h"
#include "explore/latentjobs.h"
#include "explore/latent/latentedit.h"

class QLabel;
class QPushButton;
class QScrollArea;
class QSlider;
class QTimer;
class BookmarkBox;
class BookmarkStore;
class ImageView;
class LatentControls;
class LatentSliders;
class SweepView;

class LatentPanel : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    enum class Mode { Dimensions, Directions };
    static constexpr int kMaxDimensionSliders = 32;
    static constexpr double kRange = 3.0; // slider range ±3 (σ for directions)

    // The live preview's request purpose (ExplorationWorker::jobsRun).
    static const QString kPreviewPurpose;

    LatentPanel(ExplorationWorker *worker, BookmarkStore *bookmarks, QWidget *parent = nullptr);

    // A newly loaded model: a refresh of the same model keeps the latent, the
    // edits and the mode and redraws; another model starts over.
    void setModel(const ExplorerInfo &info);

    Mode mode() const { return mMode; }
    bool setMode(Mode mode); // false when unavailable (dimensions above 32)
    int directionCount() const;
    void setDirectionCount(int count);

    gs::Latent latent() const { return mLatent; }
    void setLatent(const gs::Latent &z, const QString &origin);
    int sliderCount() const;
    QSlider *slider(int index) const;
    void setSliderValue(int index, double value); // as if dragged to `value`

    unsigned long seed() const;
    void setSeed(unsigned long seed); // the seed's latent replaces the current one
    void randomise();
    void resetToZero();
    void takeImage(const gs::Image &image, const QString &label) override; // encodes it
    void takeDatasetImage(int index);

    bool saveBookmark(const QString &name);
    bool applyBookmark(const QString &name);
    QStringList bookmarkNames() const;

    void setSweepTarget(int index);
    QImage sweepImage() const;
    QImage previewImage() const;
    ImageView *previewView() const { return mPreview; }
    quint64 shownTicket() const { return mShownTicket; }
    quint64 requestedTicket() const { return mRequestedTicket; }
    bool isReady() const { return mInfo.isValid() && !mLatent.empty(); }

    // ExplorerView (latentpanel_explorer.cpp)
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    QWidget *widget() override { return this; }
    // Session state (latentpanel_session.cpp): the seed, the mode and the latent
    // shown; the latent applies once a model of its size is loaded.
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void previewShown(quint64 ticket);
    void directionsChanged();
    void addToInterpolation(const gs::Latent &z, const QString &label);

private:
    static Traits explorerTraits(); // latentpanel_explorer.cpp
    void showSliders();
    void sliderMoved(int index, double value);
    std::vector<double> sliderValues() const;
    // latentpanel_requests.cpp: jobs and replies. `reportFailuresOf` names the
    // ticket whose failure goes to error() (null: failures are not news).
    quint64 submit(const QString &purpose, int priority, LatentJobs::Job job,
                   void (LatentPanel::*onReply)(const ExploreResult &),
                   const quint64 *reportFailuresOf);
    void requestPreview();
    void requestSeed();
    void requestEncode(const LatentSource &source);
    void requestSweep();
    void requestDirections();
    void requestSpread();
    void onPreview(const ExploreResult &result);
    void onSweep(const ExploreResult &result);
    void onSeed(const ExploreResult &result);
    void onEncoded(const ExploreResult &result);
    void onDirections(const ExploreResult &result);
    void onSpread(const ExploreResult &result);
    void adoptDirections(const gs::Directions &directions);
    void adoptSpread(const gs::LatentMap &map);
    void updateCaption();
    void updateControls();
    QString directionsText() const;
    bool dimensionsAvailable() const;
    void applyPendingSession(); // latentpanel_session.cpp

    ExplorationWorker *mWorker;
    BookmarkStore *mBookmarks;
    ExplorerInfo mInfo;
    Mode mMode = Mode::Dimensions;
    gs::Latent mLatent; // what the preview shows
    LatentEdit mEdit;   // directions: a base latent and the edits along them
    QString mOrigin; // "seed 42", "test image #7", "bookmark …"

    quint64 mRequestedTicket = 0; // newest preview request
    quint64 mShownTicket = 0;     // newest preview shown
    quint64 mSweepTicket = 0;
    quint64 mSeedTicket = 0;
    quint64 mEncodeTicket = 0;
    quint64 mDirectionsTicket = 0;
    quint64 mSpreadTicket = 0;
    bool mAutoSweep = true; // the sweep follows the most used dimension until chosen
    QString mSpreadInfo;    // how many dimensions the encoder uses
    QElapsedTimer mDirectionsAge; // since the directions were last requested
    QString mEncodeLabel;
    QJsonObject mPendingSession; // a session's state waiting for a fitting model

    LatentControls *mControls;
    LatentSliders *mSliders;
    QScrollArea *mScroll;
    BookmarkBox *mBookmarkBox;
    ImageView *mPreview;
    QLabel *mCaption;
    QPushButton *mToInterpolation;
    SweepView *mSweep;
    QTimer *mSweepTimer;
};
