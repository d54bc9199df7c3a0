#include "presenter/viewrecorder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QWidget>
#include <QtConcurrent>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>

#include "core/explore/animation_writer.h"

// Frames from the GUI thread to the encoder: (image, repeat) pairs, then a
// closed flag once the recording ends.
struct ViewRecorder::Queue
{
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::pair<QImage, int>> frames;
    bool closed = false;

    size_t size()
    {
        std::lock_guard lock(mutex);
        return frames.size();
    }
};

namespace {

gs::Image toRgb(const QImage &source)
{
    const QImage rgb = source.convertToFormat(QImage::Format_RGB888);
    gs::Image out;
    out.width = rgb.width();
    out.height = rgb.height();
    out.channels = 3;
    out.pixels.resize(size_t(out.width) * out.height * 3);
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(out.pixels.data() + size_t(y) * out.width * 3, rgb.constScanLine(y),
                    size_t(out.width) * 3);
    return out;
}

} // namespace

ViewRecorder::ViewRecorder(QObject *parent)
    : QObject(parent)
    , mTimer(new QTimer(this))
{
    mTimer->setTimerType(Qt::PreciseTimer);
    connect(mTimer, &QTimer::timeout, this, &ViewRecorder::grab);
    mPool.setMaxThreadCount(1); // one encoder, never a thread of the global pool
    connect(&mWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        stop(); // an encoder that failed ends the recording
        const QString message = mWatcher.result();
        const bool ok = message.isEmpty();
        emit finished(mOptions.path, ok,
                      ok ? tr("Recorded %n frame(s) to %1.", nullptr, mFrames)
                               .arg(QDir::toNativeSeparators(mOptions.path))
                         : message);
    });
}

ViewRecorder::~ViewRecorder()
{
    stop();
    mWatcher.waitForFinished();
}

double ViewRecorder::elapsedSeconds() const
{
    return mRecording ? mClock.elapsed() / 1000.0 : double(mFrames) / std::max(1, mOptions.fps);
}

bool ViewRecorder::start(QWidget *target, const Options &options, QString *error)
{
    if (isBusy()) {
        *error = tr("A recording is still running or being written.");
        return false;
    }
    if (!target) {
        *error = tr("There is no view to record.");
        return false;
    }
    if (options.fps < kMinFps || options.fps > kMaxFps) {
        *error = tr("Record at %1 to %2 frames per second.").arg(kMinFps).arg(kMaxFps);
        return false;
    }
    const QString suffix = QFileInfo(options.path).suffix().toLower();
    if (suffix != QLatin1String("gif") && suffix != QLatin1String("mp4")) {
        *error = tr("Give the recording a name ending in .gif or .mp4.");
        return false;
    }
    const QFileInfo folder(QFileInfo(options.path).absolutePath());
    if (!folder.isDir() || !folder.isWritable()) {
        *error = tr("The folder %1 does not exist or cannot be written to.")
                     .arg(QDir::toNativeSeparators(folder.filePath()));
        return false;
    }
    mTarget = target;
    mOptions = options;
    mFrames = 0;
    mSize = QSize();
    mQueue = std::make_shared<Queue>();
    const std::string file = QFile::encodeName(options.path).toStdString();
    const int fps = options.fps;
    std::shared_ptr<Queue> queue = mQueue;
    mWatcher.setFuture(QtConcurrent::run(&mPool, [queue, file, fps]() -> QString {
        try {
            gs::AnimationStream stream(file, fps);
            for (;;) {
                std::pair<QImage, int> item;
                {
                    std::unique_lock lock(queue->mutex);
                    queue->wake.wait(lock, [&] { return queue->closed || !queue->frames.empty(); });
                    if (queue->frames.empty())
                        break; // closed and drained
                    item = std::move(queue->frames.front());
                    queue->frames.pop_front();
                }
                stream.add(toRgb(item.first), item.second);
            }
            stream.finish();
            return {};
        } catch (const std::exception &e) {
            std::lock_guard lock(queue->mutex);
            queue->closed = true; // the grabber stops feeding a dead encoder
            queue->frames.clear();
            return QString::fromStdString(e.what());
        }
    }));
    mRecording = true;
    mClock.start();
    mTimer->start(1000 / options.fps);
    emit started();
    grab(); // the first frame at once
    return true;
}

void ViewRecorder::push(const QImage &frame, int repeat)
{
    {
        std::lock_guard lock(mQueue->mutex);
        if (mQueue->closed)
            return;
        mQueue->frames.emplace_back(frame, repeat);
    }
    mQueue->wake.notify_one();
}

void ViewRecorder::grab()
{
    if (!mRecording)
        return;
    if (!mTarget) {
        stop();
        return;
    }
    const double seconds = mClock.elapsed() / 1000.0;
    const int limit = mOptions.seconds > 0 ? mOptions.seconds * mOptions.fps : INT_MAX;
    // Frames due by now, in real time; the duration caps them.
    const int due = std::min(limit, int(seconds * mOptions.fps) + 1);
    if (due > mFrames) {
        const int repeat = due - mFrames;
        if (mQueue->size() >= size_t(kMaxQueued)) {
            // The encoder is behind: hold the last frame rather than grab.
            std::lock_guard lock(mQueue->mutex);
            if (!mQueue->frames.empty())
                mQueue->frames.back().second += repeat;
        } else {
            QImage frame = mTarget->grab().toImage();
            frame.setDevicePixelRatio(1.0);
            if (mSize.isEmpty()) {
                mSize = frame.size();
                if (mSize.width() > kMaxWidth)
                    mSize = mSize.scaled(kMaxWidth, mSize.height(), Qt::KeepAspectRatio);
            }
            if (frame.size() != mSize) // shrunk, or the view was resized while recording
                frame = frame.scaled(mSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            push(frame, repeat);
        }
        mFrames = due;
        emit progress(seconds, mFrames);
    }
    if (mFrames >= limit)
        stop();
}

void ViewRecorder::stop()
{
    if (!mRecording)
        return;
    mRecording = false;
    mTimer->stop();
    {
        std::lock_guard lock(mQueue->mutex);
        mQueue->closed = true;
    }
    mQueue->wake.notify_one();
    emit stopped();
}
