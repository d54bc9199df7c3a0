// latentmapview_explorer.cpp — LatentMapView as an explorer view: the Map tab
// for models that encode; a chosen point goes to the Latent view.
#include "explore/map/latentmapview.h"

#include "core/model/capabilities.h"
#include "explore/latent/latentpanel.h"

QString LatentMapView::id() const
{
    return QStringLiteral("map");
}

QStringList LatentMapView::aliases() const
{
    return {};
}

QString LatentMapView::title() const
{
    return tr("Map");
}

unsigned LatentMapView::requiredCapabilities() const
{
    return gs::kCanEncode;
}

QString LatentMapView::toolTip(const ExplorerInfo &info) const
{
    (void)info;
    return tr("The test images encoded, by class");
}

QString LatentMapView::unavailableReason(const ExplorerInfo &info) const
{
    return tr("%1 cannot encode images, so it has no latent map.").arg(info.modelName);
}

void LatentMapView::attach(ExplorerHost &host)
{
    // Late failures of the previous model's jobs on a model without a decoder
    // are not news.
    connect(this, &LatentMapView::error, this, [&host](const QString &message) {
        if (host.modelInfo().canDecodeImages())
            host.showError(message);
    });
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

ExplorerView::Drops LatentMapView::drops() const
{
    return Drops::Images;
}

void LatentMapView::takeImage(const gs::Image &image, const QString &label)
{
    locateImage(image, label);
}

bool LatentMapView::showsStyleSpaceBar() const
{
    return true;
}
