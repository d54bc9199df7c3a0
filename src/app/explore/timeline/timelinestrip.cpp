#include "explore/timeline/timelinestrip.h"

#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kMargin = 10;
constexpr int kLabelHeight = 14;
} // namespace

TimelineStrip::TimelineStrip(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineStrip"));
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("The run's checkpoints at their steps over its loss: click one to show it, "
                  "double-click to reopen it"));
}

void TimelineStrip::setMarks(const QVector<qint64> &steps, const QVector<bool> &rendered)
{
    mSteps = steps;
    mRendered = rendered.size() == steps.size() ? rendered : QVector<bool>(steps.size(), false);
    mCurrent = std::min(mCurrent, int(steps.size()) - 1);
    update();
}

void TimelineStrip::setRendered(int index, bool rendered)
{
    if (index >= 0 && index < mRendered.size() && mRendered[index] != rendered) {
        mRendered[index] = rendered;
        update();
    }
}

void TimelineStrip::setCurrent(int index)
{
    if (index != mCurrent) {
        mCurrent = index;
        update();
    }
}

void TimelineStrip::setCurve(const QVector<QPointF> &curve)
{
    mCurve = curve;
    update();
}

QSize TimelineStrip::sizeHint() const
{
    return {400, 64};
}

QSize TimelineStrip::minimumSizeHint() const
{
    return {120, 48};
}

QRectF TimelineStrip::plotRect() const
{
    return QRectF(kMargin, 4, std::max(1, width() - 2 * kMargin), std::max(1, height() - 8 - kLabelHeight));
}

double TimelineStrip::xOf(qint64 step) const
{
    const QRectF r = plotRect();
    qint64 first = mSteps.isEmpty() ? 0 : mSteps.front();
    qint64 last = mSteps.isEmpty() ? 1 : mSteps.back();
    if (!mCurve.isEmpty()) {
        first = std::min<qint64>(first, qint64(mCurve.front().x()));
        last = std::max<qint64>(last, qint64(mCurve.back().x()));
    }
    if (last <= first)
        return r.center().x();
    return r.left() + r.width() * double(step - first) / double(last - first);
}

QPoint TimelineStrip::markPosition(int index) const
{
    if (index < 0 || index >= mSteps.size())
        return {};
    return QPointF(xOf(mSteps[index]), plotRect().center().y()).toPoint();
}

int TimelineStrip::nearest(double x) const
{
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < mSteps.size(); ++i) {
        const double d = std::abs(xOf(mSteps[i]) - x);
        if (best < 0 || d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRectF r = plotRect();
    if (mSteps.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No checkpoints yet"));
        return;
    }
    // The loss curve, scaled to the strip (robust to a first spike: 2nd–98th percentile).
    if (mCurve.size() >= 2) {
        QVector<double> ys;
        for (const QPointF &pt : mCurve)
            if (std::isfinite(pt.y()))
                ys << pt.y();
        if (ys.size() >= 2) {
            std::sort(ys.begin(), ys.end());
            const double lo = ys[int(0.02 * (ys.size() - 1))], hi = ys[int(0.98 * (ys.size() - 1))];
            const double span = hi > lo ? hi - lo : 1.0;
            QPainterPath path;
            bool started = false;
            for (const QPointF &pt : mCurve) {
                if (!std::isfinite(pt.y()))
                    continue;
                const double t = std::clamp((pt.y() - lo) / span, 0.0, 1.0);
                const QPointF at(xOf(qint64(pt.x())), r.bottom() - t * r.height());
                started ? path.lineTo(at) : path.moveTo(at);
                started = true;
            }
            QColor curve = palette().color(QPalette::Highlight);
            curve.setAlpha(90);
            p.setPen(QPen(curve, 1.2));
            p.drawPath(path);
        }
    }
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
    for (int i = 0; i < mSteps.size(); ++i) {
        const QPointF at(xOf(mSteps[i]), r.center().y());
        const bool current = i == mCurrent;
        const double radius = current ? 6 : 4;
        p.setPen(QPen(current ? palette().color(QPalette::Highlight) : palette().color(QPalette::Text),
                      current ? 2 : 1));
        p.setBrush(mRendered.value(i) ? palette().color(current ? QPalette::Highlight : QPalette::Text)
                                      : palette().color(QPalette::Base));
        p.drawEllipse(at, radius, radius);
    }
    p.setPen(palette().color(QPalette::Text));
    const QRectF labels(0, height() - kLabelHeight - 2, width(), kLabelHeight);
    const QLocale locale;
    p.drawText(labels.adjusted(kMargin / 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
               tr("step %1").arg(locale.toString(mSteps.front())));
    p.drawText(labels.adjusted(0, 0, -kMargin / 2, 0), Qt::AlignRight | Qt::AlignVCenter,
               tr("step %1").arg(locale.toString(mSteps.back())));
    if (mCurrent >= 0 && mCurrent < mSteps.size() && mCurrent != 0 && mCurrent != mSteps.size() - 1)
        p.drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter,
                   tr("step %1").arg(locale.toString(mSteps[mCurrent])));
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    const int index = nearest(event->position().x());
    if (index >= 0)
        emit picked(index);
}

void TimelineStrip::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int index = nearest(event->position().x());
    if (index >= 0)
        emit activated(index);
}

void TimelineStrip::keyPressEvent(QKeyEvent *event)
{
    if (mSteps.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Left)
        emit picked(std::max(0, mCurrent - 1));
    else if (event->key() == Qt::Key_Right)
        emit picked(std::min(int(mSteps.size()) - 1, mCurrent + 1));
    else if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        emit activated(mCurrent);
    else
        QWidget::keyPressEvent(event);
}
