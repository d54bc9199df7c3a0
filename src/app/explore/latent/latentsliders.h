// latentsliders.h — a column of labelled sliders, range ±3, for the latent
// panel: one per latent dimension ("z0", "z1", …) or one per principal
// direction ("PC1  23.4 %", values in standard deviations). Rows are reused
// when the count stays the same, so relabelling during a drag never
// interrupts it.
//
// Ownership: a plain widget owned by its parent. Thread affinity: GUI thread.
// Failure modes: indices out of range are ignored.
#pragma once

#include <QWidget>

#include <vector>

#include "core/explore/explorer.h"

class QGridLayout;
class QLabel;
class QSlider;

class LatentSliders : public QWidget
{
    Q_OBJECT

public:
    static constexpr double kRange = 3.0;
    static constexpr int kTicksPerUnit = 100;
    static constexpr float kLittleUsed = 0.1f; // a dimension's spread below this: greyed

    explicit LatentSliders(QWidget *parent = nullptr);

    void showDimensions(int count);
    void showDirections(const gs::Directions &directions);
    int count() const { return int(mSliders.size()); }
    QSlider *slider(int index) const;
    QString name(int index) const; // "z3", "PC2"
    // Moves the sliders without emitting valueChanged (values are clamped to ±3).
    void setValues(const std::vector<double> &values);
    // As if the user dragged slider `index` to `value`.
    void setValue(int index, double value);
    // Dimensions: how far the test images' codes spread along each one (their
    // standard deviation); dimensions the encoder hardly uses are greyed.
    void setSpread(const std::vector<float> &spread);

signals:
    void valueChanged(int index, double value);

private:
    void resize(int count);
    void showValue(int index, double value);

    QGridLayout *mGrid;
    bool mDirections = false;
    std::vector<QSlider *> mSliders;
    std::vector<QLabel *> mNames;
    std::vector<QLabel *> mValues;
    QStringList mShortNames;
    std::vector<float> mSpread;
};
