#include "explore/text/attentionheatmap.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

#include "explore/text/textglyphs.h"

namespace {

constexpr int kLabelMinCell = 10; // px: characters on the axes from this cell size

QColor shade(double v)
{
    v = std::clamp(v, 0.0, 1.0);
    return QColor(int(255 - v * (255 - 20)), int(255 - v * (255 - 60)), int(255 - v * (255 - 140)));
}

} // namespace

AttentionHeatmap::AttentionHeatmap(QWidget *parent)
    : QWidget(parent)
    , mPlaceholder(tr("The attention of a layer and head over the text appears here."))
{
    setMinimumSize(200, 200);
    setMouseTracking(true);
    setToolTip(tr("Row: the position that looks; column: the position it looks at (only earlier ones — the mask "
                  "is causal). Darker is more weight; each row is scaled to its largest weight."));
}

void AttentionHeatmap::setAttention(const gs::TextAttention &attention)
{
    mAttention = attention;
    update();
}

void AttentionHeatmap::clear()
{
    setAttention({});
}

void AttentionHeatmap::setPlaceholder(const QString &text)
{
    mPlaceholder = text;
    update();
}

float AttentionHeatmap::weight(int row, int col) const
{
    const int n = mAttention.size;
    if (row < 0 || col < 0 || row >= n || col >= n || mAttention.weights.size() != size_t(n) * size_t(n))
        return 0;
    return mAttention.weights[size_t(row) * size_t(n) + size_t(col)];
}

QRectF AttentionHeatmap::mapArea() const
{
    const int n = std::max(1, mAttention.size);
    const double side = std::min(width() - 24.0, height() - 24.0);
    const double cell = std::max(1.0, std::floor(side / n));
    return QRectF(20, 20, cell * n, cell * n);
}

void AttentionHeatmap::mouseMoveEvent(QMouseEvent *event)
{
    const int n = mAttention.size;
    const QRectF area = mapArea();
    if (n > 0 && area.contains(event->position())) {
        const double cell = area.width() / n;
        const int col = int((event->position().x() - area.left()) / cell);
        const int row = int((event->position().y() - area.top()) / cell);
        if (row < n && col < n) {
            QToolTip::showText(event->globalPosition().toPoint(),
                               tr("position %1 “%2” looks at position %3 “%4” with weight %5")
                                   .arg(row + 1)
                                   .arg(TextGlyphs::label(mAttention.tokens[size_t(row)]))
                                   .arg(col + 1)
                                   .arg(TextGlyphs::label(mAttention.tokens[size_t(col)]))
                                   .arg(double(weight(row, col)), 0, 'f', 3),
                               this);
        }
    }
    QWidget::mouseMoveEvent(event);
}

void AttentionHeatmap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const int n = mAttention.size;
    if (n == 0 || mAttention.weights.size() != size_t(n) * size_t(n)) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
        return;
    }
    const QRectF area = mapArea();
    const double cell = area.width() / n;
    for (int r = 0; r < n; ++r) {
        float peak = 1e-9f;
        for (int c = 0; c <= r; ++c)
            peak = std::max(peak, weight(r, c));
        for (int c = 0; c < n; ++c) {
            const QRectF box(area.left() + c * cell, area.top() + r * cell, cell, cell);
            p.fillRect(box, c > r ? palette().color(QPalette::Window) : shade(weight(r, c) / peak));
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(area);
    if (cell >= kLabelMinCell) {
        QFont f = font();
        f.setPixelSize(int(std::min(12.0, cell - 1)));
        p.setFont(f);
        p.setPen(palette().color(QPalette::Text));
        for (int i = 0; i < n; ++i) {
            const QString label = TextGlyphs::label(mAttention.tokens[size_t(i)]);
            p.drawText(QRectF(area.left() + i * cell, 2, cell, 16), Qt::AlignCenter, label);
            p.drawText(QRectF(2, area.top() + i * cell, 16, cell), Qt::AlignCenter, label);
        }
    }
}
