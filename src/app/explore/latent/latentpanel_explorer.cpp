// latentpanel_explorer.cpp — LatentPanel as an explorer view: the Latent tab
// for models that decode; its latents go to the Interpolation view on request.
#include "explore/latent/latentpanel.h"

#include "core/model/capabilities.h"
#include "explore/interpolation/interpolationview.h"

ExplorerView::Traits LatentPanel::explorerTraits()
{
    return Traits(QStringLiteral("latent"), tr("Latent"), gs::kCanDecode)
        .withAliases({QStringLiteral("sliders")})
        .withUnavailable(
            tr("%1 has no latent space to explore: it translates images (see Translate)."))
        .withDrops(Drops::Images)
        .withStyleSpaceBar();
}

void LatentPanel::attach(ExplorerHost &host)
{
    forwardMessages(this, host, ErrorFilter::WhileModelDecodes);
    connect(this, &LatentPanel::addToInterpolation, this,
            [&host](const gs::Latent &z, const QString &label) {
                ExplorerView *view = host.explorerView(QStringLiteral("interpolation"));
                if (auto *interpolation = dynamic_cast<InterpolationView *>(view)) {
                    interpolation->addLatent(z, label);
                    host.showNotice(tr("Added %1 to the interpolation.").arg(label));
                }
            });
}

void LatentPanel::modelChanged(const ExplorerInfo &info)
{
    if (info.canDecodeImages())
        setModel(info);
}
