// recorddialog.h — View ▸ Record View…: what to record (the current tab or
// the whole window), the format (GIF or MP4), frames per second, a duration
// (or until stopped) and the file. The choices are remembered
// (StudioSettings::record…); OK is enabled once the file has a name.
//
// Ownership: a modal dialog owned by its parent. Thread affinity: GUI thread.
// Failure modes: none here; ViewRecorder::start refuses a bad file with a sentence.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

class RecordDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RecordDialog(const QString &defaultFolder, QWidget *parent = nullptr);

    bool wholeWindow() const;
    int fps() const;
    int seconds() const; // 0: until stopped
    QString path() const; // with the format's suffix

    void setPath(const QString &path);
    void setFps(int fps);
    void setSeconds(int seconds);
    void setWholeWindow(bool on);
    void setFormat(const QString &suffix); // "gif" or "mp4"

    void saveChoices() const; // into StudioSettings

private:
    void browse();
    void followFormat();

    QComboBox *mTarget;
    QComboBox *mFormat;
    QSpinBox *mFps;
    QSpinBox *mSeconds;
    QLineEdit *mPath;
};
