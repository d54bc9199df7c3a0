#include "explore/explorerview.h"

#include <QCoreApplication>
#include <QWidget>

#include <utility>

ExplorerView::Traits::Traits(QString id, QString title, unsigned requiredCapabilities)
    : id(std::move(id))
    , title(std::move(title))
    , requiredCapabilities(requiredCapabilities)
{
}

ExplorerView::ExplorerView(Traits traits)
    : mTraits(std::move(traits))
{
}

bool ExplorerView::isAvailable(const ExplorerInfo &info) const
{
    const unsigned needed = requiredCapabilities();
    return info.isValid() && !info.pointData && (info.capabilities & needed) == needed;
}

QString ExplorerView::unavailableReason(const ExplorerInfo &info) const
{
    return QString(mTraits.unavailable).replace(QLatin1String("%1"), info.modelName);
}

void ExplorerView::takeImage(const gs::Image &image, const QString &label)
{
    (void)image;
    (void)label;
}

bool ExplorerView::takeFile(const QString &path)
{
    (void)path;
    return false;
}

QString ExplorerView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    return QCoreApplication::translate("ExplorerView", "%1 cannot use %2 here.")
        .arg(info.modelName, label);
}

bool ExplorerView::matches(const QString &name) const
{
    const QString n = name.trimmed().toLower();
    if (n == id())
        return true;
    for (const QString &alias : aliases()) {
        if (alias.endsWith(QLatin1Char('*')) ? n.startsWith(alias.chopped(1)) : n == alias)
            return true;
    }
    return false;
}

bool ExplorerView::deferWhileHidden()
{
    mDeferred = !widget()->isVisible();
    return mDeferred;
}

bool ExplorerView::takeDeferred()
{
    return std::exchange(mDeferred, false);
}
