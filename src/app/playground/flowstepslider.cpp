#include "playground/flowstepslider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

FlowStepSlider::FlowStepSlider(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("flowStepSlider"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Flow steps:"), this);
    mSlider = new QSlider(Qt::Horizontal, this);
    mSlider->setObjectName(QStringLiteral("flowStepSliderBar"));
    mSlider->setRange(0, 0);
    mSlider->setToolTip(tr("Left: the Gaussian latent z with its grid. Right: the grid pulled back "
                           "through every step of the flow into data space. In between: after undoing "
                           "the last steps only — how each coupling bends space."));
    mLabel = new QLabel(this);
    mLabel->setObjectName(QStringLiteral("flowStepLabel"));
    mLabel->setMinimumWidth(260);
    layout->addWidget(title);
    layout->addWidget(mSlider, 1);
    layout->addWidget(mLabel);
    connect(mSlider, &QSlider::valueChanged, this, [this] {
        updateLabel();
        emit changed();
    });
    setVisible(false);
}

void FlowStepSlider::setView(const gs::PlaneView &view)
{
    const int steps = int(view.flow_step_names.size());
    const bool have = steps > 0 && view.flow_meshes.size() == size_t(steps) + 1;
    setVisible(have);
    if (!have)
        return;
    mNames = view.flow_step_names;
    const bool atEnd = mSlider->value() == mSlider->maximum();
    const QSignalBlocker block(mSlider);
    mSlider->setRange(0, steps);
    if (atEnd)
        mSlider->setValue(steps);
    updateLabel();
}

int FlowStepSlider::undone() const
{
    return mSlider->value();
}

void FlowStepSlider::setUndone(int steps)
{
    mSlider->setValue(steps);
}

gs::PlaneView FlowStepSlider::viewAt(const gs::PlaneView &view) const
{
    gs::PlaneView v = view;
    const size_t s = size_t(mSlider->value());
    if (s < view.flow_meshes.size() && s + 1 < view.flow_meshes.size()) {
        v.mesh = view.flow_meshes[s];
        if (s < view.flow_fakes.size())
            v.fake = view.flow_fakes[s];
    }
    return v;
}

void FlowStepSlider::updateLabel()
{
    const int s = mSlider->value(), n = mSlider->maximum();
    if (s == 0)
        mLabel->setText(tr("0 / %1 · the latent z (standard normal)").arg(n));
    else if (s == n)
        mLabel->setText(tr("%1 / %1 · data space").arg(n));
    else
        mLabel->setText(tr("%1 / %2 · undone: %3")
                            .arg(s)
                            .arg(n)
                            .arg(QString::fromStdString(mNames[size_t(n - s)])));
}
