// anomalyview.h — the Anomaly view of the Explore tab, for models with a
// likelihood (kCanLogProb: NLL in bits/dim) or reconstructions
// (kCanReconstruct: squared error) on image data: scores the first N test
// images, or every image of a folder the user picks or drops; shows the most
// and least typical images as two strips, a histogram of the scores per class,
// and, for the chosen "normal" class (by default the class the checkpoint was
// trained on alone), the ROC curve and AUROC of telling the other classes from
// it. Scores and AUROC come from the core (gs::AnomalyExplorer, anomaly.h).
//
// Ownership: a widget owned by the ExploreView's tab widget; borrows the
// ExplorationWorker. Thread affinity: GUI thread; the scoring runs on the
// exploration thread as this view's own request (newest wins), again for every
// new model while the view is shown. Failure modes: a failed scoring (an
// unreadable folder, a model that cannot score) reaches the host's banner and
// the previous result stays; skipped unreadable files are named as a notice.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

#include "core/explore/anomaly_explorer.h"
#include "explore/controlstate.h"
#include "explore/explorerview.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class UnavailableStack;
class AnomalyPlots;
class ImageView;

class AnomalyView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    static constexpr int kStripLength = 12;

    explicit AnomalyView(ExplorationWorker *worker, QWidget *parent = nullptr);

    void scoreTestSet();                      // the first testLimit() test images
    void scoreFolder(const QString &folder);  // every readable image under it
    int testLimit() const;
    void setTestLimit(int n);
    int normalClass() const;                  // −1: none chosen
    void setNormalClass(int label);

    bool isUpToDate() const { return mRequested > 0 && mShown == mRequested; }
    const gs::AnomalyScores &scores() const { return mScores; }
    double shownAuroc() const { return mAuroc; } // NaN when no ROC is shown
    QString captionText() const;
    QVector<QImage> typicalImages() const { return mTypical; }
    QVector<QImage> atypicalImages() const { return mAtypical; }
    AnomalyPlots *plots() const { return mPlots; }

    // ExplorerView (anomalyview_explorer.cpp)
    bool isAvailable(const ExplorerInfo &info) const override;
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    bool takeFile(const QString &path) override;
    QWidget *widget() override { return this; }

    // Session files (anomalyview_session.cpp): how many test images are scored
    // (explore/controlstate.h) and the normal class the user picked, by number
    // and name, set once scores with that class are shown. A scored folder is
    // not kept.
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;

    struct Result
    {
        gs::AnomalyScores scores;
        QVector<QImage> typical, atypical; // most and least typical first
        QVector<int> typicalItems, atypicalItems;
        int trainedClass = -1;
        qint64 step = 0;
        quint64 ticket = 0;
    };

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void scoresShown(int count);

protected:
    void showEvent(QShowEvent *event) override;

private:
    static Traits explorerTraits(); // anomalyview_explorer.cpp
    void request();
    void onResult(const Result &result);
    void updateNormalChoices();
    void updatePlots();
    void chooseFolder();
    // anomalyview_session.cpp
    QList<QWidget *> sessionControls() const;
    void applyPendingNormal(); // after scores with class names are shown

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    QString mFolder; // empty: the test set
    bool mNormalChosen = false; // the user picked the normal class (else the checkpoint's)
    quint64 mRequested = 0;
    quint64 mShown = 0;
    qint64 mShownStep = 0;
    gs::AnomalyScores mScores;
    QVector<QImage> mTypical, mAtypical;
    double mAuroc;

    UnavailableStack *mStack;
    QLabel *mUnavailable;
    QPushButton *mTestButton;
    QSpinBox *mLimit;
    QPushButton *mFolderButton;
    QComboBox *mNormal;
    QLabel *mCaption;
    ImageView *mTypicalStrip;
    ImageView *mAtypicalStrip;
    AnomalyPlots *mPlots;
    ControlState mSessionControls;
    QJsonObject mPendingNormal; // {normalClass, normalClassName} until scores offer it
    int mNormalChances = 0;
};
