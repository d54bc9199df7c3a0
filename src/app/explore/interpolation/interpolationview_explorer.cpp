// interpolationview_explorer.cpp — InterpolationView as an explorer view: the
// Interpolation tab for models that decode; dropped pictures become endpoints.
#include "explore/interpolation/interpolationview.h"

#include "core/model/capabilities.h"

ExplorerView::Traits InterpolationView::explorerTraits()
{
    return Traits(QStringLiteral("interpolation"), tr("Interpolation"), gs::kCanDecode)
        .withAliases({QStringLiteral("interp*")})
        .withUnavailable(
            tr("%1 has no latent space to explore: it translates images (see Translate)."))
        .withDrops(Drops::Images)
        .withStyleSpaceBar();
}

void InterpolationView::attach(ExplorerHost &host)
{
    forwardMessages(this, host, ErrorFilter::WhileModelDecodes);
}

void InterpolationView::modelChanged(const ExplorerInfo &info)
{
    if (info.canDecodeImages())
        setModel(info);
}

void InterpolationView::takeImage(const gs::Image &image, const QString &label)
{
    addImage(image, label);
}
