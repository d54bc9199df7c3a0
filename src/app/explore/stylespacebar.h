// stylespacebar.h — the Explore tab's bar for style-based generators
// (ExplorerInfo::hasStyles()): which latent space the Latent, Map and
// Interpolation views move through — z, the input noise, or w, what the mapping
// network makes of it (GANSpace's PCA directions, the StyleGAN papers'
// interpolations) — and the truncation ψ of their images (w ← w̄ + ψ(w − w̄);
// 0 gives the average image w̄ for every latent). Hidden for other models.
// The Style mix view has its own sources and ψ and is not affected.
//
// Ownership: a widget owned by the ExploreView; borrows the ExplorationWorker,
// to which it gives the model setup StyleDetails::setup (it keeps the choice
// for every later copy of the weights and announces the model again).
// Thread affinity: GUI thread. Failure modes: none of its own; ψ is clamped to
// 0–1.5 by the controls.
#pragma once

#include <QWidget>

#include "explore/explorationworker.h"

class QDoubleSpinBox;
class QLabel;
class QRadioButton;
class QSlider;
class QTimer;

class StyleSpaceBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr double kMaxPsi = 1.5;

    explicit StyleSpaceBar(ExplorationWorker *worker, QWidget *parent = nullptr);

    // Shows the bar for models with styles and takes the worker's settings.
    void setModel(const ExplorerInfo &info);
    bool appliesTo(const ExplorerInfo &info) const { return info.hasStyles(); }

    bool wSpace() const;
    void setWSpace(bool on); // as if clicked
    double psi() const;
    void setPsi(double psi); // as if typed (sent after a short pause, like a drag)
    // What the worker's setup gives every later model copy.
    bool appliedWSpace() const { return mAppliedWSpace; }
    double appliedPsi() const { return mAppliedPsi; }

private:
    void sendPsi();
    void sendSetup();
    void updateHint();

    ExplorationWorker *mWorker;
    QRadioButton *mZ;
    QRadioButton *mW;
    QSlider *mPsiSlider;
    QDoubleSpinBox *mPsiBox;
    QLabel *mHint;
    QTimer *mPsiTimer; // coalesces a drag into one change per 40 ms
    bool mAppliedWSpace = false;
    double mAppliedPsi = 1.0;
};
