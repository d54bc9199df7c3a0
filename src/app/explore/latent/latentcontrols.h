// latentcontrols.h — the rows above the latent panel's sliders: sliders per
// latent dimension or along the top-k principal directions, a line that says
// what the sliders mean, the seed box, Randomise, Reset and Take from Image
// (a test image from the browser or an image file, for models that encode).
//
// Ownership: a plain widget owned by the LatentPanel; borrows the
// ExplorationWorker for the dataset browser. Thread affinity: GUI thread.
// Failure modes: an image file that cannot be used is reported by failed().
#pragma once

#include <QWidget>

#include "core/common/image.h"

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class ExplorationWorker;

class LatentControls : public QWidget
{
    Q_OBJECT

public:
    LatentControls(ExplorationWorker *worker, int maxDimensionSliders, QWidget *parent = nullptr);

    // What the explored model allows.
    void setModel(bool hasModel, int latentDim, bool dimensionsAvailable, bool canEncode);
    void showMode(bool directions); // without modeChosen
    void setInfo(const QString &text);
    int directionCount() const;
    void setDirectionCount(int count);
    unsigned long seed() const;
    void showSeed(unsigned long seed); // without seedChosen

signals:
    void modeChosen(bool directions);
    void directionCountChanged(int count);
    void seedChosen(unsigned long seed);
    void randomiseClicked();
    void resetClicked();
    void datasetImageChosen(int index);
    void imageChosen(const gs::Image &image, const QString &label);
    void failed(const QString &message);

private:
    int mMaxDimensionSliders;
    int mPreferredCount = 10; // directions
    QRadioButton *mDimensionsRadio;
    QRadioButton *mDirectionsRadio;
    QSpinBox *mDirectionCount;
    QLabel *mInfo;
    QSpinBox *mSeed;
    QPushButton *mRandomise;
    QPushButton *mReset;
    QPushButton *mTakeImage;
};
