// timelineview_explorer.cpp — TimelineView as an explorer view: the Timeline
// tab for models whose checkpoints have a picture (they sample, translate or
// write text); it lists the run again whenever the explored model changes
// (every training snapshot, or an opened checkpoint).
#include "explore/timeline/timelineview.h"

#include <QShowEvent>

#include "core/explore/timeline_explorer.h"
#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "widgets/unavailablestack.h"

ExplorerView::Traits TimelineView::explorerTraits()
{
    return Traits(QStringLiteral("timeline"), tr("Timeline"), 0)
        .withAliases({QStringLiteral("checkpoints")})
        .withToolTip(tr("The run's checkpoints on a slider: the same fixed batch rendered at each, "
                        "exported as a timelapse"));
}

bool TimelineView::isAvailable(const ExplorerInfo &info) const
{
    return info.isValid() && !info.torchScript && gs::timeline_supported(info.capabilities);
}

QString TimelineView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(gs::kCanSample);
    if (!info.isValid())
        return tr("There is no model yet: train a model (such as model %1) or open a checkpoint of a "
                  "run to see its checkpoints side by side.")
            .arg(example);
    if (info.torchScript)
        return tr("An imported TorchScript module has no training run, so it has no checkpoints to "
                  "show.");
    return tr("%1 cannot sample, translate or write text, so its checkpoints have no pictures to "
              "compare: train a model that samples (such as model %2).")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, example);
}

void TimelineView::attach(ExplorerHost &host)
{
    mHost = &host;
    forwardMessages(this, host);
}

void TimelineView::modelChanged(const ExplorerInfo &info)
{
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    const bool newSource = info.fromTraining != mInfo.fromTraining || info.checkpointPath != mInfo.checkpointPath;
    mInfo = info;
    if (!available)
        return;
    if (newSource) {
        mSelectOpened = !info.fromTraining;
        mAnnouncedFailure = false;
    }
    requestListing();
}

void TimelineView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (takeDeferred())
        requestListing();
}

QString TimelineView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    (void)info;
    return tr("The timeline shows a run's checkpoints, not pictures: %1 cannot be used here. Drop a "
              "checkpoint file onto the tab to open its run.")
        .arg(label);
}
