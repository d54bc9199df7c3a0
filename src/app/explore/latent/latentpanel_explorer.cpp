// latentpanel_explorer.cpp — LatentPanel as an explorer view: the Latent tab
// for models that decode; its latents go to the Interpolation view on request.
#include "explore/latent/latentpanel.h"

#include "core/model/capabilities.h"
#include "explore/interpolation/interpolationview.h"

QString LatentPanel::id() const
{
    return QStringLiteral("latent");
}

QStringList LatentPanel::aliases() const
{
    return {QStringLiteral("sliders")};
}

QString LatentPanel::title() const
{
    return tr("Latent");
}

unsigned LatentPanel::requiredCapabilities() const
{
    return gs::kCanDecode;
}

QString LatentPanel::toolTip(const ExplorerInfo &info) const
{
    (void)info;
    return {};
}

QString LatentPanel::unavailableReason(const ExplorerInfo &info) const
{
    return tr("%1 has no latent space to explore: it translates images (see Translate).")
        .arg(info.modelName);
}

void LatentPanel::attach(ExplorerHost &host)
{
    // Late failures of a job of the previous model that ran on a model without
    // a decoder (such as a translator) are not news.
    connect(this, &LatentPanel::error, this, [&host](const QString &message) {
        if (host.modelInfo().canDecodeImages())
            host.showError(message);
    });
    connect(this, &LatentPanel::notice, this,
            [&host](const QString &message) { host.showNotice(message); });
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

ExplorerView::Drops LatentPanel::drops() const
{
    return Drops::Images;
}

bool LatentPanel::showsStyleSpaceBar() const
{
    return true;
}
