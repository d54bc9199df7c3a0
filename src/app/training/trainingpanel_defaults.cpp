// trainingpanel_defaults.cpp — the training panel's parameter form follows the
// kind of data (2-D points, grayscale, RGB, two domains, text): the model's
// specs carry the kind's defaults (gs::params_for), and what the person changed
// stays on top when the dataset, its channels or the model change.
#include "training/trainingpanel.h"

#include <QComboBox>

#include "core/data/dataset_catalog.h"
#include "core/model/model_defaults.h"
#include "widgets/parameterform.h"

gs::DataKind TrainingPanel::currentDataKind() const
{
    const gs::DatasetInfo *info = gs::find_dataset(datasetId().toStdString());
    return info ? gs::data_kind_of(*info, mChannelsCombo->currentData().toInt()) : gs::DataKind::Gray;
}

void TrainingPanel::showModelSpecs(const gs::ModelInfo *info, const gs::ParamValues &edited)
{
    mFormKind = currentDataKind();
    mParams->setSpecs(info ? gs::params_for(*info, mFormKind) : std::vector<gs::ParamSpec>());
    mParams->setValues(edited);
    mParams->setTrainingActive(mTrainingActive);
}

gs::ParamValues TrainingPanel::editedValues() const
{
    const gs::ModelInfo *info = gs::find_model(mCurrentModel.toStdString());
    return info ? gs::changed_from_defaults(*info, mFormKind, mParams->values()) : gs::ParamValues();
}

void TrainingPanel::followDataKind()
{
    const gs::ModelInfo *info = gs::find_model(mCurrentModel.toStdString());
    if (!info || currentDataKind() == mFormKind)
        return;
    showModelSpecs(info, editedValues());
}
