#include "support/imagefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QImageReader>
#include <QImageWriter>
#include <QMimeData>
#include <QSaveFile>
#include <QUrl>

#include "core/common/error.h"
#include "core/data/jpeg_check.h"
#include "support/imageconvert.h"
#include "support/quotedfilename.h"

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImageFile", text);
}

// Qt's JPEG plugin logs libjpeg's warnings ("Corrupt JPEG data: …") under this
// category; the studio says what they mean in a sentence instead (checkJpeg).
void quietJpegPlugin()
{
    static const bool quiet = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("qt.gui.imageio.jpeg.warning=false"));
        return true;
    }();
    (void)quiet;
}

// For a JPEG: empty when whole, else the warning; `*error` set when it does not decode.
QString checkJpeg(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    const std::vector<uint8_t> data(bytes.begin(), bytes.end());
    try {
        return QString::fromStdString(gs::check_jpeg(data, QFileInfo(path).fileName().toStdString()));
    } catch (const gs::Error &e) {
        *error = QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

bool isCheckpointPath(const QString &path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("gsckpt"), Qt::CaseInsensitive) == 0;
}

QString openPictureReader(const QString &path, QImageReader &reader, const QString &purpose,
                          QString *damage)
{
    quietJpegPlugin();
    if (damage)
        damage->clear();
    const QFileInfo info(path);
    if (!info.exists())
        return tr("%1 does not exist.").arg(QDir::toNativeSeparators(path));
    if (!info.isFile())
        return tr("%1 is not a file.").arg(quotedFileName(path));
    if (info.size() == 0)
        return tr("%1 is empty (0 bytes), so there is no picture to %2.").arg(quotedFileName(path), purpose);
    if (info.size() > kMaxImageFileBytes) {
        return tr("%1 is %2 MB; pictures up to %3 MB can be used.")
            .arg(quotedFileName(path))
            .arg(info.size() / (1024 * 1024))
            .arg(kMaxImageFileBytes / (1024 * 1024));
    }
    reader.setFileName(path);
    reader.setAutoTransform(true);
    if (!reader.canRead()) {
        return tr("%1 is not a picture GenStudio can read (%2). Use a PNG, JPEG, BMP or GIF image.")
            .arg(quotedFileName(path), reader.errorString());
    }
    if (reader.format() == "jpeg") {
        QString error;
        const QString warning = checkJpeg(path, &error);
        if (!error.isEmpty())
            return error;
        if (damage)
            *damage = warning;
    }
    return QString();
}

gs::Image readImageFile(const QString &path, QString *error, QString *warning)
{
    gs::Image result;
    QImageReader reader;
    QString damage;
    QString message = openPictureReader(path, reader, tr("use"), &damage);
    if (message.isEmpty()) {
        const QSize size = reader.size();
        if (size.isValid() && qint64(size.width()) * size.height() > kMaxImagePixels) {
            message = tr("%1 is %2 × %3 pixels, too large to open safely; pictures up to %4 "
                         "megapixels can be used.")
                          .arg(quotedFileName(path))
                          .arg(size.width())
                          .arg(size.height())
                          .arg(kMaxImagePixels / 1000000);
        } else {
            // Decode large pictures straight at a reduced size (JPEG scales while
            // decoding); the model's input is far smaller anyway.
            if (size.isValid() && (size.width() > kImageReadSide || size.height() > kImageReadSide))
                reader.setScaledSize(
                    size.scaled(kImageReadSide, kImageReadSide, Qt::KeepAspectRatio));
            const QImage image = reader.read();
            if (image.isNull()) {
                message = tr("%1 could not be read as a picture (%2).")
                              .arg(quotedFileName(path), reader.errorString());
            } else if (image.width() < 1 || image.height() < 1) {
                message = tr("%1 has no pixels.").arg(quotedFileName(path));
            } else {
                result = toGsImage(image);
                if (result.empty())
                    message = tr("%1 uses a pixel format that cannot be converted.")
                                  .arg(quotedFileName(path));
            }
        }
    }
    if (error)
        *error = message;
    if (warning)
        *warning = message.isEmpty() ? damage : QString();
    return message.isEmpty() ? result : gs::Image();
}

QStringList localFilePaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

bool writePngFile(const QImage &image, const QString &path, QString *error)
{
    QSaveFile file(path); // a temporary file, renamed into place on commit
    QImageWriter writer(&file, "png");
    if (file.open(QIODevice::WriteOnly) && writer.write(image) && file.commit())
        return true;
    const QString reason = writer.error() != QImageWriter::UnknownError ? writer.errorString()
                                                                        : file.errorString();
    if (error)
        *error = tr("Could not write “%1”: %2").arg(QDir::toNativeSeparators(path), reason);
    return false;
}
