// animationplayer.h — plays a sequence of frames: the current frame large, a
// play/pause button, a frame slider to scrub and a speed box (frames per
// second, also used for GIF and MP4 exports). The speed is remembered in the
// studio's settings.
//
// Ownership: a plain widget owned by its parent; keeps shallow QImage copies.
// Thread affinity: GUI thread. Failure modes: none; no frames show a placeholder.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class ImageView;

class AnimationPlayer : public QWidget
{
    Q_OBJECT

public:
    explicit AnimationPlayer(QWidget *parent = nullptr);

    // New frames; the current frame number is kept where it still exists.
    void setFrames(const QVector<QImage> &frames);
    int currentFrame() const { return mFrame; }
    void showFrame(int frame);
    QImage image() const;
    bool isPlaying() const;
    void setPlaying(bool on);
    int fps() const;
    void setFps(int fps);

private:
    QVector<QImage> mFrames;
    int mFrame = 0;
    ImageView *mView;
    QToolButton *mPlay;
    QSlider *mSlider;
    QLabel *mLabel;
    QSpinBox *mFps;
    QTimer *mTimer;
};
