#include "explore/pixelcnn/probabilitybars.h"

#include <QPainter>

#include <algorithm>
#include <numeric>

ProbabilityBars::ProbabilityBars(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(200, 120);
    setToolTip(tr("The current pixel's predicted distribution over its 256 values (0 black … 255 white); "
                  "the value drawn is marked in orange"));
}

void ProbabilityBars::setDistribution(const QVector<float> &probs, int drawn, const QString &caption)
{
    mProbs = probs.size() == 256 ? probs : QVector<float>();
    mDrawn = drawn;
    mCaption = caption;
    update();
}

void ProbabilityBars::clear()
{
    setDistribution({}, -1, QString());
}

double ProbabilityBars::total() const
{
    return std::accumulate(mProbs.begin(), mProbs.end(), 0.0);
}

void ProbabilityBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QRect area = rect().adjusted(6, 22, -6, -16);
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    if (mProbs.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("The distribution of the pixel being drawn appears here."));
        return;
    }
    const auto top = std::max_element(mProbs.begin(), mProbs.end());
    const float peak = std::max(*top, 1e-6f);
    const double w = double(area.width()) / 256.0;
    for (int v = 0; v < 256; ++v) {
        const double h = area.height() * double(mProbs[v]) / peak;
        const QRectF bar(area.left() + v * w, area.bottom() - h, std::max(w, 1.0), h);
        p.fillRect(bar, v == mDrawn ? QColor(230, 120, 20) : QColor(40, 90, 170));
    }
    // The value scale: a gray ramp under the axis.
    for (int v = 0; v < 256; v += 4)
        p.fillRect(QRectF(area.left() + v * w, area.bottom() + 3, 4 * w, 8), QColor(v, v, v));
    p.setPen(palette().color(QPalette::Text));
    const int best = int(top - mProbs.begin());
    QString text = tr("most likely %1 (p = %2)").arg(best).arg(double(*top), 0, 'f', 3);
    if (mDrawn >= 0)
        text += tr(" · drawn %1 (p = %2)").arg(mDrawn).arg(double(mProbs[mDrawn]), 0, 'f', 3);
    p.drawText(rect().adjusted(6, 2, -6, 0), Qt::AlignLeft | Qt::AlignTop, mCaption.isEmpty() ? text : mCaption + QStringLiteral(" · ") + text);
}
