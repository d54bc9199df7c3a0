// flowview_explorer.cpp — FlowView as an explorer view: the Flow tab for
// invertible models on images; dropped pictures (read and size-checked by the
// host) replace the test image in the round trip.
#include "explore/flow/flowview.h"

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"

ExplorerView::Traits FlowView::explorerTraits()
{
    return Traits(QStringLiteral("flow"), tr("Flow"), gs::kInvertible | gs::kCanDecode)
        .withAliases({QStringLiteral("roundtrip")})
        .withToolTip(tr("A normalising flow's x → z → x round trip, an image's latent and "
                        "bits/dim, and samples with a temperature"))
        .withDrops(Drops::Images);
}

QString FlowView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(requiredCapabilities());
    if (!info.isValid())
        return tr("There is no model yet: train a normalising flow (such as model %1) on images.")
            .arg(example);
    if (info.pointData && (info.capabilities & gs::kInvertible))
        return tr("%1 is a flow on points: the Playground shows its density and how it bends the plane.")
            .arg(info.modelName);
    return tr("%1 is not invertible, so it has no exact x → z → x round trip: train a normalising "
              "flow (such as model %2) on images.")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, example);
}

void FlowView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

void FlowView::takeImage(const gs::Image &image, const QString &label)
{
    mDropped = image;
    mDroppedLabel = label;
    requestRoundTrip();
}
