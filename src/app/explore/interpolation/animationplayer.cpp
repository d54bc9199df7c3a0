#include "explore/interpolation/animationplayer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "support/studiosettings.h"
#include "widgets/imageview.h"

namespace {
constexpr int kDefaultFps = 12;
}

AnimationPlayer::AnimationPlayer(QWidget *parent)
    : QWidget(parent)
    , mView(new ImageView(this))
    , mPlay(new QToolButton(this))
    , mSlider(new QSlider(Qt::Horizontal, this))
    , mLabel(new QLabel(this))
    , mFps(new QSpinBox(this))
    , mTimer(new QTimer(this))
{
    mView->setObjectName(QStringLiteral("animationView"));
    mView->setPlaceholderText(tr("The animation plays here."));
    mPlay->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    mPlay->setCheckable(true);
    mPlay->setToolTip(tr("Play or pause the animation"));
    mSlider->setToolTip(tr("Scrub through the frames"));
    mLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("frame 000 / 000")));
    mFps->setRange(1, 60);
    mFps->setSuffix(tr(" fps"));
    mFps->setToolTip(tr("Animation speed (also of GIF and MP4 exports)"));
    mFps->setValue(StudioSettings().animationFps(kDefaultFps));
    mTimer->setInterval(1000 / mFps->value());
    auto *controls = new QHBoxLayout;
    controls->addWidget(mPlay);
    controls->addWidget(mSlider, 1);
    controls->addWidget(mLabel);
    controls->addWidget(mFps);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mView, 1);
    layout->addLayout(controls);

    connect(mPlay, &QToolButton::toggled, this, &AnimationPlayer::setPlaying);
    connect(mSlider, &QSlider::valueChanged, this, &AnimationPlayer::showFrame);
    connect(mFps, &QSpinBox::valueChanged, this, [this](int fps) {
        mTimer->setInterval(1000 / std::max(1, fps));
        StudioSettings().setAnimationFps(fps);
    });
    connect(mTimer, &QTimer::timeout, this, [this] {
        if (!mFrames.isEmpty())
            showFrame((mFrame + 1) % int(mFrames.size()));
    });
}

void AnimationPlayer::setFrames(const QVector<QImage> &frames)
{
    mFrames = frames;
    {
        const QSignalBlocker blocker(mSlider);
        mSlider->setRange(0, std::max(0, int(frames.size()) - 1));
    }
    if (frames.isEmpty()) {
        mView->clear();
        mLabel->clear();
        return;
    }
    showFrame(std::clamp(mFrame, 0, int(frames.size()) - 1));
}

void AnimationPlayer::showFrame(int frame)
{
    if (frame < 0 || frame >= mFrames.size())
        return;
    mFrame = frame;
    mView->setImage(mFrames[frame]);
    if (mSlider->value() != frame) {
        const QSignalBlocker blocker(mSlider);
        mSlider->setValue(frame);
    }
    mLabel->setText(tr("frame %1 / %2").arg(frame + 1).arg(mFrames.size()));
}

QImage AnimationPlayer::image() const
{
    return mView->image();
}

bool AnimationPlayer::isPlaying() const
{
    return mTimer->isActive();
}

void AnimationPlayer::setPlaying(bool on)
{
    if (mPlay->isChecked() != on) {
        mPlay->setChecked(on); // comes back here through toggled
        return;
    }
    mPlay->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (on)
        mTimer->start();
    else
        mTimer->stop();
}

int AnimationPlayer::fps() const
{
    return mFps->value();
}

void AnimationPlayer::setFps(int fps)
{
    mFps->setValue(fps);
}
