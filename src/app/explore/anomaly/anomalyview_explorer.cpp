// anomalyview_explorer.cpp — AnomalyView as an explorer view: the Anomaly tab
// for models with a likelihood or reconstructions on image data; a dropped
// folder (or image inside one) is scored as a folder.
#include "explore/anomaly/anomalyview.h"

#include <QFileInfo>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"

ExplorerView::Traits AnomalyView::explorerTraits()
{
    // Either capability will do (isAvailable), so the traits require none.
    return Traits(QStringLiteral("anomaly"), tr("Anomaly"), 0)
        .withAliases({QStringLiteral("anomal*"), QStringLiteral("ood")})
        .withToolTip(tr("Score images by likelihood or reconstruction error: most and least typical, "
                        "scores per class, ROC of a normal class"))
        .withDrops(Drops::Files);
}

bool AnomalyView::isAvailable(const ExplorerInfo &info) const
{
    return info.isValid() && gs::AnomalyExplorer::can_score(info.capabilities, info.pointData);
}

QString AnomalyView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(gs::kCanReconstruct);
    if (!info.isValid())
        return tr("There is no model yet: train a model with a likelihood or reconstructions "
                  "(such as model %1) to score images.")
            .arg(example);
    if (info.pointData)
        return tr("Anomaly scoring is for images; %1 was trained on points.")
            .arg(info.modelName.isEmpty() ? tr("this model") : info.modelName);
    return tr("%1 has neither a likelihood nor reconstructions, so it cannot score images: train "
              "a model that has one (such as model %2).")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, example);
}

void AnomalyView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

bool AnomalyView::takeFile(const QString &path)
{
    const QFileInfo file(path);
    if (file.isDir())
        scoreFolder(file.absoluteFilePath());
    else
        emit error(tr("Drop a folder of images to score them; %1 is a single file.").arg(file.fileName()));
    return true;
}
