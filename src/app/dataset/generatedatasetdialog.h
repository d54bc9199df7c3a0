// generatedatasetdialog.h — File ▸ Generate a Dataset…: a checkpoint of a
// model that samples, the number of images, PNG folder or IDX files, the
// first seed, optionally the truncation ψ of style-based models, and a new or
// empty output folder; Generate runs gs::make_dataset on the thread pool
// (its own copy of the model, never the GUI thread) with a progress bar and
// Cancel, and says where the dataset went and how to open it again.
//
// Ownership: a dialog the caller owns (the action's slot parents it to the
// window). Thread affinity: GUI thread; the job owns its Explorer and talks
// back only through atomics and a queued call. Failure modes: every problem
// (not a checkpoint, a model that draws no images, a non-empty folder, a full
// disk) is shown as the core's sentence in the dialog and kept in
// lastMessage(); a cancelled run leaves nothing on disk.
#pragma once

#include <QDialog>
#include <QString>

#include <atomic>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class TrainingController;

class GenerateDatasetDialog : public QDialog
{
    Q_OBJECT

public:
    // "Generate a Dataset…" for the File menu; opens the dialog with the
    // session's checkpoint (last saved or opened) filled in.
    static QAction *createAction(TrainingController *controller, QWidget *parent);

    explicit GenerateDatasetDialog(const QString &checkpoint, QWidget *parent = nullptr);
    ~GenerateDatasetDialog() override;

    void setCheckpoint(const QString &path);
    void setOutputFolder(const QString &path);
    void setCount(int n);
    void setIdx(bool idx);
    void setSeed(unsigned long seed);
    // Starts generating (as the Generate button does); false when already running.
    bool start();
    void cancel();
    bool isRunning() const { return mRunning; }
    QString lastMessage() const { return mMessage; }
    bool succeeded() const { return mSucceeded; }

signals:
    void generationFinished(bool ok, const QString &message);

private:
    struct Shared
    {
        std::atomic<int> done{0}, total{0};
        std::atomic<bool> cancel{false};
    };
    void finish(bool ok, bool cancelled, const QString &message);
    void chooseCheckpoint();
    void chooseFolder();

    QLineEdit *mCheckpoint = nullptr;
    QSpinBox *mCount = nullptr;
    QComboBox *mFormat = nullptr;
    QSpinBox *mSeed = nullptr;
    QCheckBox *mTruncate = nullptr;
    QDoubleSpinBox *mPsi = nullptr;
    QLineEdit *mFolder = nullptr;
    QProgressBar *mProgress = nullptr;
    QLabel *mStatus = nullptr;
    QPushButton *mGenerate = nullptr;
    QPushButton *mCancel = nullptr;
    QTimer *mPoll = nullptr;
    std::shared_ptr<Shared> mShared;
    bool mRunning = false;
    bool mSucceeded = false;
    QString mMessage;
};
