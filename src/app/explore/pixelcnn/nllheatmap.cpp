#include "explore/pixelcnn/nllheatmap.h"

#include <QColor>

#include <algorithm>

QImage nllHeatmap(const gs::PixelLikelihood &likelihood, double maxNats)
{
    const int w = likelihood.width, h = likelihood.height;
    if (w <= 0 || h <= 0 || likelihood.nll.size() != size_t(w) * size_t(h) || maxNats <= 0)
        return {};
    QImage img(w, h, QImage::Format_RGB32);
    for (int r = 0; r < h; ++r) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(r));
        for (int c = 0; c < w; ++c) {
            const double t = std::clamp(double(likelihood.nll[size_t(r * w + c)]) / maxNats, 0.0, 1.0);
            // 0: dark blue, 0.5: red, 1: yellow.
            const QColor color = t < 0.5 ? QColor::fromRgbF(float(2 * t), 0.0f, float(0.45 * (1 - 2 * t)))
                                         : QColor::fromRgbF(1.0f, float(2 * t - 1), 0.0f);
            line[c] = color.rgb();
        }
    }
    return img;
}
