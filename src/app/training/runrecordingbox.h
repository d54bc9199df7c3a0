// runrecordingbox.h — the Training dock's run folder strip: "Keep a
// checkpoint every N steps" (the interval of the run's step checkpoints, which
// thin out as they age; 0 keeps none) and the session's run folder with a
// "Show run folder" button that opens it in the file manager.
//
// Ownership: a widget owned by its parent (the Training dock's content); it
// borrows the TrainingController, which outlives it. Thread affinity: GUI
// thread. Failure modes: none — the interval is range-checked by its spin box
// and saved in StudioSettings as it changes; a folder the file manager cannot
// open is shown as a status tip only.
#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class TrainingController;

class RunRecordingBox : public QWidget
{
    Q_OBJECT

public:
    explicit RunRecordingBox(QWidget *parent = nullptr);

    void setController(TrainingController *controller);

    long checkpointEvery() const; // 0: no step checkpoints
    void setCheckpointEvery(long steps);
    QString runFolder() const { return mFolder; }
    void showRunFolder() const; // in the file manager

signals:
    void showRunFolderRequested(const QString &folder);

private:
    void setRunFolder(const QString &folder);

    QSpinBox *mEverySpin;
    QLabel *mFolderLabel;
    QPushButton *mShowButton;
    QString mFolder;
};
