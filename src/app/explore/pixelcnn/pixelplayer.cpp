#include "explore/pixelcnn/pixelplayer.h"

#include <algorithm>
#include <cmath>

#include "support/imageconvert.h"

namespace {
constexpr int kTickMs = 16;
constexpr int kTicksPerRun = 250; // about four seconds a run
} // namespace

PixelPlayer::PixelPlayer(QObject *parent)
    : QObject(parent)
{
    mTimer.setInterval(kTickMs);
    connect(&mTimer, &QTimer::timeout, this, &PixelPlayer::tick);
}

void PixelPlayer::setRecording(std::shared_ptr<const gs::PixelRecording> recording, bool playNow)
{
    mRecording = std::move(recording);
    mApplied = -1;
    applyTo(mRecording && stepCount() > 0 ? 1 : 0);
    if (playNow && stepCount() > 1)
        play();
    else
        pause();
}

void PixelPlayer::clear()
{
    pause();
    mRecording.reset();
    mImages.clear();
    mApplied = 0;
    emit stepChanged(-1);
}

int PixelPlayer::stepCount() const
{
    return mRecording ? int(mRecording->steps.size()) : 0;
}

void PixelPlayer::setStep(int step)
{
    if (!mRecording)
        return;
    applyTo(std::clamp(step + 1, 0, stepCount()));
}

const gs::PixelStep *PixelPlayer::currentStep() const
{
    if (!mRecording || mApplied < 1)
        return nullptr;
    return &mRecording->steps[size_t(mApplied - 1)];
}

void PixelPlayer::play()
{
    if (!mRecording || stepCount() == 0)
        return;
    if (mApplied >= stepCount())
        applyTo(1); // from the start again
    if (!mTimer.isActive()) {
        mTimer.start();
        emit playingChanged(true);
    }
}

void PixelPlayer::pause()
{
    if (mTimer.isActive()) {
        mTimer.stop();
        emit playingChanged(false);
    }
}

void PixelPlayer::tick()
{
    const int perTick = std::max(1, int(std::ceil(double(stepCount()) / kTicksPerRun)));
    applyTo(std::min(stepCount(), mApplied + perTick));
    if (mApplied >= stepCount())
        pause();
}

void PixelPlayer::applyTo(int applied)
{
    if (!mRecording)
        return;
    if (applied < mApplied || mApplied < 0) {
        mImages.clear();
        for (const gs::Image &start : mRecording->start)
            mImages.push_back(toQImage(start).convertToFormat(QImage::Format_Grayscale8));
        mApplied = 0;
    }
    for (int k = mApplied; k < applied; ++k) {
        const gs::PixelStep &s = mRecording->steps[size_t(k)];
        for (int i = 0; i < mImages.size() && i < int(s.values.size()); ++i)
            mImages[i].scanLine(s.row)[s.col] = s.values[size_t(i)];
    }
    mApplied = applied;
    emit stepChanged(step());
}

int PixelPlayer::columns() const
{
    return std::max(1, int(std::ceil(std::sqrt(double(std::max<qsizetype>(1, mImages.size()))))));
}

QImage PixelPlayer::grid() const
{
    return mImages.isEmpty() ? QImage() : tileImages(mImages, columns(), kGap);
}
