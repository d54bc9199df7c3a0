// flowstepslider.h — the playground's slider over a flow's steps: position s
// shows the z-space grid and the fixed latents pulled back through the last s
// steps of the flow (s = all: data space, the usual view; s = 0: the Gaussian
// latent itself), with the name of the step the position has just undone.
// Shown only for views that carry per-step meshes (PlaneView::flow_meshes,
// filled by the core when the model is a flow).
//
// Ownership: a child widget of the playground. Thread affinity: GUI thread.
// Failure modes: none (a view without flow steps hides the slider).
#pragma once

#include <QWidget>

#include "core/train/train_observer.h"

class QLabel;
class QSlider;

class FlowStepSlider : public QWidget
{
    Q_OBJECT

public:
    explicit FlowStepSlider(QWidget *parent = nullptr);

    // Adopts the step count and names of a view; stays at "all steps" when it was there.
    void setView(const gs::PlaneView &view);
    int undone() const; // s: steps undone from the latent side
    void setUndone(int steps);
    // The view to draw: mesh and generated points at position s (the view itself when s = all).
    gs::PlaneView viewAt(const gs::PlaneView &view) const;

signals:
    void changed();

private:
    void updateLabel();

    QSlider *mSlider;
    QLabel *mLabel;
    std::vector<std::string> mNames;
};
