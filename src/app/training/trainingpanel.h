// trainingpanel.h — the left-hand training form: model and dataset pickers from
// the core's catalogs, the generic parameter form of the chosen model, dataset
// options (image folder, size, channels, subset), steps, seed and compute
// threads, the run buttons and a line describing the current session. Point
// datasets (the playground's) follow the image datasets after a separator; a
// drawn distribution is remembered from the last session that used one.
//
// Ownership: owns its widgets; the run actions are borrowed from MainWindow.
// Thread affinity: GUI thread. Failure modes: validationError() explains what
// is wrong with the form (missing folder, invalid parameter) instead of
// throwing; loading stale settings never fails (unknown values are ignored).
#pragma once

#include <QHash>
#include <QWidget>

#include "core/model/data_kind.h"
#include "core/train/training_session.h"

class QAction;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;
class ParameterForm;
class StudioSettings;
struct SessionSummary;

class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(QWidget *parent = nullptr);

    // Buttons for the run actions (owned by the caller).
    void setRunActions(QAction *train, QAction *continueAction, QAction *pause, QAction *resume,
                       QAction *stop);

    QString modelId() const;
    bool selectModel(const QString &id);
    QString datasetId() const;
    bool selectDataset(const QString &id);

    // The configuration the form describes (not validated).
    gs::SessionConfig sessionConfig() const;
    // Empty when the form can start a run, else a sentence for the user.
    QString validationError() const;

    long totalSteps() const;
    void setTotalSteps(long steps);
    void setImageLimit(long limit); // 0: the whole dataset
    // Compute threads for training: the user's choice, or (auto) all cores but
    // one, which the GUI needs to draw without stalling the trainer's threads.
    int computeThreads() const;
    // Processes a run on image or text data trains across (1: this one; 2–8:
    // data-parallel, the studio being rank 0). Point data train in one process.
    int processes() const;

    // Shows a (new or reopened) session: its configuration fills the form.
    void showSession(const SessionSummary &summary);
    void setSessionText(const QString &text);
    // Locks what cannot change while training runs (the learning rate stays live).
    void setTrainingActive(bool active);

    ParameterForm *parameterForm() const { return mParams; }

    void loadSettings(const StudioSettings &settings);
    void saveSettings(StudioSettings &settings) const;

signals:
    void learningRateEdited(double value); // while training is active only
    // The model or dataset picker changed (by the person, settings or code).
    void modelSelected(const QString &modelId);
    void datasetSelected(const QString &datasetId);

private:
    void onModelChanged();
    void onDatasetChanged();
    void browseFolder();
    void onParameterEdited(const QString &key);
    // The form's defaults follow the kind of data (trainingpanel_defaults.cpp):
    // the model's specs with the kind's defaults, the person's edits kept on top.
    gs::DataKind currentDataKind() const;
    void showModelSpecs(const gs::ModelInfo *info, const gs::ParamValues &edited);
    void followDataKind();
    gs::ParamValues editedValues() const; // the form's values that differ from its defaults

    QComboBox *mModelCombo;
    QLabel *mModelDescription;
    QComboBox *mDatasetCombo;
    QLabel *mDatasetDescription;
    QWidget *mFolderOptions;
    QFormLayout *mFolderForm = nullptr; // path, image size, channels (the last two hidden for text)
    QLineEdit *mFolderEdit;
    QSpinBox *mImageSizeSpin;
    QComboBox *mChannelsCombo;
    QLabel *mLimitLabel = nullptr;
    QSpinBox *mLimitSpin;
    QLabel *mClassLabel = nullptr;
    QComboBox *mClassCombo; // "one class normal": train on one class alone
    ParameterForm *mParams;
    QSpinBox *mStepsSpin;
    QSpinBox *mSeedSpin;
    QSpinBox *mThreadsSpin;
    QSpinBox *mProcessesSpin;
    QLabel *mSessionLabel;
    QWidget *mButtonArea;

    std::vector<float> mDrawnPoints;              // of the last session on drawable data
    QString mCurrentModel;                        // whose values the form shows
    QHash<QString, gs::ParamValues> mModelValues; // per model, kept when switching (the edits,
                                                  // or a reopened session's values)
    gs::DataKind mFormKind = gs::DataKind::Gray;  // whose defaults the form shows
    bool mTrainingActive = false;
};
