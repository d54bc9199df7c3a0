#include "modelcard/modelgraphview.h"

#include <QHelpEvent>
#include <QLineF>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kColumn = 178;  // layout units per column
constexpr double kRow = 104;     // per row
constexpr double kBoxW = 146, kBoxH = 70;
constexpr double kMargin = 16;
constexpr double kArc = 84;      // room above and below for edges that turn back

QPointF boundaryPoint(const QRectF &r, const QPointF &toward)
{
    // Where the segment from r's centre to `toward` leaves r.
    const QPointF c = r.center();
    const QPointF d = toward - c;
    if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9)
        return c;
    const double sx = std::abs(d.x()) > 1e-9 ? (r.width() / 2) / std::abs(d.x()) : 1e9;
    const double sy = std::abs(d.y()) > 1e-9 ? (r.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}

QString formatValue(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    const double a = std::abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5))
        return QString::number(v, 'e', 2);
    return QString::number(v, 'g', a >= 100 ? 5 : 4);
}

} // namespace

ModelGraphView::ModelGraphView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void ModelGraphView::setGraph(const gs::ModelGraph &graph)
{
    mGraph = graph;
    mMessage.clear();
    if (!mGraph.find(mSelected.toStdString()))
        mSelected.clear();
    update();
}

void ModelGraphView::setMessage(const QString &message)
{
    mGraph = {};
    mSelected.clear();
    mMessage = message;
    update();
}

void ModelGraphView::setLossValues(const QHash<QString, double> &values)
{
    mLossValues = values;
    update();
}

void ModelGraphView::selectNode(const QString &id)
{
    mSelected = mGraph.find(id.toStdString()) ? id : QString();
    update();
}

QSizeF ModelGraphView::sceneSize(bool vertical) const
{
    int cols = 0, rows = 0;
    for (const auto &n : mGraph.nodes) {
        cols = std::max(cols, n.column + 1);
        rows = std::max(rows, n.row + 1);
    }
    if (cols == 0)
        return {};
    // Along the flow: columns; across it: rows, with room for the arcs of edges that turn back.
    const double along = cols * kColumn - (kColumn - kBoxW) + 2 * kMargin;
    const double across = rows * kRow - (kRow - kBoxH) + 2 * kMargin + 2 * kArc;
    if (!vertical)
        return {along, across};
    const double alongV = cols * kRow - (kRow - kBoxH) + 2 * kMargin;
    const double acrossV = rows * kColumn - (kColumn - kBoxW) + 2 * kMargin + 2 * kArc;
    return {acrossV, alongV};
}

bool ModelGraphView::vertical() const
{
    // The orientation that draws the graph larger in this widget (a narrow pane: top to bottom).
    const QSizeF h = sceneSize(false), v = sceneSize(true);
    if (h.isEmpty())
        return false;
    const double sh = std::min(width() / h.width(), height() / h.height());
    const double sv = std::min(width() / v.width(), height() / v.height());
    return sv > sh * 1.05;
}

QRectF ModelGraphView::sceneRect(const gs::GraphNode &node) const
{
    if (vertical())
        return {kMargin + kArc + node.row * kColumn, kMargin + node.column * kRow, kBoxW, kBoxH};
    return {kMargin + node.column * kColumn, kMargin + kArc + node.row * kRow, kBoxW, kBoxH};
}

QTransform ModelGraphView::toWidget() const
{
    const QSizeF s = sceneSize(vertical());
    if (s.width() <= 0 || s.height() <= 0)
        return {};
    const double scale = std::min({width() / s.width(), height() / s.height(), 1.6});
    const double dx = (width() - s.width() * scale) / 2, dy = (height() - s.height() * scale) / 2;
    QTransform t;
    t.translate(dx, dy);
    t.scale(scale, scale);
    return t;
}

QRect ModelGraphView::nodeRect(const QString &id) const
{
    const gs::GraphNode *n = mGraph.find(id.toStdString());
    return n ? toWidget().mapRect(sceneRect(*n)).toAlignedRect() : QRect();
}

QString ModelGraphView::lossEdgeText(const QString &loss) const
{
    for (const auto &e : mGraph.edges) {
        if (!e.is_loss || QString::fromStdString(e.loss) != loss)
            continue;
        const auto it = mLossValues.constFind(loss);
        return it == mLossValues.constEnd() ? loss : QStringLiteral("%1 = %2").arg(loss, formatValue(*it));
    }
    return {};
}

const gs::GraphNode *ModelGraphView::nodeAt(const QPointF &widgetPos) const
{
    const QPointF p = toWidget().inverted().map(widgetPos);
    for (const auto &n : mGraph.nodes) {
        if (sceneRect(n).contains(p))
            return &n;
    }
    return nullptr;
}

namespace {

// The path of an edge between two boxes (layout units): straight between
// their sides, or an arc beside the first row (else beside the last) when it
// turns back along a row. `vertical`: the flow runs top to bottom.
QPainterPath edgePath(const QRectF &s, const QRectF &t, int fromRow, int toRow, int fromCol, int toCol, bool vertical)
{
    QPainterPath path;
    if (fromRow == toRow && toCol < fromCol) {
        const bool before = fromRow == 0; // above (vertical: left of) the first row
        const double depth = 26 + 10 * std::min(4, fromCol - toCol);
        if (!vertical) {
            const QPointF a(s.center().x(), before ? s.top() : s.bottom());
            const QPointF b(t.center().x() + 10, before ? t.top() : t.bottom());
            const double y = before ? std::min(a.y(), b.y()) - depth : std::max(a.y(), b.y()) + depth;
            path.moveTo(a);
            path.cubicTo(QPointF(a.x(), y), QPointF(b.x(), y), b);
        } else {
            const QPointF a(before ? s.left() : s.right(), s.center().y());
            const QPointF b(before ? t.left() : t.right(), t.center().y() + 8);
            const double x = before ? std::min(a.x(), b.x()) - depth : std::max(a.x(), b.x()) + depth;
            path.moveTo(a);
            path.cubicTo(QPointF(x, a.y()), QPointF(x, b.y()), b);
        }
        return path;
    }
    if (fromRow == toRow && toCol == fromCol + 1) {
        if (vertical) {
            path.moveTo(s.center().x(), s.bottom());
            path.lineTo(t.center().x(), t.top());
        } else {
            path.moveTo(s.right(), s.center().y());
            path.lineTo(t.left(), t.center().y());
        }
        return path;
    }
    path.moveTo(boundaryPoint(s, t.center()));
    path.lineTo(boundaryPoint(t, s.center()));
    return path;
}

} // namespace

QPointF ModelGraphView::edgeLabelPos(const gs::GraphEdge &edge) const
{
    const gs::GraphNode *s = mGraph.find(edge.from), *t = mGraph.find(edge.to);
    if (!s || !t)
        return {};
    return edgePath(sceneRect(*s), sceneRect(*t), s->row, t->row, s->column, t->column, vertical()).pointAtPercent(0.5);
}

const gs::GraphEdge *ModelGraphView::lossEdgeAt(const QPointF &widgetPos) const
{
    const QPointF p = toWidget().inverted().map(widgetPos);
    for (const auto &e : mGraph.edges) {
        if (e.is_loss && QLineF(edgeLabelPos(e), p).length() < 40)
            return &e;
    }
    return nullptr;
}

void ModelGraphView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (mGraph.nodes.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   mMessage.isEmpty() ? tr("No model to show.") : mMessage);
        return;
    }
    p.setTransform(toWidget());
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    const QColor text = pal.color(QPalette::WindowText);
    const QColor muted = pal.color(QPalette::PlaceholderText);
    const QColor lossColor = dark ? QColor(255, 140, 110) : QColor(190, 40, 20);
    const QColor netFill = dark ? QColor(40, 70, 120) : QColor(215, 230, 250);
    const QColor dataFill = dark ? QColor(40, 90, 60) : QColor(220, 242, 222);
    const QColor valueFill = pal.color(QPalette::Base);

    QFont base = font();
    base.setPointSizeF(8.5);
    QFont bold = base;
    bold.setBold(true);
    QFont small = base;
    small.setPointSizeF(7.5);

    // Edges first, boxes on top.
    for (const auto &e : mGraph.edges) {
        const gs::GraphNode *s = mGraph.find(e.from), *t = mGraph.find(e.to);
        if (!s || !t)
            continue;
        const QPainterPath path = edgePath(sceneRect(*s), sceneRect(*t), s->row, t->row, s->column, t->column, vertical());
        QPen pen(e.is_loss ? lossColor : muted, e.is_loss ? 1.6 : 1.3);
        if (e.is_loss)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        // Arrow head at the end.
        const QPointF tip = path.pointAtPercent(1.0);
        const double angle = std::atan2(tip.y() - path.pointAtPercent(0.97).y(), tip.x() - path.pointAtPercent(0.97).x());
        QPolygonF head;
        head << tip << tip - QPointF(std::cos(angle - 0.4), std::sin(angle - 0.4)) * 8
             << tip - QPointF(std::cos(angle + 0.4), std::sin(angle + 0.4)) * 8;
        p.setPen(Qt::NoPen);
        p.setBrush(e.is_loss ? lossColor : muted);
        p.drawPolygon(head);

        const QPointF mid = path.pointAtPercent(0.5);
        QString label;
        if (e.is_loss) {
            label = lossEdgeText(QString::fromStdString(e.loss));
            p.setFont(bold);
        } else {
            QStringList parts;
            if (!e.label.empty())
                parts << QString::fromStdString(e.label);
            if (!e.shape.empty())
                parts << QString::fromStdString(e.shape);
            label = parts.join(QStringLiteral(" · "));
            p.setFont(small);
        }
        if (label.isEmpty())
            continue;
        const QFontMetricsF fm(p.font());
        QRectF box(0, 0, fm.horizontalAdvance(label) + 8, fm.height() + 2);
        box.moveCenter(mid);
        p.setBrush(pal.color(QPalette::Window));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(e.is_loss ? lossColor : text);
        p.drawText(box, Qt::AlignCenter, label);
    }

    const QLocale locale;
    for (const auto &n : mGraph.nodes) {
        const QRectF r = sceneRect(n);
        const bool network = n.kind == gs::GraphNode::Kind::Network;
        const bool selected = QString::fromStdString(n.id) == mSelected;
        QPen border(selected ? pal.color(QPalette::Highlight) : (network ? text : muted), selected ? 3 : (network ? 1.6 : 1));
        p.setPen(border);
        p.setBrush(network ? netFill : n.kind == gs::GraphNode::Kind::Data ? dataFill : valueFill);
        p.drawRoundedRect(r, network ? 6 : 14, network ? 6 : 14);

        const QRectF inner = r.adjusted(6, 4, -6, -4);
        const QFontMetricsF fb(bold), fs(small);
        p.setPen(text);
        p.setFont(bold);
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), fb.height()), Qt::AlignHCenter,
                   fb.elidedText(QString::fromStdString(n.label), Qt::ElideRight, inner.width()));
        QStringList lines;
        if (network) {
            lines << QStringLiteral("%1 → %2").arg(QString::fromStdString(n.input_shape), QString::fromStdString(n.output_shape));
            lines << tr("%1 parameters").arg(locale.toString(qlonglong(n.parameters)));
        } else {
            if (!n.shape.empty())
                lines << QString::fromStdString(n.shape);
            if (!n.note.empty())
                lines << QString::fromStdString(n.note);
        }
        if (network && !n.note.empty())
            lines << QString::fromStdString(n.note);
        p.setFont(small);
        double y = inner.top() + fb.height() + 1;
        for (const QString &line : lines) {
            if (y + fs.height() > inner.bottom() + 1)
                break;
            p.setPen(line == lines.first() ? text : muted);
            p.drawText(QRectF(inner.left(), y, inner.width(), fs.height()), Qt::AlignHCenter,
                       fs.elidedText(line, Qt::ElideRight, inner.width()));
            y += fs.height();
        }
    }
}

void ModelGraphView::mousePressEvent(QMouseEvent *event)
{
    if (const gs::GraphNode *n = nodeAt(event->position())) {
        mSelected = QString::fromStdString(n->id);
        update();
        emit nodeClicked(mSelected);
        return;
    }
    QWidget::mousePressEvent(event);
}

bool ModelGraphView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QString tip;
        if (const gs::GraphNode *n = nodeAt(help->pos())) {
            tip = QStringLiteral("<b>%1</b>").arg(QString::fromStdString(n->label).toHtmlEscaped());
            if (!n->note.empty())
                tip += QStringLiteral("<br>") + QString::fromStdString(n->note).toHtmlEscaped();
            if (n->kind == gs::GraphNode::Kind::Network)
                tip += QStringLiteral("<br>") + tr("%n layer(s); click to list them.", nullptr, int(n->layers.size()));
        } else if (const gs::GraphEdge *e = lossEdgeAt(help->pos())) {
            tip = QStringLiteral("<b>%1</b> = %2").arg(QString::fromStdString(e->loss).toHtmlEscaped(),
                                                      QString::fromStdString(e->formula).toHtmlEscaped());
        }
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}
