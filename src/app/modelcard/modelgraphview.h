// modelgraphview.h — draws a model's overview graph (core/model/model_graph.h)
// with QPainter: networks as boxes with their input and output shapes and
// parameter counts, data and values as lighter boxes, arrows with the shapes
// that flow along them, and loss edges (dashed) labelled with the loss name
// and its live value. Clicking a box selects it (nodeClicked). The flow runs
// left to right, or top to bottom when that draws it larger (a narrow pane).
//
// Ownership: a plain widget; holds a copy of the graph. Thread affinity: GUI
// thread. Failure modes: none; an empty graph draws a message instead.
#pragma once

#include <QHash>
#include <QString>
#include <QWidget>

#include "core/model/model_graph.h"

class ModelGraphView : public QWidget
{
    Q_OBJECT

public:
    explicit ModelGraphView(QWidget *parent = nullptr);

    void setGraph(const gs::ModelGraph &graph);
    const gs::ModelGraph &graph() const { return mGraph; }
    // Shown instead of a graph (why there is none), e.g. an invalid parameter.
    void setMessage(const QString &message);
    // Live loss values by loss name (the last drained point); cleared with an empty map.
    void setLossValues(const QHash<QString, double> &values);

    QString selectedNode() const { return mSelected; }
    void selectNode(const QString &id);

    // Where a node's box is drawn (widget coordinates), empty if there is no such node.
    QRect nodeRect(const QString &id) const;
    // The text drawn on the loss edge of that loss ("recon = 123.4"), empty if none.
    QString lossEdgeText(const QString &loss) const;

    QSize sizeHint() const override { return {480, 520}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

signals:
    void nodeClicked(const QString &id);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override; // tooltips: a box's layers summary, a loss's formula

private:
    QRectF sceneRect(const gs::GraphNode &node) const; // in layout units
    QTransform toWidget() const;
    QSizeF sceneSize(bool vertical) const;
    bool vertical() const; // the flow drawn top to bottom (it fits the widget better)
    const gs::GraphNode *nodeAt(const QPointF &widgetPos) const;
    const gs::GraphEdge *lossEdgeAt(const QPointF &widgetPos) const;
    QPointF edgeLabelPos(const gs::GraphEdge &edge) const; // scene units

    gs::ModelGraph mGraph;
    QString mMessage;
    QHash<QString, double> mLossValues;
    QString mSelected;
};
