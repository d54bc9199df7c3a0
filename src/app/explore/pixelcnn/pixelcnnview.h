// pixelcnnview.h — the PixelCNN view of the Explore tab, for models that draw
// images pixel by pixel (kSamplesPixels): an animation of pixel-by-pixel
// sampling (play/pause and a scrubber over the recorded steps) with the
// current pixel's predicted 256-way distribution as a bar chart; completion of
// a test image whose bottom half, right half or a rectangle painted with the
// mouse is hidden (several completions at once, animated the same way); the
// temperature; and a heatmap of the test image's per-pixel negative
// log-likelihood (from the model's nll_map) with its bits/dim. For a
// class-conditional PixelCNN a class picker (explore/classpicker.h) chooses
// the class sampling and completion draw ("any class": image i of class i mod
// K); its heatmap is under the image's most probable class.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; sampling, completion, the
// test image and its likelihood run on the exploration thread as this view's
// own requests (purposes "pixels" and "likelihood", newest wins). Failure
// modes: a failed job is reported through the host's banner; what is shown stays.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

#include <memory>

#include "core/explore/pixel_explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"
#include "explore/pixelcnn/maskcanvas.h"

class ClassPicker;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class UnavailableStack;
class ImageView;
class PixelPlayer;
class ProbabilityBars;

class PixelCnnView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    explicit PixelCnnView(ExplorationWorker *worker, QWidget *parent = nullptr);

    // Controls, as the widgets set them.
    void setCount(int count);          // 1–16 images per run
    void setTemperature(double t);     // 0.05–3
    void setTestIndex(int index);      // loads the test image and its heatmap
    void setHide(MaskCanvas::Hide hide);
    void sample();                     // a new sampling run (Sample button)
    void complete();                   // completions of the test image (Complete button)

    // State, for tests and captions.
    bool isBusy() const { return mRequestedRun != mShownRun || mRequestedLikelihood != mShownLikelihood; }
    quint64 shownRun() const { return mShownRun; }      // ticket of the run shown
    quint64 shownLikelihood() const { return mShownLikelihood; }
    const gs::PixelRecording *recording() const;
    PixelPlayer *player() const { return mPlayer; }
    ProbabilityBars *bars() const { return mBars; }
    MaskCanvas *canvas() const { return mCanvas; }
    ClassPicker *classPicker() const { return mClass; } // class-conditional models only
    QImage testImage() const { return mTestImage; }
    const gs::PixelLikelihood &likelihood() const { return mLikelihood; }
    double heatmapMean() const; // mean of the heatmap's values, nats per pixel
    QString unavailableText() const;

    // ExplorerView (pixelcnnview_explorer.cpp)
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    QWidget *widget() override { return this; }
    QString dropRefusal(const ExplorerInfo &info, const QString &label) const override;

    // Session files (pixelcnnview_session.cpp): the class, count, temperature,
    // test image and what is hidden, with the painted rectangle (explore/
    // controlstate.h; applied at once and again when a model comes, when the
    // class names come and when the test image gives its number a range; the
    // rectangle once a test image it fits inside is shown).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

protected:
    void showEvent(QShowEvent *event) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void runShown(quint64 ticket);
    void likelihoodShown(quint64 ticket);

private:
    static Traits explorerTraits(); // pixelcnnview_explorer.cpp
    void requestRun(bool completion);
    void requestLikelihood();
    void showStep(int step);
    void updatePlayButton(bool playing);
    // pixelcnnview_session.cpp
    QList<QWidget *> sessionControls() const;
    void sessionImageArrived(); // the test image came: the kept rectangle, the test image number
    bool applyRectangle(const QJsonValue &value);

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    quint64 mRequestedRun = 0, mShownRun = 0;
    quint64 mRequestedLikelihood = 0, mShownLikelihood = 0;
    bool mCompletionShown = false;
    unsigned long mSeed = 1;
    QImage mTestImage;
    gs::PixelLikelihood mLikelihood;

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    ClassPicker *mClass;
    QSpinBox *mCount;
    QDoubleSpinBox *mTemperature;
    QPushButton *mSample;
    QSpinBox *mTestIndex;
    QComboBox *mHide;
    QPushButton *mComplete;
    MaskCanvas *mCanvas;
    ImageView *mHeatmap;
    QLabel *mHeatmapCaption;
    ImageView *mFrames;
    QPushButton *mPlay;
    QSlider *mScrubber;
    QLabel *mStepCaption;
    ProbabilityBars *mBars;
    PixelPlayer *mPlayer;
    ControlState mSessionControls; // count, temperature, test image, hide
    ControlState mSessionClass;    // the class picker, which has its own reply
    QJsonValue mPendingRectangle; // [x, y, width, height] until a test image it fits is shown (else not an array)
    int mRectangleChances = 0;
};
