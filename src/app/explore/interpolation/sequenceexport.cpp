#include "explore/interpolation/sequenceexport.h"

#include <QDir>
#include <QFile>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <exception>

#include "core/explore/animation_writer.h"

namespace {
constexpr int kExportSize = 112; // frames are enlarged to about this many pixels
}

SequenceExport::SequenceExport(QObject *parent)
    : QObject(parent)
{
    connect(&mWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString message = mWatcher.result();
        const bool ok = message.isEmpty();
        emit finished(mPath, ok,
                      ok ? tr("Exported %1.").arg(QDir::toNativeSeparators(mPath)) : message);
    });
}

QString SequenceExport::suffix(Format format)
{
    switch (format) {
    case Format::Gif:
        return QStringLiteral("gif");
    case Format::Mp4:
        return QStringLiteral("mp4");
    default:
        return QStringLiteral("png");
    }
}

QString SequenceExport::fileFilter(Format format)
{
    switch (format) {
    case Format::Gif:
        return tr("Animated GIF (*.gif)");
    case Format::Mp4:
        return tr("MP4 video (*.mp4)");
    default:
        return tr("PNG images (*.png)");
    }
}

bool SequenceExport::start(std::vector<gs::Image> frames, const QString &path, Format format,
                           int fps, QString *error)
{
    if (isRunning()) {
        *error = tr("An export is still running.");
        return false;
    }
    if (frames.empty() || frames.front().empty()) {
        *error = tr("There is nothing to export yet.");
        return false;
    }
    const int side = std::max(1, std::max(frames.front().width, frames.front().height));
    const int scale = std::clamp(kExportSize / side, 1, 8);
    const int columns = format == Format::PngGrid
                            ? int(std::ceil(std::sqrt(double(frames.size()))))
                            : 0; // a strip: one row
    const std::string file = QFile::encodeName(path).toStdString();
    mPath = path;
    mWatcher.setFuture(QtConcurrent::run(
        [frames = std::move(frames), file, fps, scale, columns]() -> QString {
            try {
                gs::write_sequence(frames, file, fps, scale, columns);
                return {};
            } catch (const std::exception &e) {
                return QString::fromStdString(e.what());
            }
        }));
    return true;
}
