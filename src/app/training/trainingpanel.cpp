#include "widgets/notelabel.h"
#include "training/trainingpanel.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

#include "core/common/error.h"
#include "core/data/dataset_catalog.h"
#include "core/model/model_catalog.h"
#include "widgets/comboboxdata.h"
#include "widgets/advancedcontrol.h"
#include "widgets/parameterform.h"
#include "training/datasetchoice.h"
#include "training/sessionsummary.h"
#include "support/studiosettings.h"

namespace {

// The key of the model's learning rate (the one parameter the trainer takes
// live from this form), or empty.
QString learningRateKey(const gs::ModelInfo *model)
{
    const gs::ParamSpec *lr
        = model ? gs::find_role(model->params, gs::ParamSpec::Role::LearningRate) : nullptr;
    return lr ? QString::fromStdString(lr->key) : QString();
}

bool isDrawable(const std::string &datasetId)
{
    const gs::DatasetInfo *info = gs::find_dataset(datasetId);
    return info && info->drawable;
}

QLabel *descriptionLabel(QWidget *parent)
{
    return makeNoteLabel(parent);
}

QFormLayout *formLayout(QWidget *parent)
{
    auto *layout = new QFormLayout(parent);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return layout;
}

} // namespace

TrainingPanel::TrainingPanel(QWidget *parent)
    : QWidget(parent)
    , mModelCombo(new QComboBox(this))
    , mModelDescription(descriptionLabel(this))
    , mDatasetCombo(new QComboBox(this))
    , mDatasetDescription(descriptionLabel(this))
    , mFolderOptions(new QWidget(this))
    , mFolderEdit(new QLineEdit(this))
    , mImageSizeSpin(new QSpinBox(this))
    , mChannelsCombo(new QComboBox(this))
    , mLimitSpin(new QSpinBox(this))
    , mClassCombo(new QComboBox(this))
    , mParams(new ParameterForm(this))
    , mStepsSpin(new QSpinBox(this))
    , mSeedSpin(new QSpinBox(this))
    , mThreadsSpin(new QSpinBox(this))
    , mProcessesSpin(new QSpinBox(this))
    , mSessionLabel(new QLabel(this))
    , mButtonArea(new QWidget(this))
{
    mModelCombo->setObjectName(QStringLiteral("modelCombo"));
    mDatasetCombo->setObjectName(QStringLiteral("datasetCombo"));
    mFolderEdit->setObjectName(QStringLiteral("folderEdit"));
    mImageSizeSpin->setObjectName(QStringLiteral("imageSizeSpin"));
    mChannelsCombo->setObjectName(QStringLiteral("channelsCombo"));
    mLimitSpin->setObjectName(QStringLiteral("limitSpin"));
    mClassCombo->setObjectName(QStringLiteral("onlyClassCombo"));
    mClassCombo->setToolTip(tr("Train on the images of one class alone (the test set stays whole): "
                               "the Anomaly view then scores how well the other classes stand out"));
    mParams->setObjectName(QStringLiteral("parameterForm"));
    mStepsSpin->setObjectName(QStringLiteral("stepsSpin"));
    mSeedSpin->setObjectName(QStringLiteral("seedSpin"));
    mThreadsSpin->setObjectName(QStringLiteral("threadsSpin"));
    mProcessesSpin->setObjectName(QStringLiteral("processesSpin"));
    mSessionLabel->setObjectName(QStringLiteral("sessionLabel"));

    for (const gs::ModelInfo &info : gs::model_catalog()) {
        mModelCombo->addItem(QString::fromStdString(info.name), QString::fromStdString(info.id));
        mModelCombo->setItemData(mModelCombo->count() - 1, QString::fromStdString(info.description),
                                 Qt::ToolTipRole);
    }
    // Images first, then the playground's point data after a separator: a
    // point session started in the Playground tab shows its dataset here too,
    // and training one from here opens the Playground tab.
    for (const bool points : {false, true}) {
        if (points && mDatasetCombo->count() > 0)
            mDatasetCombo->insertSeparator(mDatasetCombo->count());
        for (const gs::DatasetInfo &info : gs::dataset_catalog()) {
            if (info.points != points)
                continue;
            mDatasetCombo->addItem(QString::fromStdString(info.name),
                                   QString::fromStdString(info.id));
            mDatasetCombo->setItemData(mDatasetCombo->count() - 1,
                                       QString::fromStdString(info.description), Qt::ToolTipRole);
        }
    }

    // Model.
    auto *modelGroup = new QGroupBox(tr("Model"), this);
    auto *modelLayout = new QVBoxLayout(modelGroup);
    modelLayout->addWidget(mModelCombo);
    modelLayout->addWidget(mModelDescription);

    // Data.
    auto *folderButton = new QToolButton(this);
    folderButton->setObjectName(QStringLiteral("folderBrowseButton"));
    folderButton->setText(tr("Browse…"));
    mFolderEdit->setPlaceholderText(tr("Folder with PNG or JPEG images"));
    mFolderEdit->setClearButtonEnabled(true);
    auto *folderRow = new QHBoxLayout;
    folderRow->setContentsMargins(0, 0, 0, 0);
    folderRow->addWidget(mFolderEdit, 1);
    folderRow->addWidget(folderButton);
    mImageSizeSpin->setRange(8, 512);
    mImageSizeSpin->setValue(28);
    mImageSizeSpin->setSuffix(tr(" px"));
    mImageSizeSpin->setToolTip(tr("Images are resized to size × size pixels."));
    mChannelsCombo->addItem(tr("Grayscale"), 1);
    mChannelsCombo->addItem(tr("Colour (RGB)"), 3);
    auto *folderForm = mFolderForm = formLayout(mFolderOptions);
    folderForm->setContentsMargins(0, 0, 0, 0);
    folderForm->addRow(tr("Folder:"), folderRow);
    folderForm->addRow(tr("Image size:"), mImageSizeSpin);
    folderForm->addRow(tr("Channels:"), mChannelsCombo);

    mLimitSpin->setRange(0, INT_MAX);
    mLimitSpin->setSingleStep(1000);
    mLimitSpin->setSpecialValueText(tr("all"));
    mLimitSpin->setGroupSeparatorShown(true);
    mLimitSpin->setToolTip(tr("Train on only the first N images (all: the whole dataset). "
                              "Small subsets load faster for quick experiments."));

    auto *dataGroup = new QGroupBox(tr("Data"), this);
    auto *dataLayout = new QVBoxLayout(dataGroup);
    dataLayout->addWidget(mDatasetCombo);
    dataLayout->addWidget(mDatasetDescription);
    dataLayout->addWidget(mFolderOptions);
    auto *limitForm = new QFormLayout;
    limitForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    mLimitLabel = new QLabel(tr("Training images:"), this);
    limitForm->addRow(mLimitLabel, mLimitSpin);
    mClassLabel = new QLabel(tr("Classes:"), this);
    limitForm->addRow(mClassLabel, mClassCombo);
    dataLayout->addLayout(limitForm);

    // Parameters.
    auto *paramGroup = new QGroupBox(tr("Parameters"), this);
    auto *paramLayout = new QVBoxLayout(paramGroup);
    paramLayout->addWidget(mParams);
    auto *resetButton = new QPushButton(tr("Reset to defaults"), this);
    resetButton->setObjectName(QStringLiteral("resetParametersButton"));
    auto *resetRow = new QHBoxLayout;
    resetRow->addStretch();
    resetRow->addWidget(resetButton);
    paramLayout->addLayout(resetRow);

    // Run.
    mStepsSpin->setRange(1, INT_MAX);
    mStepsSpin->setSingleStep(500);
    mStepsSpin->setGroupSeparatorShown(true);
    mStepsSpin->setValue(5000);
    mStepsSpin->setToolTip(tr("Train until the session reaches this step. Continue trains an "
                              "existing session on to this step."));
    mSeedSpin->setRange(0, INT_MAX);
    mSeedSpin->setValue(1);
    mSeedSpin->setToolTip(tr("Seed for initialisation, data order and the fixed sample "
                             "latents: the same seed and settings repeat a run."));
    const int cores = std::max(1, QThread::idealThreadCount());
    mThreadsSpin->setRange(0, cores);
    mThreadsSpin->setSpecialValueText(tr("auto (%1)").arg(std::max(1, cores - 1)));
    mThreadsSpin->setToolTip(tr("Compute threads for training. Auto uses every core but one: "
                                "the window needs a core to draw, and the trainer's threads "
                                "wait for each other when one of them is interrupted."));
    mProcessesSpin->setRange(1, 8);
    mProcessesSpin->setToolTip(tr("Train one model across this many processes on this machine "
                                  "(data-parallel: each takes its share of every batch and of "
                                  "the threads, gradients are averaged). 1 trains in the studio "
                                  "alone; point data always do. The batch size must divide by it."));
    auto *runGroup = new QGroupBox(tr("Run"), this);
    auto *runForm = formLayout(runGroup);
    runForm->addRow(tr("Steps:"), mStepsSpin);
    runForm->addRow(tr("Seed:"), mSeedSpin);
    runForm->addRow(tr("Threads:"), mThreadsSpin);
    runForm->addRow(tr("Processes:"), mProcessesSpin);
    // Advanced: hidden in presenter mode (widgets/advancedcontrol.h).
    for (QWidget *field : {static_cast<QWidget *>(mSeedSpin), static_cast<QWidget *>(mThreadsSpin),
                           static_cast<QWidget *>(mProcessesSpin)}) {
        markAdvanced(field);
        markAdvanced(runForm->labelForField(field));
    }
    markAdvanced(mLimitLabel);
    markAdvanced(mLimitSpin);
    markAdvanced(resetButton);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 4, 0);
    contentLayout->addWidget(modelGroup);
    contentLayout->addWidget(dataGroup);
    contentLayout->addWidget(paramGroup);
    contentLayout->addWidget(runGroup);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    mSessionLabel->setWordWrap(true);
    mSessionLabel->setTextFormat(Qt::RichText);
    mSessionLabel->setFrameShape(QFrame::StyledPanel);
    mSessionLabel->setMargin(6);
    mSessionLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    setSessionText(tr("No session yet. Press <b>Train</b> to start one or open a checkpoint."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll, 1);
    layout->addWidget(mSessionLabel);
    layout->addWidget(mButtonArea);

    connect(mModelCombo, &QComboBox::currentIndexChanged, this, &TrainingPanel::onModelChanged);
    connect(mDatasetCombo, &QComboBox::currentIndexChanged, this, &TrainingPanel::onDatasetChanged);
    connect(mChannelsCombo, &QComboBox::currentIndexChanged, this, &TrainingPanel::followDataKind);
    connect(folderButton, &QToolButton::clicked, this, &TrainingPanel::browseFolder);
    connect(resetButton, &QPushButton::clicked, mParams, &ParameterForm::resetToDefaults);
    connect(mParams, &ParameterForm::valueEdited, this, &TrainingPanel::onParameterEdited);

    selectComboData(mModelCombo, QString::fromStdString(gs::default_model_id()));
    onModelChanged();
    onDatasetChanged();
}

void TrainingPanel::setRunActions(QAction *train, QAction *continueAction, QAction *pause,
                                  QAction *resume, QAction *stop)
{
    auto button = [this](QAction *action) {
        auto *b = new QToolButton(mButtonArea);
        b->setDefaultAction(action);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        b->setMinimumHeight(30);
        return b;
    };
    auto *grid = new QGridLayout(mButtonArea);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    QToolButton *trainButton = button(train);
    QFont bold = trainButton->font();
    bold.setBold(true);
    trainButton->setFont(bold);
    grid->addWidget(trainButton, 0, 0, 1, 3);
    grid->addWidget(button(continueAction), 0, 3, 1, 3);
    grid->addWidget(button(pause), 1, 0, 1, 2);
    grid->addWidget(button(resume), 1, 2, 1, 2);
    grid->addWidget(button(stop), 1, 4, 1, 2);
}

QString TrainingPanel::modelId() const
{
    return mModelCombo->currentData().toString();
}

bool TrainingPanel::selectModel(const QString &id)
{
    return selectComboData(mModelCombo, id);
}

QString TrainingPanel::datasetId() const
{
    return mDatasetCombo->currentData().toString();
}

bool TrainingPanel::selectDataset(const QString &id)
{
    return selectComboData(mDatasetCombo, id);
}

void TrainingPanel::onModelChanged()
{
    if (!mCurrentModel.isEmpty())
        mModelValues.insert(mCurrentModel, editedValues());
    mCurrentModel = modelId();
    const gs::ModelInfo *info = gs::find_model(mCurrentModel.toStdString());
    enableDatasetsFor(mDatasetCombo, info ? info->capabilities : 0u);
    const QString lr = learningRateKey(info);
    mParams->setLiveKeys(lr.isEmpty() ? QStringList() : QStringList{lr});
    showModelSpecs(info, mModelValues.value(mCurrentModel));
    mModelDescription->setText(info ? QString::fromStdString(info->description) : QString());
    mModelDescription->setVisible(!mModelDescription->text().isEmpty());
    emit modelSelected(mCurrentModel);
}

void TrainingPanel::onDatasetChanged()
{
    const gs::DatasetInfo *info = gs::find_dataset(datasetId().toStdString());
    mFolderOptions->setVisible(info && info->needs_path);
    const bool text = info && info->text;
    mFolderEdit->setPlaceholderText(text ? tr("UTF-8 text file or folder") : tr("Folder with PNG or JPEG images"));
    for (QWidget *w : {static_cast<QWidget *>(mImageSizeSpin), static_cast<QWidget *>(mChannelsCombo)})
        mFolderForm->setRowVisible(w, !text);
    const bool points = info && info->points;
    mLimitLabel->setText(points ? tr("Points:") : text ? tr("Text pieces:") : tr("Training images:"));
    mLimitSpin->setSpecialValueText(points ? tr("20,000 (default)") : tr("all"));
    mLimitSpin->setToolTip(points ? tr("Number of training points drawn from the distribution "
                                       "(default 20,000).")
                                  : tr("Train on only the first N images (all: the whole "
                                       "dataset). Small subsets load faster for quick "
                                       "experiments."));
    mDatasetDescription->setText(info ? QString::fromStdString(info->description) : QString());
    mDatasetDescription->setVisible(!mDatasetDescription->text().isEmpty());
    const int onlyClass = mClassCombo->count() > 0 ? mClassCombo->currentData().toInt() : -1;
    mClassCombo->clear();
    mClassCombo->addItem(tr("all classes"), -1);
    if (info) {
        for (size_t i = 0; i < info->class_names.size(); ++i)
            mClassCombo->addItem(tr("only %1").arg(QString::fromStdString(info->class_names[i])), int(i));
    }
    mClassCombo->setCurrentIndex(std::max(0, mClassCombo->findData(onlyClass)));
    if (mClassLabel)
        mClassLabel->setVisible(mClassCombo->count() > 1);
    mClassCombo->setVisible(mClassCombo->count() > 1);
    followDataKind();
    emit datasetSelected(datasetId());
}

void TrainingPanel::browseFolder()
{
    const QString start = mFolderEdit->text().isEmpty() ? QDir::homePath() : mFolderEdit->text();
    const QString dir = browseDatasetPath(this, gs::find_dataset(datasetId().toStdString()), start);
    if (!dir.isEmpty())
        mFolderEdit->setText(QDir::toNativeSeparators(dir));
}

void TrainingPanel::onParameterEdited(const QString &key)
{
    if (!mTrainingActive || key.isEmpty()
        || key != learningRateKey(gs::find_model(modelId().toStdString())))
        return;
    const gs::ParamValues values = mParams->values();
    const auto it = values.find(key.toStdString());
    if (it == values.end())
        return;
    bool ok = false;
    const double lr = QString::fromStdString(it->second).toDouble(&ok);
    if (ok)
        emit learningRateEdited(lr);
}

gs::SessionConfig TrainingPanel::sessionConfig() const
{
    gs::SessionConfig config;
    config.model_id = modelId().toStdString();
    config.params = mParams->values();
    config.dataset.id = datasetId().toStdString();
    const gs::DatasetInfo *info = gs::find_dataset(config.dataset.id);
    if (info && info->needs_path) {
        config.dataset.path
            = QDir::fromNativeSeparators(mFolderEdit->text().trimmed()).toStdString();
        config.dataset.image_size = mImageSizeSpin->value();
        config.dataset.channels = mChannelsCombo->currentData().toInt();
    }
    config.dataset.limit = mLimitSpin->value();
    config.dataset.only_class = mClassCombo->count() > 1 ? mClassCombo->currentData().toInt() : -1;
    if (isDrawable(config.dataset.id))
        config.dataset.drawn_points = mDrawnPoints;
    config.seed = (unsigned long)mSeedSpin->value();
    return config;
}

QString TrainingPanel::validationError() const
{
    const gs::ModelInfo *model = gs::find_model(modelId().toStdString());
    if (!model)
        return tr("Choose a model.");
    const gs::DatasetInfo *dataset = gs::find_dataset(datasetId().toStdString());
    if (!dataset)
        return tr("Choose a dataset.");
    if (dataset->needs_path) {
        const QString problem = datasetPathProblem(*dataset, mFolderEdit->text().trimmed());
        if (!problem.isEmpty())
            return problem;
    }
    if (dataset->drawable && mDrawnPoints.empty())
        return tr("Draw the distribution in the Playground tab first (choose \"Drawn by you\" "
                  "there and click on the plot).");
    try {
        gs::resolve_params(model->params, mParams->values());
    } catch (const gs::Error &error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

int TrainingPanel::computeThreads() const
{
    if (mThreadsSpin->value() > 0)
        return mThreadsSpin->value();
    return std::max(1, QThread::idealThreadCount() - 1);
}

int TrainingPanel::processes() const
{
    return mProcessesSpin->value();
}

long TrainingPanel::totalSteps() const
{
    return mStepsSpin->value();
}

void TrainingPanel::setTotalSteps(long steps)
{
    mStepsSpin->setValue(int(std::clamp<long>(steps, 1L, long(INT_MAX))));
}

void TrainingPanel::setImageLimit(long limit)
{
    mLimitSpin->setValue(int(std::clamp<long>(limit, 0L, long(INT_MAX))));
}

void TrainingPanel::showSession(const SessionSummary &summary)
{
    const gs::SessionConfig &config = summary.config;
    const QString model = QString::fromStdString(config.model_id);
    mModelValues.insert(model, config.params);
    if (model == mCurrentModel)
        mParams->setValues(config.params);
    else
        selectModel(model); // loads mModelValues[model] into the form
    selectDataset(QString::fromStdString(config.dataset.id));
    if (!config.dataset.path.empty())
        mFolderEdit->setText(QDir::toNativeSeparators(QString::fromStdString(config.dataset.path)));
    const gs::DatasetInfo *dataset = gs::find_dataset(config.dataset.id);
    if (dataset && dataset->needs_path) {
        mImageSizeSpin->setValue(config.dataset.image_size);
        mChannelsCombo->setCurrentIndex(config.dataset.channels == 3 ? 1 : 0);
    }
    mLimitSpin->setValue(int(std::clamp<long>(config.dataset.limit, 0L, long(INT_MAX))));
    mClassCombo->setCurrentIndex(std::max(0, mClassCombo->findData(config.dataset.only_class)));
    mSeedSpin->setValue(int(std::min<unsigned long>(config.seed, (unsigned long)INT_MAX)));
    if (!config.dataset.drawn_points.empty())
        mDrawnPoints = config.dataset.drawn_points; // Train repeats the drawn distribution
    mParams->setValues(config.params); // the session's own values, whatever its data's defaults
}

void TrainingPanel::setSessionText(const QString &text)
{
    mSessionLabel->setText(text);
}

void TrainingPanel::setTrainingActive(bool active)
{
    mTrainingActive = active;
    mModelCombo->setEnabled(!active);
    mDatasetCombo->setEnabled(!active);
    mFolderOptions->setEnabled(!active);
    mLimitSpin->setEnabled(!active);
    mClassCombo->setEnabled(!active);
    mSeedSpin->setEnabled(!active);
    mThreadsSpin->setEnabled(!active);
    mProcessesSpin->setEnabled(!active);
    mStepsSpin->setEnabled(!active);
    mParams->setTrainingActive(active);
}
