// sweepview.h — the latent panel's sweep: a row of decoded images in which one
// slider (a latent dimension or a principal direction) goes from −3 to +3 while
// the others stay; a combo box picks the slider, a spin box the frame count and
// a click on a frame moves that slider there.
//
// Ownership: a plain widget owned by its parent. Thread affinity: GUI thread;
// the panel requests the frames and hands them over. Failure modes: none.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

class QComboBox;
class QSpinBox;
class ImageView;

class SweepView : public QWidget
{
    Q_OBJECT

public:
    static constexpr double kRange = 3.0;

    explicit SweepView(QWidget *parent = nullptr);

    void setNames(const QStringList &names); // keeps the target when it still exists
    int target() const { return mTarget; }
    void setTarget(int index);
    int frames() const;
    double frameValue(int frame) const; // −3 … +3
    void setFrames(const QVector<QImage> &frames);
    void clear();
    QImage image() const;

signals:
    void changed(); // target or frame count: request new frames
    void targetChosen(int index); // by the person, in the combo box
    void frameClicked(int target, double value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QComboBox *mCombo;
    QSpinBox *mFrames;
    ImageView *mView;
    int mTarget = 0;
};
