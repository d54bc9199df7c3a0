// latentmapview_requests.cpp — LatentMapView's jobs on the exploration thread
// (the encoded test set, picks, hover images, the decoded grid) and their
// replies.
#include "explore/map/latentmapview.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>

#include "explore/map/latentmapplot.h"
#include "support/imageconvert.h"
#include "widgets/imageview.h"

QString LatentMapView::purpose(Request request)
{
    switch (request) {
    case Request::Map:
        return QStringLiteral("map");
    case Request::Pick:
        return QStringLiteral("pick");
    case Request::Hover:
        return QStringLiteral("hover");
    case Request::Grid:
        return QStringLiteral("grid");
    }
    return {};
}

int LatentMapView::priority(Request request)
{
    // ExplorationWorker: lower runs first; the map itself comes last.
    switch (request) {
    case Request::Pick:
        return 50;
    case Request::Hover:
        return 70;
    case Request::Grid:
        return 120;
    case Request::Map:
        return 160;
    }
    return 160;
}

// --- Results --------------------------------------------------------------------

quint64 LatentMapView::submit(Request request, LatentJobs::Job job)
{
    return mWorker->submit(
        {this, purpose(request), priority(request)}, std::move(job),
        [this, request](const ExploreResultPtr &result) { onResult(request, result); },
        [this, request](quint64 ticket, const QString &message) {
            onFailed(request, ticket, message);
        });
}

void LatentMapView::onResult(Request request, const ExploreResultPtr &result)
{
    if (request == Request::Map && result->ticket == mMapTicket) {
        mMapTicket = 0;
        mMap = result->map;
        mMapGeneration = result->generation;
        mPlane = result->directions;
        rebuildAxisChoices();
        replotPoints();
        mStatus->setText(tr("%1 test images encoded at step %2")
                             .arg(QLocale().toString(pointCount()))
                             .arg(QLocale().toString(result->step)));
        if (mPickedLatent.empty() && mPlane.origin.size() == size_t(mInfo.latentDim)) {
            // Start with the centre of the codes decoded, so the preview says
            // what it is for.
            const QPointF centre = project(mPlane.origin);
            pickAt(centre.x(), centre.y());
            mPickLabel = tr("the centre of the codes");
            mPreviewCaption->setText(tr("Decoded from %1 (click anywhere to decode another "
                                        "point)")
                                         .arg(mPickLabel));
        }
        if (gridMode())
            requestGrid();
    } else if (request == Request::Pick && result->ticket == mPickTicket
               && !result->images.isEmpty()) {
        mPreview->setImage(result->images.first());
        if (mPickLocates && !result->latents.empty()) {
            mPickedLatent = result->latents.front();
            mPlot->setPick(project(mPickedLatent));
            mPreviewCaption->setText(tr("%1, encoded and decoded: the cross marks where it "
                                        "lands")
                                         .arg(mPickLabel));
        }
        mUseLatent->setEnabled(true);
        emit pickShown();
    } else if (request == Request::Hover && result->ticket == mHoverTicket
               && !result->images.isEmpty()) {
        mHoverCache.insert(result->indices.first(), result->images.first());
        if (pointIndex(mHoverPoint) == result->indices.first())
            showHover();
    } else if (request == Request::Grid && result->ticket == mGridTicket) {
        mGridImage = tileImages(result->images, mGridColumns, 0);
        mPlot->setGridImage(mGridImage, mGridPlane);
        emit gridShown();
    }
}

void LatentMapView::onFailed(Request request, quint64 ticket, const QString &message)
{
    if (request == Request::Map && ticket == mMapTicket) {
        mMapTicket = 0;
        mStatus->setText(message);
        emit error(message);
    } else if ((request == Request::Pick && ticket == mPickTicket)
               || (request == Request::Grid && ticket == mGridTicket)) {
        emit error(message);
    }
}
