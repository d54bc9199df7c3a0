// latentmapview_explorer.cpp — LatentMapView as an explorer view: the Map tab
// for models that encode; a chosen point goes to the Latent view.
#include "explore/map/latentmapview.h"

#include "core/model/capabilities.h"
#include "explore/latent/latentpanel.h"

ExplorerView::Traits LatentMapView::explorerTraits()
{
    return Traits(QStringLiteral("map"), tr("Map"), gs::kCanEncode)
        .withToolTip(tr("The test images encoded, by class"))
        .withUnavailable(tr("%1 cannot encode images, so it has no latent map."))
        .withDrops(Drops::Images)
        .withStyleSpaceBar();
}

void LatentMapView::attach(ExplorerHost &host)
{
    forwardErrors(this, host, ErrorFilter::WhileModelDecodes);
    connect(this, &LatentMapView::latentChosen, this,
            [&host](const gs::Latent &z, const QString &label) {
                ExplorerView *view = host.explorerView(QStringLiteral("latent"));
                if (auto *latent = dynamic_cast<LatentPanel *>(view)) {
                    latent->setLatent(z, label);
                    host.showSubView(latent->id());
                }
            });
}

void LatentMapView::modelChanged(const ExplorerInfo &info)
{
    if (info.canDecodeImages())
        setModel(info);
}

void LatentMapView::takeImage(const gs::Image &image, const QString &label)
{
    locateImage(image, label);
}
