// sequenceexport.h — writes a sequence of decoded frames as a PNG strip or
// grid, an animated GIF or an MP4 (gs::write_sequence) on the global thread
// pool (QtConcurrent), one export at a time; small frames are enlarged
// (nearest neighbour) to about 112 pixels so they can be seen.
//
// Ownership: a QObject owned by its view; owns the copy of the frames while
// writing. Thread affinity: start() and the signal on the GUI thread, the
// writing on a pool thread. Failure modes: nothing to export or a running
// export refuse to start (start() returns false with a sentence); a failed
// write (full disk, missing folder) ends with finished(…, false, message) and
// leaves no partial file (write_sequence writes atomically).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <vector>

#include "core/common/image.h"

class SequenceExport : public QObject
{
    Q_OBJECT

public:
    enum class Format { PngStrip, PngGrid, Gif, Mp4 };

    explicit SequenceExport(QObject *parent = nullptr);

    static QString suffix(Format format);     // "png", "gif", "mp4"
    static QString fileFilter(Format format); // for QFileDialog

    bool start(std::vector<gs::Image> frames, const QString &path, Format format, int fps,
               QString *error);
    bool isRunning() const { return mWatcher.isRunning(); }
    QString path() const { return mPath; }

signals:
    void finished(const QString &path, bool ok, const QString &message);

private:
    QFutureWatcher<QString> mWatcher;
    QString mPath;
};
