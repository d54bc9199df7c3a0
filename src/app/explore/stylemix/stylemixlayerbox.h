// stylemixlayerbox.h — the style-mixing panel's choice of which style layers
// take source B's style: presets coarse / middle / fine (each button shows the
// resolutions it covers, e.g. "Coarse 4–8 px"), None and All, and one check box
// per style layer labelled with its resolution, in rows by resolution.
//
// Ownership: a group box owned by the StyleMixView. Thread affinity: GUI thread.
// Failure modes: none; a layer count the resolution scheme does not know
// (StyleMixLayers::isValid() false) still gets plain "layer i" check boxes, and
// presets without layers are disabled.
#pragma once

#include <QGroupBox>
#include <QVector>

#include <vector>

#include "explore/stylemix/stylemixlayers.h"

class QCheckBox;
class QGridLayout;
class QLabel;
class QPushButton;

class StyleMixLayerBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit StyleMixLayerBox(QWidget *parent = nullptr);

    // Rebuilds the check boxes for `count` layers (a new model); keeps the
    // current choice when the count stays. Without layers the box is empty.
    void setLayerCount(int count);
    const StyleMixLayers &layers() const { return mLayers; }

    std::vector<int> mask() const; // StyleMix::layer_from_b
    void setMask(const std::vector<int> &mask); // changed() once when it differs
    void choose(StyleMixLayers::Group group);
    void chooseNone();
    void chooseAll();
    QCheckBox *checkBox(int layer) const;
    QPushButton *presetButton(StyleMixLayers::Group group) const;
    QString summary() const; // "layers 0–2 (coarse)"

signals:
    void changed();

private:
    void updatePresets();

    StyleMixLayers mLayers;
    QVector<QCheckBox *> mBoxes;
    QPushButton *mCoarse;
    QPushButton *mMiddle;
    QPushButton *mFine;
    QPushButton *mNone;
    QPushButton *mAll;
    QWidget *mGrid;
    QGridLayout *mGridLayout;
    QLabel *mNote;
};
