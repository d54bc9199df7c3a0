// diffusionview_explorer.cpp — DiffusionView as an explorer view: the
// Diffusion tab for models that denoise step by step (kIterative); dropped
// pictures (read by the host at the model's size) become the image the
// forward process noises.
#include <QLabel>
#include <QShowEvent>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "explore/diffusion/diffusionview.h"
#include "explore/diffusion/guidancebox.h"
#include "widgets/unavailablestack.h"

ExplorerView::Traits DiffusionView::explorerTraits()
{
    return Traits(QStringLiteral("diffusion"), tr("Diffusion"), gs::kIterative)
        .withAliases({QStringLiteral("denoising"), QStringLiteral("timesteps")})
        .withDrops(Drops::Images)
        .withToolTip(tr("A timestep scrubber over the forward and reverse process with the model's x̂₀ and "
                        "predicted noise, the noise schedule, and DDPM against DDIM with 10, 20 and 50 steps"));
}

QString DiffusionView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(requiredCapabilities());
    const QString train = example.isEmpty() ? tr("train a diffusion model")
                                            : tr("train a diffusion model (such as model %1)").arg(example);
    if (!info.isValid())
        return tr("There is no model yet: %1.").arg(train);
    const QString name = info.modelName.isEmpty() ? tr("This model") : info.modelName;
    if (info.pointData && (info.capabilities & gs::kIterative))
        return tr("%1 denoises points, not images: its timesteps are shown in the playground.").arg(name);
    return tr("%1 does not make images by removing noise step by step, so there are no timesteps to scrub: %2.")
        .arg(name, train);
}

void DiffusionView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

void DiffusionView::takeImage(const gs::Image &image, const QString &label)
{
    if (!isAvailable(mInfo))
        return;
    mSourceImage = image;
    mSourceLabel = label;
    requestForward();
}

void DiffusionView::modelChanged(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo);
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    mGuidanceBox->modelChanged(available ? info : ExplorerInfo{});
    if (!available || !same) {
        clearShown();
        mSourceImage = {};
        mSourceLabel.clear();
    }
    if (!available)
        return;
    mSessionControls.modelArrived(sessionControls()); // a restored session's sampler, seed, …
    if (deferWhileHidden())
        return; // caught up when shown
    requestEverything(!same || mTimesteps == 0);
}

// Everything shown at once, so these jobs queue before the other tabs' slower
// ones: for a new model the schedule, the forward frame at T − 1, a reverse run
// (played once it comes; the sampler comparison, whose T-step DDPM chain holds
// the exploration thread a while, starts after that); for new weights the
// frame and the run again, and the comparison when it is due.
void DiffusionView::requestEverything(bool fresh)
{
    if (fresh) {
        requestSchedule();
        mPlayOnArrival = isVisible();
        mCompareWanted = true;
    }
    requestForward();
    requestReverse();
    if (!fresh)
        refreshComparison(); // a new model's comparison starts after its first run has played
}

void DiffusionView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!isAvailable(mInfo) || !takeDeferred())
        return;
    requestEverything(mTimesteps == 0);
}
