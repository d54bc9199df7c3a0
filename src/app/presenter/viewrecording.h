// viewrecording.h — the window's recording feature: View ▸ Record View…
// (Ctrl+Shift+R) asks what to record (RecordDialog) and starts a ViewRecorder
// on the current tab or the whole window; View ▸ Stop Recording (also
// Ctrl+Shift+R while recording) ends it; a status-bar indicator shows a red
// dot and the time while recording, then "Writing…" until the file is done.
//
// Ownership: a QObject child of the window; owns the recorder, the two
// actions and the indicator label (parented to the window; the status bar
// takes it). Borrows the window. Thread affinity: GUI thread.
// Failure modes: refusals and encoding errors come as message(text, isError).
#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QLabel;
class QWidget;
class ViewRecorder;

class ViewRecording : public QObject
{
    Q_OBJECT

public:
    // `currentView`: the widget of the current tab (recorded unless the whole
    // window is chosen).
    ViewRecording(QWidget *window, std::function<QWidget *()> currentView,
                  QObject *parent = nullptr);

    QAction *recordAction() const { return mRecord; }
    QAction *stopAction() const { return mStop; }
    QLabel *indicator() const { return mIndicator; }
    ViewRecorder *recorder() const { return mRecorder; }

    // Without the dialog (tests, Record View… after OK): false with `error`.
    bool start(bool wholeWindow, int fps, int seconds, const QString &path, QString *error);
    void stop();

signals:
    void message(const QString &text, bool isError);

private:
    void openDialog();
    void updateIndicator();

    QWidget *mWindow;
    std::function<QWidget *()> mCurrentView;
    ViewRecorder *mRecorder;
    QAction *mRecord;
    QAction *mStop;
    QLabel *mIndicator;
};
