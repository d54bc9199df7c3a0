// translationview.h — the Explore tab's Translate view, for models that
// translate images (ExplorerInfo::canTranslate: CycleGAN, imported TorchScript
// translators). One input — a picture dropped on the panel or opened from a
// file, or a test image of domain A or B picked in a small thumbnail browser —
// goes through the model in the chosen direction, A→B or B→A (one-way models:
// A→B only), and four captioned images appear side by side: the input as the
// model sees it, the translation, the cycle reconstruction (A→B→A) and the
// identity output (the generator into the input's own domain), with the cycle
// and identity PSNR against the input and the time taken. The translation runs
// again whenever a newer copy of the model arrives (while training goes on)
// or another checkpoint is opened (a recent-checkpoints box switches them on
// the fly); the images say which step they come from. The four images can be
// saved to a folder or as one captioned strip (TranslationExport).
//
// An explorer view (explorerview.h, translationview_explorer.cpp), id
// "translate": available for models that translate; it reads dropped pictures
// itself, at full size.
//
// Ownership: a widget made by the view list (explorerviews.cpp) and owned by the
// ExploreView's tab widget; borrows the ExplorationWorker; owns its browser,
// tiles and export. Thread affinity: GUI thread; pictures are read here
// (readTranslationImage), translations run on the exploration thread (its own
// requests, newest wins) and exports on the global thread pool. Failure modes: a
// picture that cannot be used (not an image, unreadable, too large, 16-bit,
// transparent RGBA) or a translation that fails is reported through error() and
// the previous input and images stay; a failed export ends with
// exportFinished(…, false, message).
#pragma once

#include <QWidget>

#include "explore/controlstate.h"
#include "explore/explorerview.h"
#include "explore/translate/translationjobs.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class DomainBrowser;
class RecentCheckpointBox;
class TranslationExport;
class TranslationTiles;
struct TranslationFrame;

class TranslationView : public QWidget, public ExplorerView
{
    Q_OBJECT

public:
    explicit TranslationView(ExplorationWorker *worker, QWidget *parent = nullptr);

    // A newly loaded model; a newer copy of the same one translates the same
    // input again, another translating model keeps the input when it can.
    void setModel(const ExplorerInfo &info);
    // Why the Translate tab is disabled for this model (empty when it translates).
    static QString unavailableSentence(const ExplorerInfo &info);

    // --- Input ---
    // False (and error()) when the file cannot be used; the input stays.
    bool openImageFile(const QString &path);
    void setImage(const gs::Image &image, const QString &label);
    void setDatasetImage(int index, int domain);
    // Dropped files: pictures become the input; checkpoints and TorchScript
    // modules are handed on through openFileRequested.
    void dropFiles(const QStringList &paths);
    QString inputLabel() const;
    bool hasInput() const { return mInput.valid; }

    bool aToB() const { return mAToB; }
    bool setAToB(bool on); // false when the model translates A→B only

    // --- What is shown ---
    TranslationResultPtr shownResult() const { return mShown; } // null before the first
    quint64 requestedTicket() const { return mTicket; }
    bool isReady() const { return mTicket != 0 && mShown && mShown->ticket == mTicket; }

    // ExplorerView (translationview_explorer.cpp)
    QString unavailableReason(const ExplorerInfo &info) const override;
    void attach(ExplorerHost &host) override;
    void modelChanged(const ExplorerInfo &info) override;
    // Session files: the direction (A→B or B→A) (explore/controlstate.h; applied again when a model comes).
    QJsonObject sessionState() const override;
    void restoreSessionState(const QJsonObject &state) override;
    QWidget *widget() override { return this; }
    bool takeFile(const QString &path) override; // openImageFile
    QString summaryText() const;
    TranslationTiles *tiles() const { return mTiles; }
    DomainBrowser *browser() const { return mBrowser; }
    QRadioButton *forwardButton() const { return mForward; }
    QRadioButton *backwardButton() const { return mBackward; }
    RecentCheckpointBox *checkpointBox() const { return mCheckpoints; }

    // --- Export (exportFinished follows a true return) ---
    bool exportImages(const QString &folder);
    bool exportStrip(const QString &path);
    bool isExporting() const;

signals:
    void error(const QString &message);
    void notice(const QString &message);
    void translationShown(qint64 step);
    void exportFinished(const QStringList &paths, bool ok, const QString &message);
    void openFileRequested(const QString &path); // a checkpoint or module dropped here
    void chooseCheckpointRequested();            // "Open Another Checkpoint…"

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    static Traits explorerTraits(); // translationview_explorer.cpp
    struct Input
    {
        bool valid = false;
        TranslateSource source;
        QString label;  // "test image #3 of domain A", "“shoe.png”"
        QString prefix; // for exported file names
    };
    void useInput(const Input &input);
    void requestTranslation();
    void onResult(const TranslationResultPtr &result);
    void onFailed(quint64 ticket, const QString &message);
    void showResult();
    void showEmpty(const QString &placeholder);
    std::vector<TranslationFrame> frames() const;
    void chooseExportFolder();
    void chooseExportStrip();
    void onExportDone(const QStringList &paths, bool ok, const QString &message);
    void updateControls();

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    Input mInput;     // the current input (requested)
    Input mRequested; // what mTicket translates
    Input mShownInput; // what the shown images come from
    bool mAToB = true;
    bool mRequestedAToB = true;
    bool mShownAToB = true;
    quint64 mTicket = 0;
    TranslationResultPtr mShown;

    QPushButton *mOpenButton;
    DomainBrowser *mBrowser;
    QLabel *mInputNote;
    QRadioButton *mForward;
    QRadioButton *mBackward;
    RecentCheckpointBox *mCheckpoints;
    QLabel *mModelNote;
    QPushButton *mSaveImages;
    QPushButton *mSaveStrip;
    QProgressBar *mExportProgress;
    QLabel *mSummary;
    TranslationTiles *mTiles;
    TranslationExport *mExport;

    QList<QWidget *> sessionControls() const; // translationview_session.cpp
    ControlState mSessionControls;
};
