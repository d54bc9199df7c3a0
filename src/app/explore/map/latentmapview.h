// latentmapview.h — the latent map: the test set encoded by the explored model
// and drawn as a scatter over two chosen axes (the first two principal
// components of the codes, or any two latent dimensions), coloured by class
// with a legend of class names. Hovering a point shows its source image;
// clicking anywhere decodes that point of the plane into the preview (and "Use
// in Latent Tab" hands its latent over); a dropped picture is encoded and
// marked where it lands; the decoded-grid mode fills the visible plane with
// decoded images, redrawn after every pan or zoom.
//
// An explorer view (explorerview.h, latentmapview_explorer.cpp), id "map":
// available for models that encode; a chosen point goes to the Latent view.
//
// Ownership: a widget made by the view list (explorerviews.cpp) and owned by the
// ExploreView's tab widget; borrows the ExplorationWorker. Thread affinity: GUI
// thread; encoding and decoding run on the exploration thread (its own requests,
// newest wins per purpose). Failure modes: models that cannot encode have no map
// — the view says so; worker errors go to error().
#pragma once

#include <QHash>
#include <QImage>
#include <QPointF>
#include <QWidget>

#include <memory>

#include "explore/controlstate.h"
#include "explore/explorerview.h"
#include "explore/latentjobs.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;
class ImageView;
class LatentMapPlot;

class LatentMapView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    static constexpr int kDefaultPoints = 2000;

    explicit LatentMapView(ExplorationWorker *worker, QWidget *parent = nullptr);

    void setModel(const ExplorerInfo &info);
    void refresh(); // encode the test set again

    LatentMapPlot *plot() const { return mPlot; }
    int pointCount() const;
    QStringList legendNames() const;
    // Axis choices: 0 and 1 are PC1 and PC2, 2 + i is latent dimension i.
    void setAxes(int xAxis, int yAxis);
    QPointF pointPosition(int point) const; // plot coordinates of a map point
    int pointIndex(int point) const;        // its test-set index
    int pointLabel(int point) const;        // its class (−1: none)

    gs::Latent latentAt(double x, double y) const;
    void pickAt(double x, double y); // as a click at plot coordinates
    void locateImage(const gs::Image &image, const QString &label);
    QImage pickedImage() const;
    void hoverAt(int point, const QPointF &pixel); // as the mouse over a point (−1: none)
    QImage hoverImage() const { return mHoverImage; }

    void setGridMode(bool on);
    bool gridMode() const;
    QImage gridImage() const { return mGridImage; }

    // ExplorerView (latentmapview_explorer.cpp)
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    // Session files: the axes, the number of points, the grid and its cells (explore/controlstate.h; applied again when a model comes).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;
    QWidget *widget() override { return this; }
    void takeImage(const gs::Image &image, const QString &label) override; // locateImage

signals:
    void error(const QString &message);
    void latentChosen(const gs::Latent &z, const QString &label);
    void mapShown(int points);
    void pickShown();
    void hoverShown(int index);
    void gridShown();

protected:
    void showEvent(QShowEvent *event) override;

private:
    static Traits explorerTraits(); // latentmapview_explorer.cpp
    struct Axis
    {
        gs::Latent weights; // coordinate = weights · z + offset
        double offset = 0;
    };
    Axis axis(int choice) const;
    QPointF project(const gs::Latent &z) const;
    void rebuildAxisChoices();
    void replotPoints();
    void requestGrid();
    // latentmapview_requests.cpp: this view's requests and their replies.
    enum class Request { Map, Pick, Hover, Grid };
    static QString purpose(Request request);
    static int priority(Request request);
    quint64 submit(Request request, LatentJobs::Job job);
    void onResult(Request request, const ExploreResultPtr &result);
    void onFailed(Request request, quint64 ticket, const QString &message);
    void showHover();

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    quint64 mMapGeneration = 0; // the model the map was computed with
    std::shared_ptr<const gs::LatentMap> mMap;
    gs::Directions mPlane; // PC1, PC2 of the codes

    quint64 mMapTicket = 0;
    quint64 mPickTicket = 0;
    quint64 mHoverTicket = 0;
    quint64 mGridTicket = 0;
    QString mPickLabel;
    gs::Latent mPickedLatent;
    bool mPickLocates = false; // the pick is a dropped image being placed
    QHash<int, QImage> mHoverCache;
    int mHoverPoint = -1;
    QPointF mHoverPixel;
    QImage mHoverImage;
    QImage mGridImage;
    QRectF mGridPlane; // the plane the pending grid covers
    int mGridColumns = 0;

    QComboBox *mXAxis;
    QComboBox *mYAxis;
    QSpinBox *mPoints;
    QCheckBox *mGrid;
    QSpinBox *mGridCells;
    QPushButton *mRefresh;
    QLabel *mStatus;
    LatentMapPlot *mPlot;
    ImageView *mPreview;
    QLabel *mPreviewCaption;
    QPushButton *mUseLatent;
    QTimer *mGridTimer;

    QList<QWidget *> sessionControls() const; // latentmapview_session.cpp
    ControlState mSessionControls;
};
