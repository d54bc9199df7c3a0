// trainingpanel_settings.cpp — the training panel's choices kept between
// sessions through StudioSettings: model and dataset, folder options, steps,
// seed, threads, and per model the parameters the person changed.
#include "training/trainingpanel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

#include <algorithm>
#include <climits>

#include "core/model/model_catalog.h"
#include "support/studiosettings.h"
#include "widgets/parameterform.h"

void TrainingPanel::loadSettings(const StudioSettings &settings)
{
    for (const gs::ModelInfo &info : gs::model_catalog()) {
        const QString id = QString::fromStdString(info.id);
        const gs::ParamValues values = settings.modelParams(id);
        if (!values.empty())
            mModelValues.insert(id, values);
    }
    if (mModelValues.contains(mCurrentModel))
        mParams->setValues(mModelValues.value(mCurrentModel));
    const QString model = settings.lastModel();
    if (!model.isEmpty())
        selectModel(model);
    const QString dataset = settings.lastDataset();
    if (!dataset.isEmpty())
        selectDataset(dataset);
    mFolderEdit->setText(settings.datasetFolder());
    mImageSizeSpin->setValue(settings.imageSize());
    mChannelsCombo->setCurrentIndex(settings.imageChannels() == 3 ? 1 : 0);
    mLimitSpin->setValue(int(std::clamp<long>(settings.imageLimit(), 0L, long(INT_MAX))));
    setTotalSteps(settings.totalSteps());
    mSeedSpin->setValue(int(std::min<unsigned long>(settings.seed(), (unsigned long)INT_MAX)));
    mThreadsSpin->setValue(settings.computeThreads());
    mProcessesSpin->setValue(settings.trainingProcesses());
}

void TrainingPanel::saveSettings(StudioSettings &settings) const
{
    settings.setLastModel(modelId());
    settings.setLastDataset(datasetId());
    settings.setDatasetFolder(mFolderEdit->text());
    settings.setImageSize(mImageSizeSpin->value());
    settings.setImageChannels(mChannelsCombo->currentData().toInt());
    settings.setImageLimit(mLimitSpin->value());
    settings.setTotalSteps(mStepsSpin->value());
    settings.setSeed((unsigned long)mSeedSpin->value());
    settings.setComputeThreads(mThreadsSpin->value());
    settings.setTrainingProcesses(mProcessesSpin->value());
    for (auto it = mModelValues.cbegin(); it != mModelValues.cend(); ++it) {
        if (it.key() != mCurrentModel)
            settings.setModelParams(it.key(), it.value());
    }
    settings.setModelParams(mCurrentModel, editedValues());
}
