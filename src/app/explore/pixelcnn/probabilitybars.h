// probabilitybars.h — a painted bar chart of one pixel's predicted
// distribution over its 256 values (0 black … 255 white along the x axis), the
// drawn value marked in a contrasting colour, the most likely value and its
// probability in the corner.
//
// Ownership: a plain widget owned by its parent; keeps a copy of the
// probabilities. Thread affinity: GUI thread. Failure modes: none; a
// distribution of another length than 256 is shown as empty.
#pragma once

#include <QVector>
#include <QWidget>

class ProbabilityBars : public QWidget
{
    Q_OBJECT

public:
    explicit ProbabilityBars(QWidget *parent = nullptr);

    // probs: 256 values (empty clears); drawn: the value drawn there, −1 for none.
    void setDistribution(const QVector<float> &probs, int drawn, const QString &caption);
    void clear();
    const QVector<float> &distribution() const { return mProbs; }
    double total() const; // the sum of the bars (1 for a distribution)
    int drawnValue() const { return mDrawn; }

    QSize sizeHint() const override { return {300, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QVector<float> mProbs;
    int mDrawn = -1;
    QString mCaption;
};
