#include "playground/diffusionscrubber.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace {

constexpr int kPlayIntervalMs = 90; // one kept state per tick: 40 states in under 4 s

} // namespace

DiffusionScrubber::DiffusionScrubber(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("diffusionScrubber"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Diffusion t:"), this);
    auto button = [this](const char *name, QStyle::StandardPixmap icon, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setObjectName(QLatin1String(name));
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    mBack = button("diffusionBackButton", QStyle::SP_MediaSeekBackward,
                   tr("One kept step back, towards the noise."));
    mPlay = button("diffusionPlayButton", QStyle::SP_MediaPlay,
                   tr("Play the reverse process from the noise to the finished samples."));
    mPlay->setCheckable(true);
    mForward = button("diffusionForwardButton", QStyle::SP_MediaSeekForward,
                      tr("One kept step forward, towards the data."));
    mSlider = new QSlider(Qt::Horizontal, this);
    mSlider->setObjectName(QStringLiteral("diffusionSlider"));
    mSlider->setRange(0, 0);
    mSlider->setToolTip(tr("Left: the fixed batch of Gaussian noise at t = T−1. Right: the finished "
                           "samples. In between: the same points part-way along a deterministic DDIM "
                           "run, with the model's denoising direction (its predicted score) at that t "
                           "as arrows."));
    mLabel = new QLabel(this);
    mLabel->setObjectName(QStringLiteral("diffusionLabel"));
    mLabel->setMinimumWidth(260);
    layout->addWidget(title);
    layout->addWidget(mBack);
    layout->addWidget(mPlay);
    layout->addWidget(mForward);
    layout->addWidget(mSlider, 1);
    layout->addWidget(mLabel);

    mTimer = new QTimer(this);
    mTimer->setInterval(kPlayIntervalMs);
    connect(mTimer, &QTimer::timeout, this, &DiffusionScrubber::advance);
    connect(mBack, &QToolButton::clicked, this, [this] { setPosition(position() - 1); });
    connect(mForward, &QToolButton::clicked, this, [this] { setPosition(position() + 1); });
    connect(mPlay, &QToolButton::toggled, this, &DiffusionScrubber::setPlaying);
    connect(mSlider, &QSlider::valueChanged, this, [this] {
        updateLabel();
        emit changed();
    });
    setVisible(false);
}

bool DiffusionScrubber::hasSteps(const gs::PlaneView &view)
{
    const size_t k = view.diffusion_t.size();
    return view.diffusion_T > 0 && k >= 2 && view.diffusion_points.size() == k
           && view.diffusion_alpha_bar.size() == k && view.score_field.size() == k;
}

void DiffusionScrubber::setView(const gs::PlaneView &view)
{
    if (!hasSteps(view)) {
        clear();
        return;
    }
    setVisible(true);
    const int n = int(view.diffusion_t.size());
    const bool keep = mT.size() == size_t(n);
    mT = view.diffusion_t;
    mAlphaBar = view.diffusion_alpha_bar;
    mTotal = view.diffusion_T;
    const QSignalBlocker block(mSlider);
    mSlider->setRange(0, n - 1);
    if (!keep)
        mSlider->setValue(n - 1);
    updateLabel();
}

void DiffusionScrubber::clear()
{
    setPlaying(false);
    mT.clear();
    mAlphaBar.clear();
    setVisible(false);
}

int DiffusionScrubber::position() const
{
    return mSlider->value();
}

int DiffusionScrubber::states() const
{
    return int(mT.size());
}

void DiffusionScrubber::setPosition(int k)
{
    mSlider->setValue(k); // clamped to the range by the slider
}

int DiffusionScrubber::timestepAt(int k) const
{
    return k >= 0 && size_t(k) < mT.size() ? mT[size_t(k)] : -1;
}

bool DiffusionScrubber::isPlaying() const
{
    return mTimer->isActive();
}

void DiffusionScrubber::setPlaying(bool on)
{
    if (on && mT.size() >= 2) {
        if (position() == mSlider->maximum())
            setPosition(0); // replay from the noise
        mTimer->start();
    } else {
        mTimer->stop();
    }
    const QSignalBlocker block(mPlay);
    mPlay->setChecked(mTimer->isActive());
    mPlay->setIcon(style()->standardIcon(mTimer->isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void DiffusionScrubber::advance()
{
    if (position() >= mSlider->maximum()) {
        setPlaying(false);
        return;
    }
    setPosition(position() + 1);
    if (position() >= mSlider->maximum())
        setPlaying(false);
}

gs::PlaneView DiffusionScrubber::viewAt(const gs::PlaneView &view) const
{
    if (!hasSteps(view)) {
        return view;
    }
    // Only what the plot draws: the per-state lists stay in the shared view.
    gs::PlaneView v;
    v.dims = view.dims;
    v.x0 = view.x0, v.x1 = view.x1, v.y0 = view.y0, v.y1 = view.y1;
    v.real = view.real;
    v.field_w = view.field_w, v.field_h = view.field_h;
    v.field = view.field;
    v.field_label = view.field_label;
    v.field_is_log_density = view.field_is_log_density;
    const size_t k = std::min(size_t(std::max(0, position())), view.diffusion_points.size() - 1);
    v.fake = view.diffusion_points[k];
    v.push = view.score_field[k];
    v.push_from = view.score_grid;
    v.diffusion_T = view.diffusion_T;
    v.trajectory_count = view.trajectory_count;
    v.trajectories = view.trajectories;
    v.diffusion_t = view.diffusion_t; // the trajectories' length
    return v;
}

void DiffusionScrubber::updateLabel()
{
    const int k = position();
    if (k < 0 || size_t(k) >= mT.size()) {
        mLabel->clear();
        return;
    }
    const int t = mT[size_t(k)];
    if (t < 0)
        mLabel->setText(tr("finished samples x₀ · step %1 / %2").arg(k).arg(int(mT.size()) - 1));
    else
        mLabel->setText(tr("t = %1 / %2 · ᾱ = %3 · step %4 / %5")
                            .arg(t)
                            .arg(mTotal - 1)
                            .arg(double(mAlphaBar[size_t(k)]), 0, 'g', 3)
                            .arg(k)
                            .arg(int(mT.size()) - 1));
}
