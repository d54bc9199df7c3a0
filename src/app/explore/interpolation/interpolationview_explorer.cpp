// interpolationview_explorer.cpp — InterpolationView as an explorer view: the
// Interpolation tab for models that decode; dropped pictures become endpoints.
#include "explore/interpolation/interpolationview.h"

#include "core/model/capabilities.h"

QString InterpolationView::id() const
{
    return QStringLiteral("interpolation");
}

QStringList InterpolationView::aliases() const
{
    return {QStringLiteral("interp*")};
}

QString InterpolationView::title() const
{
    return tr("Interpolation");
}

unsigned InterpolationView::requiredCapabilities() const
{
    return gs::kCanDecode;
}

QString InterpolationView::toolTip(const ExplorerInfo &info) const
{
    (void)info;
    return {};
}

QString InterpolationView::unavailableReason(const ExplorerInfo &info) const
{
    return tr("%1 has no latent space to explore: it translates images (see Translate).")
        .arg(info.modelName);
}

void InterpolationView::attach(ExplorerHost &host)
{
    // Late failures of the previous model's jobs on a model without a decoder
    // are not news.
    connect(this, &InterpolationView::error, this, [&host](const QString &message) {
        if (host.modelInfo().canDecodeImages())
            host.showError(message);
    });
    connect(this, &InterpolationView::notice, this,
            [&host](const QString &message) { host.showNotice(message); });
}

void InterpolationView::modelChanged(const ExplorerInfo &info)
{
    if (info.canDecodeImages())
        setModel(info);
}

ExplorerView::Drops InterpolationView::drops() const
{
    return Drops::Images;
}

void InterpolationView::takeImage(const gs::Image &image, const QString &label)
{
    addImage(image, label);
}

bool InterpolationView::showsStyleSpaceBar() const
{
    return true;
}
