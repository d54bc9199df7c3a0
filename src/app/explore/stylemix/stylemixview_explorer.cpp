// stylemixview_explorer.cpp — StyleMixView as an explorer view: the Style mix
// tab for models with per-layer styles; it starts from seeds and bookmarks, so
// dropped pictures are refused with a sentence.
#include "explore/stylemix/stylemixview.h"

#include "core/model/capabilities.h"

QString StyleMixView::id() const
{
    return QStringLiteral("style");
}

QStringList StyleMixView::aliases() const
{
    return {QStringLiteral("style-mix"), QStringLiteral("stylemix"), QStringLiteral("mix")};
}

QString StyleMixView::title() const
{
    return tr("Style mix");
}

unsigned StyleMixView::requiredCapabilities() const
{
    return gs::kHasStyles;
}

QString StyleMixView::toolTip(const ExplorerInfo &info) const
{
    (void)info;
    return tr("Mix the per-layer styles of two latents, with truncation and noise");
}

QString StyleMixView::unavailableReason(const ExplorerInfo &info) const
{
    (void)info;
    return unavailableText();
}

void StyleMixView::attach(ExplorerHost &host)
{
    connect(this, &StyleMixView::error, this,
            [&host](const QString &message) { host.showError(message); });
    connect(this, &StyleMixView::notice, this,
            [&host](const QString &message) { host.showNotice(message); });
}

void StyleMixView::modelChanged(const ExplorerInfo &info)
{
    setModel(info);
}

ExplorerView::Drops StyleMixView::drops() const
{
    return Drops::None;
}

QString StyleMixView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    return tr("Style mixing starts from seeds or bookmarks, not pictures: %1 has no encoder to "
              "find the latent of %2.")
        .arg(info.modelName, label);
}
