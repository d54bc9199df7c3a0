// viewrecorder.h — records a widget (a tab of the studio or its whole window)
// to an animated GIF or an MP4 for slides: a frame every 1/fps seconds for a
// duration or until stopped, in real time (when the GUI thread falls behind,
// the last frame is held, so N seconds at R fps are N·R frames).
//
// Frames are grabbed on the GUI thread (QWidget::grab) and shrunk to at most
// kMaxWidth pixels wide; a pool thread converts and encodes them one by one
// into gs::AnimationStream (core/explore/animation_writer.h, the writers of
// the interpolation export) on the recorder's own one-thread pool, so memory holds only the frames waiting to be
// encoded. If encoding falls more than kMaxQueued frames behind, the grabber
// holds the last frame instead of grabbing new ones.
//
// Ownership: a QObject owned by the window; borrows the target widget (a
// target destroyed mid-recording ends it). Thread affinity: GUI thread; the
// encoder runs on the recorder's own one-thread pool. Failure modes: a bad path or format
// refuses to start with a sentence; an encoding failure (full disk, missing
// encoder) ends with finished(path, false, sentence) and leaves no partial
// file (the stream writes to a temporary file renamed on success).
#pragma once

#include <QElapsedTimer>
#include <QFuture>
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <memory>

class QTimer;
class QWidget;

class ViewRecorder : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinFps = 1;
    static constexpr int kMaxFps = 30;
    static constexpr int kMaxWidth = 1280;
    static constexpr int kMaxQueued = 48;

    struct Options
    {
        int fps = 10;
        int seconds = 10; // 0: until stop()
        QString path;     // .gif or .mp4
    };

    explicit ViewRecorder(QObject *parent = nullptr);
    ~ViewRecorder() override; // stops and waits for the encoder (the file is finished)

    // False (with a sentence in `error`) when already recording or encoding,
    // the target is missing, the rate is out of range or the name has neither
    // .gif nor .mp4.
    bool start(QWidget *target, const Options &options, QString *error);
    void stop(); // ends the recording; the file is finished off the GUI thread

    bool isRecording() const { return mRecording; }
    bool isEncoding() const { return mWatcher.isRunning(); }
    bool isBusy() const { return isRecording() || isEncoding(); }
    int frameCount() const { return mFrames; }
    double elapsedSeconds() const;
    QString path() const { return mOptions.path; }

signals:
    void started();
    void progress(double seconds, int frames); // after every grab
    void stopped();                            // grabbing ended; encoding goes on
    void finished(const QString &path, bool ok, const QString &message);

private:
    struct Queue;
    void grab();
    void push(const QImage &frame, int repeat);

    QTimer *mTimer = nullptr;
    QPointer<QWidget> mTarget;
    Options mOptions;
    bool mRecording = false;
    int mFrames = 0; // frames recorded (held ones counted)
    QSize mSize;     // of every frame (the first one's, shrunk)
    QElapsedTimer mClock;
    std::shared_ptr<Queue> mQueue;
    QThreadPool mPool;
    QFutureWatcher<QString> mWatcher;
};
