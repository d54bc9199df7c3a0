// diffusionscrubber.h — the playground's "Diffusion t" scrubber for diffusion
// models: a slider over the kept states of the reverse process the core ran
// for the view (PlaneView::diffusion_points, from noise at t = T−1 to the
// finished sample), with step back, play and step forward. Position k shows
// the fixed batch at that state and the predicted score −ε̂/√(1−ᾱ_t) on the
// coarse grid as arrows; the label gives t and ᾱ_t. Shown only for views that
// carry a reverse run (PlaneView::diffusion_T > 0, filled by the core when the
// model has diffusion()); a new view from the live trainer keeps the position.
//
// Ownership: a child widget of the playground; it keeps no PlaneView, only the
// timesteps and ᾱ of the last one for its label. Thread affinity: GUI thread.
// Failure modes: none (a view without a reverse run hides the scrubber).
#pragma once

#include <QWidget>

#include <vector>

#include "core/train/train_observer.h"

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

class DiffusionScrubber : public QWidget
{
    Q_OBJECT

public:
    explicit DiffusionScrubber(QWidget *parent = nullptr);

    // Whether a view carries a consistent reverse run to scrub.
    static bool hasSteps(const gs::PlaneView &view);

    // Adopts the kept timesteps of a view; a first view (or a different number of
    // states) puts the scrubber at the finished sample, later ones keep the position.
    void setView(const gs::PlaneView &view);
    // Hides the scrubber and stops playing (no view on screen).
    void clear();
    int position() const;   // k: 0 is pure noise (t = T−1), states() − 1 the finished sample
    int states() const;     // kept states of the last view, 0 without one
    void setPosition(int k);
    int timestepAt(int k) const; // t of state k; −1 for the finished sample
    bool isPlaying() const;
    void setPlaying(bool on);    // from noise when at the end, towards the finished sample

    // The view to draw at the current position: the real data, the batch at that
    // state as the generated points, the trajectories and the score arrows on the grid.
    gs::PlaneView viewAt(const gs::PlaneView &view) const;

signals:
    void changed();

private:
    void advance();
    void updateLabel();

    QToolButton *mBack;
    QToolButton *mPlay;
    QToolButton *mForward;
    QSlider *mSlider;
    QLabel *mLabel;
    QTimer *mTimer;
    std::vector<int> mT;
    std::vector<float> mAlphaBar;
    int mTotal = 0;
};
