#include "presenter/viewrecording.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QStandardPaths>
#include <QWidget>

#include "presenter/recorddialog.h"
#include "presenter/viewrecorder.h"
#include "support/studiosettings.h"

ViewRecording::ViewRecording(QWidget *window, std::function<QWidget *()> currentView,
                             QObject *parent)
    : QObject(parent)
    , mWindow(window)
    , mCurrentView(std::move(currentView))
    , mRecorder(new ViewRecorder(this))
    , mRecord(new QAction(tr("&Record View…"), this))
    , mStop(new QAction(tr("S&top Recording"), this))
    , mIndicator(new QLabel(window))
{
    mRecord->setObjectName(QStringLiteral("recordViewAction"));
    mRecord->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    mRecord->setToolTip(tr("Record the current tab or the whole window to a GIF or MP4 for "
                           "slides (Ctrl+Shift+R)"));
    mStop->setObjectName(QStringLiteral("stopRecordingAction"));
    mStop->setToolTip(tr("End the recording and write the file (Ctrl+Shift+R)"));
    mStop->setEnabled(false);
    mIndicator->setObjectName(QStringLiteral("recordingIndicator"));
    mIndicator->setTextFormat(Qt::RichText);
    mIndicator->hide();

    connect(mRecord, &QAction::triggered, this, &ViewRecording::openDialog);
    connect(mStop, &QAction::triggered, this, &ViewRecording::stop);
    connect(mRecorder, &ViewRecorder::started, this, &ViewRecording::updateIndicator);
    connect(mRecorder, &ViewRecorder::progress, this, &ViewRecording::updateIndicator);
    connect(mRecorder, &ViewRecorder::stopped, this, &ViewRecording::updateIndicator);
    connect(mRecorder, &ViewRecorder::finished, this,
            [this](const QString &, bool ok, const QString &text) {
                updateIndicator();
                emit message(text, !ok);
            });
}

bool ViewRecording::start(bool wholeWindow, int fps, int seconds, const QString &path,
                          QString *error)
{
    QWidget *target = wholeWindow ? mWindow : (mCurrentView ? mCurrentView() : nullptr);
    ViewRecorder::Options options;
    options.fps = fps;
    options.seconds = seconds;
    options.path = path;
    return mRecorder->start(target, options, error);
}

void ViewRecording::stop()
{
    mRecorder->stop();
}

void ViewRecording::openDialog()
{
    if (mRecorder->isRecording()) { // the shortcut toggles
        stop();
        return;
    }
    QString folder = StudioSettings().lastDirectory();
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    RecordDialog dialog(folder, mWindow);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.saveChoices();
    QString error;
    if (!start(dialog.wholeWindow(), dialog.fps(), dialog.seconds(), dialog.path(), &error))
        emit message(error, true);
}

void ViewRecording::updateIndicator()
{
    const bool recording = mRecorder->isRecording();
    mStop->setEnabled(recording);
    mRecord->setText(recording ? tr("&Record View… (recording)") : tr("&Record View…"));
    if (recording) {
        const int seconds = int(mRecorder->elapsedSeconds());
        mIndicator->setText(tr("<span style='color:#e02020'>●</span> REC %1:%2")
                                .arg(seconds / 60)
                                .arg(seconds % 60, 2, 10, QLatin1Char('0')));
        mIndicator->setToolTip(tr("Recording to %1 (%n frame(s) so far). View ▸ Stop "
                                  "Recording ends it.",
                                  nullptr, mRecorder->frameCount())
                                   .arg(QDir::toNativeSeparators(mRecorder->path())));
        mIndicator->show();
    } else if (mRecorder->isEncoding()) {
        mIndicator->setText(tr("Writing the recording…"));
        mIndicator->show();
    } else {
        mIndicator->hide();
    }
}
