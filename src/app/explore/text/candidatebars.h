// candidatebars.h — a painted, clickable bar chart of one position's most
// likely next characters: for each candidate an outlined bar of the model's
// probability and a filled bar of the probability after temperature, top-k
// and top-p (what the draw used), the character under it and the percentage
// over it; the chosen character is orange (striped when it was forced).
// Clicking a bar emits candidateClicked with its token ("choose your own
// continuation").
//
// Ownership: a plain widget owned by its parent; keeps a copy of the step.
// Thread affinity: GUI thread. Failure modes: none; an empty step shows a
// placeholder sentence.
#pragma once

#include <QRectF>
#include <QString>
#include <QWidget>

#include "core/explore/text_explorer.h"

class CandidateBars : public QWidget
{
    Q_OBJECT

public:
    explicit CandidateBars(QWidget *parent = nullptr);

    // The position's step (empty top list clears), its caption above the bars.
    void setStep(const gs::TextStep &step, const QString &caption);
    void clear();
    const gs::TextStep &step() const { return mStep; }
    int candidateCount() const { return int(mStep.top.size()); }
    int chosenIndex() const; // index in the candidates of the chosen character, −1 when it is not among them
    QRectF barRect(int index) const; // the clickable column of candidate `index`
    void setPlaceholder(const QString &text);

    QSize sizeHint() const override { return {420, 200}; }

signals:
    void candidateClicked(qint64 token);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QRectF plotArea() const;
    int indexAt(const QPointF &pos) const;

    gs::TextStep mStep;
    QString mCaption;
    QString mPlaceholder;
    int mHover = -1;
};
