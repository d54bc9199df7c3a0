#include "support/imageconvert.h"

#include <QPainter>

#include <algorithm>
#include <cstring>

QImage toQImage(const gs::Image &image)
{
    if (image.empty() || image.width <= 0 || image.height <= 0)
        return {};
    const int channels = image.channels;
    if (channels != 1 && channels != 3)
        return {};
    const size_t rowBytes = size_t(image.width) * size_t(channels);
    if (image.pixels.size() < rowBytes * size_t(image.height))
        return {};

    QImage result(image.width, image.height,
                  channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    if (result.isNull())
        return {};
    // QImage rows are 32-bit aligned, gs::Image rows are packed.
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.pixels.data() + rowBytes * size_t(y), rowBytes);
    return result;
}

gs::Image toGsImage(const QImage &image)
{
    if (image.isNull())
        return {};
    QImage source = image;
    if (source.hasAlphaChannel()) {
        // Transparent areas read as white paper, not black.
        QImage flat(source.size(), QImage::Format_RGB888);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, source);
        painter.end();
        source = flat;
    }
    const bool gray = source.isGrayscale() || source.allGray();
    const QImage converted
        = source.convertToFormat(gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    if (converted.isNull())
        return {};
    gs::Image result;
    result.width = converted.width();
    result.height = converted.height();
    result.channels = gray ? 1 : 3;
    const size_t rowBytes = size_t(result.width) * size_t(result.channels);
    result.pixels.resize(rowBytes * size_t(result.height));
    for (int y = 0; y < result.height; ++y)
        std::memcpy(result.pixels.data() + rowBytes * size_t(y), converted.constScanLine(y),
                    rowBytes);
    return result;
}

QImage tileImages(const QVector<QImage> &images, int columns, int gap, const QColor &background)
{
    if (images.isEmpty())
        return {};
    int cellWidth = 1;
    int cellHeight = 1;
    for (const QImage &image : images) {
        cellWidth = std::max(cellWidth, image.width());
        cellHeight = std::max(cellHeight, image.height());
    }
    const int count = int(images.size());
    const int cols = columns > 0 ? std::min(columns, count) : count;
    const int rows = (count + cols - 1) / cols;
    QImage result(cols * cellWidth + (cols - 1) * gap, rows * cellHeight + (rows - 1) * gap,
                  QImage::Format_RGB32);
    if (result.isNull())
        return {};
    result.fill(background);
    QPainter painter(&result);
    for (int i = 0; i < count; ++i)
        painter.drawImage((i % cols) * (cellWidth + gap), (i / cols) * (cellHeight + gap),
                          images.at(i));
    return result;
}

int bestColumns(int count, const QSize &cell, const QSize &area)
{
    int best = std::max(1, count);
    double bestScale = 0;
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        const double scale
            = std::min(double(area.width()) / (columns * std::max(1, cell.width())),
                       double(area.height()) / (rows * std::max(1, cell.height())));
        if (scale > bestScale + 1e-9) {
            bestScale = scale;
            best = columns;
        }
    }
    return best;
}
