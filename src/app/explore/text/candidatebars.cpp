#include "explore/text/candidatebars.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

#include "explore/text/textglyphs.h"

namespace {

const QColor kModel(40, 90, 170);
const QColor kChosen(230, 120, 20);

} // namespace

CandidateBars::CandidateBars(QWidget *parent)
    : QWidget(parent)
    , mPlaceholder(tr("The candidates for the next character appear here."))
{
    setMinimumSize(260, 150);
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("The most likely next characters: outline the model's probability, filled the probability after "
                  "temperature, top-k and top-p; the chosen one orange. Click a character to choose it and "
                  "continue from there."));
}

void CandidateBars::setStep(const gs::TextStep &step, const QString &caption)
{
    mStep = step;
    mCaption = caption;
    mHover = -1;
    update();
}

void CandidateBars::clear()
{
    setStep({}, QString());
}

void CandidateBars::setPlaceholder(const QString &text)
{
    mPlaceholder = text;
    update();
}

int CandidateBars::chosenIndex() const
{
    for (size_t i = 0; i < mStep.top.size(); ++i)
        if (mStep.top[i].token == mStep.token)
            return int(i);
    return -1;
}

QRectF CandidateBars::plotArea() const
{
    return QRectF(rect()).adjusted(8, 40, -8, -24);
}

QRectF CandidateBars::barRect(int index) const
{
    const int n = candidateCount();
    if (index < 0 || index >= n)
        return {};
    const QRectF area = plotArea();
    const double w = area.width() / n;
    return QRectF(area.left() + index * w, area.top() - 16, w, area.height() + 40);
}

int CandidateBars::indexAt(const QPointF &pos) const
{
    for (int i = 0; i < candidateCount(); ++i)
        if (barRect(i).contains(pos))
            return i;
    return -1;
}

void CandidateBars::mousePressEvent(QMouseEvent *event)
{
    const int i = event->button() == Qt::LeftButton ? indexAt(event->position()) : -1;
    if (i >= 0)
        emit candidateClicked(mStep.top[size_t(i)].token);
    QWidget::mousePressEvent(event);
}

void CandidateBars::mouseMoveEvent(QMouseEvent *event)
{
    const int i = indexAt(event->position());
    if (i != mHover) {
        mHover = i;
        update();
    }
    if (i >= 0) {
        const gs::TextCandidate &c = mStep.top[size_t(i)];
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("“%1”: model %2 %, drawn from %3 % — click to choose it")
                               .arg(TextGlyphs::label(c.text))
                               .arg(100.0 * c.model_prob, 0, 'f', 1)
                               .arg(100.0 * c.sample_prob, 0, 'f', 1),
                           this);
    }
    QWidget::mouseMoveEvent(event);
}

void CandidateBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRectF area = plotArea();
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    if (mStep.top.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
        return;
    }
    float peak = 1e-6f;
    for (const gs::TextCandidate &c : mStep.top)
        peak = std::max({peak, c.model_prob, c.sample_prob});
    const int n = candidateCount();
    const double w = area.width() / n;
    QFont glyphFont = font();
    glyphFont.setPointSizeF(glyphFont.pointSizeF() * 1.2);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    const int chosen = chosenIndex();
    for (int i = 0; i < n; ++i) {
        const gs::TextCandidate &c = mStep.top[size_t(i)];
        const QColor colour = i == chosen ? kChosen : kModel;
        const double x = area.left() + i * w + w * 0.15, bw = w * 0.7;
        if (i == mHover)
            p.fillRect(barRect(i), palette().color(QPalette::AlternateBase));
        const double hs = area.height() * c.sample_prob / peak, hm = area.height() * c.model_prob / peak;
        QColor fill = colour;
        p.fillRect(QRectF(x, area.bottom() - hs, bw, hs), fill);
        if (i == chosen && mStep.forced)
            p.fillRect(QRectF(x, area.bottom() - hs, bw, hs), QBrush(Qt::white, Qt::BDiagPattern));
        p.setPen(QPen(colour.darker(130), 1.2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(x, area.bottom() - hm, bw, hm));
        p.setPen(palette().color(QPalette::Text));
        p.setFont(glyphFont);
        p.drawText(QRectF(area.left() + i * w, area.bottom() + 2, w, 20), Qt::AlignHCenter | Qt::AlignTop,
                   TextGlyphs::label(c.text));
        p.setFont(small);
        const double top = area.bottom() - std::max(hs, hm);
        p.drawText(QRectF(area.left() + i * w, top - 15, w, 14), Qt::AlignHCenter | Qt::AlignBottom,
                   QString::number(100.0 * c.sample_prob, 'f', c.sample_prob < 0.1 ? 1 : 0));
    }
    p.setFont(font());
    p.setPen(palette().color(QPalette::Text));
    QString head = tr("chosen “%1”%2 · model %3 %, drawn from %4 % · entropy %5 bits")
                       .arg(TextGlyphs::label(mStep.text), mStep.forced ? tr(" (by you)") : QString())
                       .arg(100.0 * mStep.model_prob, 0, 'f', 1)
                       .arg(100.0 * mStep.sample_prob, 0, 'f', 1)
                       .arg(mStep.entropy_bits, 0, 'f', 2);
    if (!mCaption.isEmpty())
        head = mCaption + QStringLiteral("\n") + head;
    p.drawText(rect().adjusted(8, 2, -8, 0), Qt::AlignLeft | Qt::AlignTop, head);
}
