// samplercomparison.h — the Diffusion view's sampler comparison: one seed's
// samples by DDPM with T steps and DDIM with 10, 20 and 50 steps side by side,
// each captioned with its sampler, step count, η and wall time (the speed-up
// against DDPM alongside).
//
// Ownership: a widget owned by its parent; keeps the comparison it shows.
// Thread affinity: GUI thread. Failure modes: none (an empty comparison clears).
#pragma once

#include <QVector>
#include <QWidget>

#include "core/explore/diffusion_explorer.h"

class ImageView;
class QLabel;

class SamplerComparison : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kPanels = 4;

    explicit SamplerComparison(QWidget *parent = nullptr);

    void setComparison(const gs::DiffusionComparison &comparison, qint64 step);
    void clear();
    void setStatus(const QString &text);

    const gs::DiffusionComparison &comparison() const { return mComparison; }
    // The caption of panel i (sampler, steps, wall time), for tests.
    QString caption(int i) const;
    ImageView *panel(int i) const { return mImages.value(i); }

private:
    gs::DiffusionComparison mComparison;
    QVector<ImageView *> mImages;
    QVector<QLabel *> mCaptions;
    QLabel *mStatus;
};
