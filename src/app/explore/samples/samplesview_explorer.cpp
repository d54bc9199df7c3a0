// samplesview_explorer.cpp — SamplesView as an explorer view: the Samples tab
// for models that sample and decode; it starts from seeds, so dropped pictures
// are refused with a sentence.
#include "explore/samples/samplesview.h"

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"

ExplorerView::Traits SamplesView::explorerTraits()
{
    return Traits(QStringLiteral("samples"), tr("Samples"), gs::kCanSample)
        .withToolTip(tr("A grid of samples decoded from consecutive seeds"))
        .withStyleSpaceBar();
}

QString SamplesView::unavailableReason(const ExplorerInfo &info) const
{
    const QString example = CatalogSuggestions::modelWith(requiredCapabilities());
    if (!info.isValid())
        return tr("There is no model yet: train a model that samples (such as model %1) or "
                  "import a TorchScript generator.")
            .arg(example);
    return tr("%1 cannot sample, so it has no samples to show: train a model that samples "
              "(such as model %2) or import a TorchScript generator.")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName, example);
}

void SamplesView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
}

QString SamplesView::dropRefusal(const ExplorerInfo &info, const QString &label) const
{
    (void)info;
    return tr("Samples come from seeds, not pictures: %1 cannot be used here.").arg(label);
}
