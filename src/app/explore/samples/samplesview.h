// samplesview.h — the Samples view of the Explore tab: a grid of samples, the
// images a model that samples (kCanSample, with a decoder) makes of the latents
// of consecutive seeds (seed, seed + 1, …), 4 to 64 of them; "New seeds" draws
// another first seed and "Export PNG…" saves the grid as shown. For models that
// cannot sample the tab is disabled and the view says why.
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; the seeds are resolved and
// decoded on the exploration thread as this view's own request (newest wins),
// only while the view is shown (a hidden view catches up when shown).
// Failure modes: a failed decode or an export that cannot be written is
// reported through the host's banner; the grid shown stays.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

#include "explore/explorerview.h"
#include "explore/latentjobs.h"

class QLabel;
class QPushButton;
class QSpinBox;
class UnavailableStack;
class ImageView;

class SamplesView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    static constexpr int kMinCount = 4;
    static constexpr int kMaxCount = 64;
    static constexpr int kGap = 2; // pixels between the samples of the grid

    explicit SamplesView(ExplorationWorker *worker, QWidget *parent = nullptr);

    int count() const;
    void setCount(int count); // clamped to 4–64
    unsigned long seed() const;
    void setSeed(unsigned long seed);
    void newSeeds(); // as the button: a random first seed
    int columns() const; // of the grid: the smallest square that holds count()

    QVector<QImage> sampleImages() const { return mImages; }
    QImage gridImage() const { return mGrid; }
    bool isUpToDate() const { return mRequested > 0 && mShown == mRequested; }
    QString unavailableText() const; // the sentence the view shows when unavailable
    // Writes the grid as a PNG (atomically); false and error() when it cannot.
    bool exportPng(const QString &path);

    // ExplorerView (samplesview_explorer.cpp)
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    QWidget *widget() override { return this; }
    QString dropRefusal(const ExplorerInfo &info, const QString &label) const override;
    // Session state (samplesview_session.cpp): the count and the first seed.
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void samplesShown(int count);

protected:
    void showEvent(QShowEvent *event) override;

private:
    static Traits explorerTraits(); // samplesview_explorer.cpp
    void requestSamples();
    void onSamples(const ExploreResult &result);
    void chooseExport();
    void updateCaption();

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    quint64 mRequested = 0;
    quint64 mShown = 0;
    qint64 mShownStep = 0;
    QVector<QImage> mImages;
    QImage mGrid;

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    QSpinBox *mCount;
    QSpinBox *mSeed;
    QPushButton *mNewSeeds;
    QPushButton *mExport;
    QLabel *mCaption;
    ImageView *mView;
};
