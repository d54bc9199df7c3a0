#include "explore/map/latentmapview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "support/imageconvert.h"
#include "support/studiosettings.h"
#include "widgets/imageview.h"
#include "explore/map/latentmapplot.h"

namespace {
constexpr int kGridDelayMs = 80; // after the last pan or zoom
constexpr int kDefaultGridCells = 14;

double dot(const gs::Latent &a, const float *b, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n && i < a.size(); ++i)
        sum += double(a[i]) * b[i];
    return sum;
}
} // namespace

LatentMapView::LatentMapView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mXAxis(new QComboBox(this))
    , mYAxis(new QComboBox(this))
    , mPoints(new QSpinBox(this))
    , mGrid(new QCheckBox(tr("Decoded grid"), this))
    , mGridCells(new QSpinBox(this))
    , mRefresh(new QPushButton(tr("Refresh"), this))
    , mStatus(new QLabel(this))
    , mPlot(new LatentMapPlot(this))
    , mPreview(new ImageView(this))
    , mPreviewCaption(new QLabel(this))
    , mUseLatent(new QPushButton(tr("Use in Latent Tab"), this))
    , mGridTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("latentMapView"));
    mPreview->setObjectName(QStringLiteral("mapPreview"));
    mGrid->setObjectName(QStringLiteral("gridCheck"));
    mXAxis->setObjectName(QStringLiteral("mapXAxis"));
    mYAxis->setObjectName(QStringLiteral("mapYAxis"));
    mPoints->setObjectName(QStringLiteral("mapPoints"));
    mGridCells->setObjectName(QStringLiteral("mapGridCells"));
    mXAxis->setToolTip(tr("Horizontal axis: a principal component of the codes or a latent "
                          "dimension"));
    mYAxis->setToolTip(tr("Vertical axis"));
    mPoints->setRange(100, 10000);
    mPoints->setSingleStep(500);
    mPoints->setValue(kDefaultPoints);
    mPoints->setSuffix(tr(" test images"));
    mPoints->setKeyboardTracking(false);
    mGrid->setToolTip(tr("Fill the visible plane with decoded images (the points stay on "
                         "top); pan and zoom to explore"));
    mGridCells->setRange(4, 32);
    mGridCells->setValue(14);
    mGridCells->setSuffix(tr(" across"));
    mGridCells->setToolTip(tr("Decoded images across the grid (rows follow the plot's shape)"));
    mRefresh->setToolTip(tr("Encode the test images again with the current weights"));
    mStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("x:"), this));
    controls->addWidget(mXAxis);
    controls->addWidget(new QLabel(tr("y:"), this));
    controls->addWidget(mYAxis);
    controls->addWidget(mPoints);
    controls->addWidget(mGrid);
    controls->addWidget(mGridCells);
    controls->addWidget(mRefresh);
    controls->addWidget(mStatus, 1);

    mPreview->setPlaceholderText(tr("Click anywhere on the map to decode that point; hover a "
                                    "point to see its test image; drop a picture to see where "
                                    "it lands."));
    mPreview->setMinimumWidth(160);
    mPreviewCaption->setWordWrap(true);
    mUseLatent->setEnabled(false);
    mUseLatent->setToolTip(tr("Continue from this latent with the sliders"));
    auto *side = new QWidget(this);
    side->setMaximumWidth(360);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(mPreviewCaption);
    sideLayout->addWidget(mPreview, 1);
    sideLayout->addWidget(mUseLatent);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(mPlot);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    mGridTimer->setSingleShot(true);
    mGridTimer->setInterval(kGridDelayMs);
    connect(mGridTimer, &QTimer::timeout, this, &LatentMapView::requestGrid);
    connect(mPlot, &LatentMapPlot::planeChanged, this, [this] {
        if (gridMode())
            mGridTimer->start();
    });
    connect(mPlot, &LatentMapPlot::clicked, this,
            [this](const QPointF &p) { pickAt(p.x(), p.y()); });
    connect(mPlot, &LatentMapPlot::hovered, this, &LatentMapView::hoverAt);
    connect(mXAxis, &QComboBox::currentIndexChanged, this, &LatentMapView::replotPoints);
    connect(mYAxis, &QComboBox::currentIndexChanged, this, &LatentMapView::replotPoints);
    {
        // The view options a person chose last time.
        const StudioSettings settings;
        mPoints->setValue(settings.mapPoints(kDefaultPoints));
        mGridCells->setValue(settings.mapGridCells(kDefaultGridCells));
        const bool grid = settings.mapGrid();
        mGrid->setChecked(grid);
        mPlot->setGridVisible(grid);
    }
    connect(mPoints, &QSpinBox::valueChanged, this, [this](int points) {
        StudioSettings().setMapPoints(points);
        refresh();
    });
    connect(mGrid, &QCheckBox::toggled, this, [this](bool on) {
        StudioSettings().setMapGrid(on);
        setGridMode(on);
    });
    connect(mGridCells, &QSpinBox::valueChanged, this, [this](int cells) {
        StudioSettings().setMapGridCells(cells);
        requestGrid();
    });
    connect(mRefresh, &QPushButton::clicked, this, &LatentMapView::refresh);
    connect(mUseLatent, &QPushButton::clicked, this,
            [this] { emit latentChosen(mPickedLatent, mPickLabel); });
    rebuildAxisChoices();
}

// --- Model and map --------------------------------------------------------------

void LatentMapView::setModel(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo);
    mInfo = info;
    for (QWidget *w : std::initializer_list<QWidget *>{mXAxis, mYAxis, mPoints, mGrid, mGridCells,
                                                        mRefresh, mPlot, mUseLatent})
        w->setEnabled(info.canEncode());
    if (!same) {
        mMap.reset();
        mPlane = {};
        mMapGeneration = 0;
        mMapTicket = 0;
        mHoverCache.clear();
        mPlot->clearPick();
        mPlot->hideCard();
        mPreview->clear();
        mPreviewCaption->clear();
        mUseLatent->setEnabled(false);
        rebuildAxisChoices();
        replotPoints();
    }
    if (info.canEncode())
        mSessionControls.modelArrived(sessionControls()); // a restored session's axes, points, grid
    if (!info.canEncode()) {
        mStatus->setText(tr("%1 cannot encode images, so it has no latent map; the sliders and "
                            "interpolations work.")
                             .arg(info.modelName));
        return;
    }
    if (isVisible() && !same)
        refresh();
    else if (!same)
        mStatus->setText(tr("The test images are encoded when this view opens."));
    else if (mMapGeneration != 0)
        mStatus->setText(tr("%1 test images encoded at an earlier step; Refresh encodes them "
                            "at step %2.")
                             .arg(QLocale().toString(pointCount()))
                             .arg(QLocale().toString(info.step)));
    if (same && gridMode())
        requestGrid(); // the decoder changed
}

void LatentMapView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (mInfo.canEncode() && mMapGeneration == 0 && mMapTicket == 0)
        refresh();
}

void LatentMapView::refresh()
{
    if (!mInfo.canEncode())
        return;
    mStatus->setText(tr("Encoding %1 test images…").arg(QLocale().toString(mPoints->value())));
    mMapTicket = submit(Request::Map, LatentJobs::latentMap(mPoints->value()));
}

int LatentMapView::pointCount() const
{
    return mPlot->pointCount();
}

QStringList LatentMapView::legendNames() const
{
    return mPlot->legendNames();
}

void LatentMapView::rebuildAxisChoices()
{
    const int oldX = mXAxis->currentIndex();
    const int oldY = mYAxis->currentIndex();
    const int oldCount = mXAxis->count();
    const QSignalBlocker bx(mXAxis);
    const QSignalBlocker by(mYAxis);
    mXAxis->clear();
    mYAxis->clear();
    for (int pc = 0; pc < 2; ++pc) {
        QString text = QStringLiteral("PC%1").arg(pc + 1);
        if (size_t(pc) < mPlane.explained.size())
            text += QStringLiteral(" · %1 %").arg(
                QLocale().toString(100.0 * mPlane.explained[size_t(pc)], 'f', 1));
        mXAxis->addItem(text);
        mYAxis->addItem(text);
    }
    for (int i = 0; i < mInfo.latentDim; ++i) {
        mXAxis->addItem(QStringLiteral("z%1").arg(i));
        mYAxis->addItem(QStringLiteral("z%1").arg(i));
    }
    // A 2-D latent is shown as it is; larger ones in their principal plane.
    const bool keep = oldCount == mXAxis->count() && oldX >= 0 && oldY >= 0;
    const bool twoDims = mInfo.latentDim == 2;
    mXAxis->setCurrentIndex(keep ? oldX : (twoDims ? 2 : 0));
    mYAxis->setCurrentIndex(keep ? oldY : (twoDims ? 3 : 1));
}

void LatentMapView::setAxes(int xAxis, int yAxis)
{
    mXAxis->setCurrentIndex(xAxis);
    mYAxis->setCurrentIndex(yAxis);
}

LatentMapView::Axis LatentMapView::axis(int choice) const
{
    Axis a;
    a.weights.assign(size_t(std::max(0, mInfo.latentDim)), 0.0f);
    if (a.weights.empty())
        return a;
    if (choice >= 0 && choice < 2 && size_t(choice) < mPlane.directions.size()) {
        a.weights = mPlane.directions[size_t(choice)];
        a.offset = -dot(a.weights, mPlane.origin.data(), mPlane.origin.size());
    } else {
        // A latent dimension (a principal component not computed yet: z0, z1).
        const int dim = choice >= 2 ? choice - 2 : choice;
        a.weights[size_t(std::clamp(dim, 0, int(a.weights.size()) - 1))] = 1.0f;
    }
    return a;
}

QPointF LatentMapView::project(const gs::Latent &z) const
{
    const Axis ax = axis(mXAxis->currentIndex());
    const Axis ay = axis(mYAxis->currentIndex());
    return QPointF(dot(ax.weights, z.data(), z.size()) + ax.offset,
                   dot(ay.weights, z.data(), z.size()) + ay.offset);
}

void LatentMapView::replotPoints()
{
    QVector<QPointF> points;
    QVector<int> labels;
    QStringList names;
    if (mMap && mMap->dims > 0) {
        const Axis ax = axis(mXAxis->currentIndex());
        const Axis ay = axis(mYAxis->currentIndex());
        const size_t dims = size_t(mMap->dims);
        for (size_t p = 0; p < mMap->labels.size(); ++p) {
            const float *code = mMap->codes.data() + p * dims;
            points << QPointF(dot(ax.weights, code, dims) + ax.offset,
                              dot(ay.weights, code, dims) + ay.offset);
            labels << mMap->labels[p];
        }
        for (const std::string &name : mMap->class_names)
            names << QString::fromStdString(name);
    }
    mPlot->xAxis->setLabel(mXAxis->currentText());
    mPlot->yAxis->setLabel(mYAxis->currentText());
    mPlot->setPoints(points, labels, names);
    if (!mPickedLatent.empty() && mInfo.latentDim == int(mPickedLatent.size()))
        mPlot->setPick(project(mPickedLatent)); // the marker follows the axes
    if (!points.isEmpty())
        emit mapShown(int(points.size()));
}

QPointF LatentMapView::pointPosition(int point) const
{
    return mPlot->point(point);
}

int LatentMapView::pointIndex(int point) const
{
    return mMap && point >= 0 && size_t(point) < mMap->indices.size() ? mMap->indices[size_t(point)]
                                                                      : -1;
}

int LatentMapView::pointLabel(int point) const
{
    return mMap && point >= 0 && size_t(point) < mMap->labels.size() ? mMap->labels[size_t(point)]
                                                                     : -1;
}

// --- The plane ------------------------------------------------------------------

gs::Latent LatentMapView::latentAt(double x, double y) const
{
    // Start at the centre of the codes and move along the two axes' weight
    // vectors until both coordinates match (a 2×2 solve; the same axis twice
    // only moves along x).
    gs::Latent z = mPlane.origin.size() == size_t(mInfo.latentDim)
                       ? mPlane.origin
                       : gs::Latent(size_t(std::max(0, mInfo.latentDim)), 0.0f);
    const Axis ax = axis(mXAxis->currentIndex());
    const Axis ay = axis(mYAxis->currentIndex());
    const QPointF here = project(z);
    const double rx = x - here.x();
    const double ry = y - here.y();
    const double aa = dot(ax.weights, ax.weights.data(), z.size());
    const double bb = dot(ay.weights, ay.weights.data(), z.size());
    const double ab = dot(ax.weights, ay.weights.data(), z.size());
    const double det = aa * bb - ab * ab;
    double alpha = 0;
    double beta = 0;
    if (std::abs(det) > 1e-9) {
        alpha = (bb * rx - ab * ry) / det;
        beta = (aa * ry - ab * rx) / det;
    } else if (aa > 1e-12) {
        alpha = rx / aa;
    }
    for (size_t i = 0; i < z.size(); ++i)
        z[i] += float(alpha * ax.weights[i] + beta * ay.weights[i]);
    return z;
}

void LatentMapView::pickAt(double x, double y)
{
    if (!mInfo.canDecodeImages())
        return;
    mPickedLatent = latentAt(x, y);
    mPickLocates = false;
    mPickLabel = tr("the map at (%1, %2)")
                     .arg(QLocale().toString(x, 'f', 2), QLocale().toString(y, 'f', 2));
    mPickTicket = submit(Request::Pick, LatentJobs::decode({mPickedLatent}));
    mPlot->setPick(QPointF(x, y));
    mPreviewCaption->setText(tr("Decoded from %1").arg(mPickLabel));
}

void LatentMapView::locateImage(const gs::Image &image, const QString &label)
{
    if (!mInfo.canEncode()) {
        emit error(tr("%1 cannot encode images, so %2 cannot be placed on a map.")
                       .arg(mInfo.modelName, label));
        return;
    }
    mPickLocates = true;
    mPickLabel = label;
    mPickTicket = submit(Request::Pick,
                         LatentJobs::resolveSources({LatentSource::fromImage(image)}, true));
}

QImage LatentMapView::pickedImage() const
{
    return mPreview->image();
}

void LatentMapView::setGridMode(bool on)
{
    if (mGrid->isChecked() != on) {
        mGrid->setChecked(on); // comes back here through toggled
        return;
    }
    mPlot->setGridVisible(on);
    if (on)
        requestGrid();
}

bool LatentMapView::gridMode() const
{
    return mGrid->isChecked();
}

void LatentMapView::requestGrid()
{
    if (!gridMode() || !mInfo.canDecodeImages() || mInfo.latentDim < 1)
        return;
    const QRectF plane = mPlot->visiblePlane(); // top: the largest y
    // Square cells on screen: as many rows as the plot's shape allows.
    const QRect pixels = mPlot->axisRect()->rect();
    const int columns = mGridCells->value();
    const int rows = std::clamp(
        int(std::lround(columns * double(pixels.height()) / std::max(1, pixels.width()))), 1,
        4 * columns);
    std::vector<gs::Latent> latents;
    for (int row = 0; row < rows; ++row) {
        const double y = plane.top() + (row + 0.5) * plane.height() / rows;
        for (int col = 0; col < columns; ++col)
            latents.push_back(latentAt(plane.left() + (col + 0.5) * plane.width() / columns, y));
    }
    mGridPlane = plane;
    mGridColumns = columns;
    mGridTicket = submit(Request::Grid, LatentJobs::decode(latents));
}

// --- Hover ----------------------------------------------------------------------

void LatentMapView::hoverAt(int point, const QPointF &pixel)
{
    mHoverPoint = point;
    mHoverPixel = pixel;
    const int index = pointIndex(point);
    if (index < 0) {
        mPlot->hideCard();
        return;
    }
    if (mHoverCache.contains(index))
        showHover();
    else
        mHoverTicket = submit(Request::Hover, LatentJobs::datasetImages({index}));
}

void LatentMapView::showHover()
{
    const int index = pointIndex(mHoverPoint);
    const int label = pointLabel(mHoverPoint);
    QString text = tr("test image #%1").arg(index);
    if (mMap && label >= 0 && size_t(label) < mMap->class_names.size())
        text += QStringLiteral(" · ") + QString::fromStdString(mMap->class_names[size_t(label)]);
    mHoverImage = mHoverCache.value(index);
    mPlot->showCard(mHoverPixel, mHoverImage, text, label);
    emit hoverShown(index);
}

