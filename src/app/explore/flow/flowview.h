// flowview.h — the Flow view of the Explore tab, for normalising flows on
// images (kInvertible and kCanDecode): a test image (chosen by number) or a
// dropped picture goes x → z → x, and the view shows the input, its latent z
// reshaped to the image's layout (±3σ black…white), the reconstruction, the
// round trip's largest pixel error (float precision for an exact flow) and the
// image's bits per dimension; below, samples decoded from z·T with a
// temperature slider and a seed.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; the round trip and the
// samples run on the exploration thread as this view's own requests (newest
// wins), through core/explore/flow_explorer.h. Failure modes: a failed job's
// sentence goes to the host's banner; what is shown stays.
#pragma once

#include <QImage>
#include <QWidget>

#include "core/explore/flow_explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"

class QLabel;
class QSlider;
class QSpinBox;
class UnavailableStack;
class ImageView;

class FlowView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    explicit FlowView(ExplorationWorker *worker, QWidget *parent = nullptr);

    void setTestImage(int index);              // round trip of test image `index`
    int testImage() const;
    void setTemperature(double t);             // 0.05–1.5
    double temperature() const;
    // The last round trip shown (valid after roundTripShown).
    const gs::FlowRoundTrip &roundTrip() const { return mTrip; }
    QString roundTripText() const;             // the caption under the three images
    QImage samplesImage() const { return mSamples; }

    // ExplorerView (flowview_explorer.cpp)
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    void takeImage(const gs::Image &image, const QString &label) override;
    QWidget *widget() override { return this; }

    // Session files (flowview_session.cpp): the test image, the temperature and
    // the seed (explore/controlstate.h; applied at once and again when a model
    // comes). A dropped picture is not kept.
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void roundTripShown();
    void samplesShown();

private:
    static Traits explorerTraits(); // flowview_explorer.cpp
    void requestRoundTrip();
    void requestSamples();
    void updateTemperatureLabel();
    QList<QWidget *> sessionControls() const; // flowview_session.cpp
    void restoreSeed(const QJsonObject &state);

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    gs::Image mDropped;        // a dropped picture, when it replaced the test image
    QString mDroppedLabel;
    quint64 mTripTicket = 0, mSamplesTicket = 0;
    gs::FlowRoundTrip mTrip;
    QImage mSamples;

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    QSpinBox *mIndex;
    ImageView *mInput, *mLatent, *mReconstruction, *mSampleView;
    QLabel *mTripCaption;
    QSlider *mTemperature;
    QLabel *mTemperatureLabel;
    QSpinBox *mSeed;
    ControlState mSessionControls;
};
