#include "explore/catalogsuggestions.h"

#include "core/model/model_catalog.h"

namespace CatalogSuggestions {

QString modelWith(unsigned capabilities)
{
    for (const gs::ModelInfo &model : gs::model_catalog()) {
        if ((model.capabilities & capabilities) == capabilities)
            return QString::fromStdString(model.id);
    }
    return {};
}

QString twoDomainDataset()
{
    for (const gs::DatasetInfo &dataset : gs::dataset_catalog()) {
        if (dataset.two_domains && !dataset.needs_path)
            return QString::fromStdString(dataset.id);
    }
    return {};
}

} // namespace CatalogSuggestions
