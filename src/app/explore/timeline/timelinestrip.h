// timelinestrip.h — the checkpoint timeline's strip: the run's first loss over
// its steps as a faint curve, and one mark per checkpoint at its step (filled
// once its frame is rendered, the current one highlighted). A click picks the
// nearest mark, a double-click asks to reopen it; Left/Right step through them.
//
// Ownership: a widget owned by the TimelineView. Thread affinity: GUI thread.
// Failure modes: none; an empty strip draws its placeholder sentence.
#pragma once

#include <QPointF>
#include <QVector>
#include <QWidget>

class TimelineStrip : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineStrip(QWidget *parent = nullptr);

    // Steps sorted ascending; `rendered` as long as `steps` (or empty: none yet).
    void setMarks(const QVector<qint64> &steps, const QVector<bool> &rendered);
    void setRendered(int index, bool rendered);
    void setCurrent(int index);
    // (step, value) of the run's loss; drawn behind the marks (may be empty).
    void setCurve(const QVector<QPointF> &curve);
    int current() const { return mCurrent; }
    int markCount() const { return int(mSteps.size()); }
    QPoint markPosition(int index) const; // widget coordinates of a mark's centre

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void picked(int index);
    void activated(int index); // double-click: reopen this checkpoint

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QRectF plotRect() const;
    double xOf(qint64 step) const;
    int nearest(double x) const;

    QVector<qint64> mSteps;
    QVector<bool> mRendered;
    QVector<QPointF> mCurve;
    int mCurrent = -1;
};
