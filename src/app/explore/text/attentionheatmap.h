// attentionheatmap.h — a painted heatmap of one attention head over a
// context (gs::TextAttention): row i is where position i looks among
// positions 0 … i (white 0, dark blue the row's largest weight), the
// characters along both axes when the cells are large enough; hovering a cell
// tells its query and key characters and weight.
//
// Ownership: a plain widget owned by its parent; keeps a copy of the weights.
// Thread affinity: GUI thread. Failure modes: none; an empty map shows the
// placeholder sentence (which the view sets, e.g. for a model without attention).
#pragma once

#include <QWidget>

#include "core/explore/text_explorer.h"

class AttentionHeatmap : public QWidget
{
    Q_OBJECT

public:
    explicit AttentionHeatmap(QWidget *parent = nullptr);

    void setAttention(const gs::TextAttention &attention);
    void clear();
    void setPlaceholder(const QString &text);
    const gs::TextAttention &attention() const { return mAttention; }
    float weight(int row, int col) const; // 0 outside the map

    QSize sizeHint() const override { return {320, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QRectF mapArea() const;

    gs::TextAttention mAttention;
    QString mPlaceholder;
};
