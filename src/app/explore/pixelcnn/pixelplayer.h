// pixelplayer.h — plays back a recorded pixel-by-pixel sampling run
// (gs::PixelRecording): the images after each step, play/pause on a timer
// (a whole run in about four seconds), and seeking to any step.
//
// Ownership: a QObject owned by the PixelCNN view; shares the recording.
// Thread affinity: GUI thread. Failure modes: none; without a recording there
// is nothing to play and step() is −1.
#pragma once

#include <QImage>
#include <QObject>
#include <QTimer>
#include <QVector>

#include <memory>

#include "core/explore/pixel_explorer.h"

class PixelPlayer : public QObject
{
    Q_OBJECT

public:
    static constexpr int kGap = 2; // pixels between the images of the grid

    explicit PixelPlayer(QObject *parent = nullptr);

    // A new run, shown at its first step; plays when `play`.
    void setRecording(std::shared_ptr<const gs::PixelRecording> recording, bool play);
    void clear();
    const gs::PixelRecording *recording() const { return mRecording.get(); }
    int stepCount() const;
    int step() const { return mApplied - 1; } // the last step shown (−1: none yet)
    void setStep(int step);                   // shows steps 0…step
    const gs::PixelStep *currentStep() const;

    void play();
    void pause();
    bool isPlaying() const { return mTimer.isActive(); }

    // The images after the current step, and as one grid.
    QVector<QImage> images() const { return mImages; }
    QImage grid() const;
    int columns() const;

signals:
    void stepChanged(int step);
    void playingChanged(bool playing);

private:
    void tick();
    void applyTo(int applied);

    std::shared_ptr<const gs::PixelRecording> mRecording;
    QVector<QImage> mImages;
    int mApplied = 0;
    QTimer mTimer;
};
