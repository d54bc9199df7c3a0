// stylemixview_explorer.cpp — StyleMixView as an explorer view: the Style mix
// tab for models with per-layer styles; it starts from seeds and bookmarks, so
// dropped pictures are refused with a sentence.
#include "explore/stylemix/stylemixview.h"

#include "core/model/capabilities.h"

ExplorerView::Traits StyleMixView::explorerTraits()
{
    return Traits(QStringLiteral("style"), tr("Style mix"), gs::kHasStyles)
        .withAliases({QStringLiteral("style-mix"), QStringLiteral("stylemix"),
                      QStringLiteral("mix")})
        .withToolTip(tr("Mix the per-layer styles of two latents, with truncation and noise"))
        .withUnavailable(unavailableText());
}

void StyleMixView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

void StyleMixView::modelChanged(const ExplorerInfo &info)
{
    setModel(info);
    if (isAvailable(info))
        mSessionControls.modelArrived(sessionControls()); // a restored session's ψ and noise
}

QString StyleMixView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    return tr("Style mixing starts from seeds or bookmarks, not pictures: %1 has no encoder to "
              "find the latent of %2.")
        .arg(info.modelName, label);
}
