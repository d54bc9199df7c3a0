#include "imageconvert.h"

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
