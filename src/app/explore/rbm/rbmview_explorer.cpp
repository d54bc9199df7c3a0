// rbmview_explorer.cpp — RbmView as an explorer view: the Gibbs tab for energy
// models; it works on the dataset's test images, so dropped pictures are
// refused with a sentence.
#include <QLabel>
#include <QShowEvent>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "explore/rbm/rbmview.h"
#include "widgets/imageview.h"
#include "widgets/unavailablestack.h"

ExplorerView::Traits RbmView::explorerTraits()
{
    return Traits(QStringLiteral("gibbs"), tr("Gibbs"), gs::kHasEnergy)
        .withAliases({QStringLiteral("energy"), QStringLiteral("boltzmann")})
        .withToolTip(tr("The learned filters, Gibbs chains from noise or a test image, clamped completion, and "
                        "the AIS test log-likelihood"));
}

QString RbmView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(requiredCapabilities());
    if (!info.isValid())
        return tr("There is no model yet: train an energy model (such as model %1).").arg(example);
    return tr("%1 has no energy function, so there is no Gibbs chain to run: train an energy model (such as "
              "model %2).")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, example);
}

void RbmView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

QString RbmView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    (void)info;
    return tr("The Gibbs view starts its chains from noise or from the dataset's test images (choose one by its "
              "number): %1 cannot be used here.")
        .arg(label);
}

void RbmView::modelChanged(const ExplorerInfo &info)
{
    const bool same = info.sameModelAs(mInfo);
    mInfo = info;
    const bool available = isAvailable(info);
    mStack->showAvailable(available, unavailableReason(info));
    if (!available || !same) {
        cancelAis();
        mChain = {};
        mChainView->clear();
        mFilters->clear();
        mFilterCaption->clear();
        mStepCaption->clear();
        mAis = {};
        mAisResult->clear();
    }
    updateButtons();
    if (!available)
        return;
    mSessionControls.modelArrived(sessionControls()); // a restored session's start, chains, …
    requestFilters(); // new weights: the filters follow; the chain goes on with them
    if (!same && isVisible())
        requestFrame(true);
    autoPlay();
}

void RbmView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!isAvailable(mInfo))
        return;
    if (mFiltersStale)
        requestFilters();
    if (mChain.empty())
        requestFrame(true);
    autoPlay();
}

void RbmView::autoPlay()
{
    if (mAutoPlayed || !isVisible() || !isAvailable(mInfo))
        return;
    mAutoPlayed = true; // the first time shown with a model, the chain runs by itself
    play();
}

void RbmView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    pause();
}
