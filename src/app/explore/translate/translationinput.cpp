#include "explore/translate/translationinput.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>

#include "support/imageconvert.h"
#include "support/imagefile.h"

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TranslationInput", text);
}

QString quoted(const QString &path)
{
    return QStringLiteral("“%1”").arg(QFileInfo(path).fileName());
}

bool isWide(QImage::Format format)
{
    switch (format) {
    case QImage::Format_Grayscale16:
    case QImage::Format_RGBX64:
    case QImage::Format_RGBA64:
    case QImage::Format_RGBA64_Premultiplied:
    case QImage::Format_RGBX16FPx4:
    case QImage::Format_RGBA16FPx4:
    case QImage::Format_RGBA16FPx4_Premultiplied:
    case QImage::Format_RGBX32FPx4:
    case QImage::Format_RGBA32FPx4:
    case QImage::Format_RGBA32FPx4_Premultiplied:
        return true;
    default:
        return false;
    }
}

bool hasTransparentPixels(const QImage &image)
{
    if (!image.hasAlphaChannel())
        return false;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(row[x]) != 255)
                return true;
        }
    }
    return false;
}

QString tooLarge(const QString &path, int width, int height)
{
    return tr("%1 is %2 × %3 pixels; the translation keeps the picture's size and takes "
              "pictures up to %4 × %4. Scale it down first.")
        .arg(quoted(path))
        .arg(width)
        .arg(height)
        .arg(kMaxTranslationSide);
}

} // namespace

QString describeImageSize(int width, int height, int channels)
{
    return tr("%1 × %2 %3")
        .arg(width)
        .arg(height)
        .arg(channels == 1 ? tr("gray") : channels == 3 ? tr("RGB") : tr("%1-channel").arg(channels));
}

gs::Image readTranslationImage(const QString &path, QString *error)
{
    gs::Image result;
    QImageReader reader;
    QString message = openPictureReader(path, reader, tr("translate"));
    if (message.isEmpty()) {
        const QSize size = reader.size();
        if (size.isValid()
                   && (size.width() > kMaxTranslationSide || size.height() > kMaxTranslationSide)) {
            message = tooLarge(path, size.width(), size.height());
        } else {
            const QImage image = reader.read();
            if (image.isNull()) {
                message = tr("%1 could not be read as a picture (%2); the file may be damaged or "
                             "cut short.")
                              .arg(quoted(path), reader.errorString());
            } else if (image.width() < 1 || image.height() < 1) {
                message = tr("%1 has no pixels.").arg(quoted(path));
            } else if (image.width() > kMaxTranslationSide
                       || image.height() > kMaxTranslationSide) {
                message = tooLarge(path, image.width(), image.height());
            } else if (isWide(image.format())) {
                message = tr("%1 has 16 bits (or floating point) per channel; the translation "
                             "models take 8-bit gray or RGB pictures. Save it with 8 bits per "
                             "channel and try again.")
                              .arg(quoted(path));
            } else if (hasTransparentPixels(image)) {
                message = tr("%1 has 4 channels (RGBA) with transparent pixels; the translation "
                             "models take gray or RGB pictures (1 or 3 channels), and what lies "
                             "behind the transparent parts is unknown. Flatten it onto a "
                             "background first.")
                              .arg(quoted(path));
            } else {
                result = toGsImage(image);
                if (result.empty())
                    message = tr("%1 uses a pixel format that cannot be converted.")
                                  .arg(quoted(path));
            }
        }
    }
    if (error)
        *error = message;
    return message.isEmpty() ? result : gs::Image();
}
