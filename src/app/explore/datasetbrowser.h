// datasetbrowser.h — a dialog that pages through the explored model's test
// images (64 at a time) so a person can pick one to encode: "take from image"
// in the latent panel, an endpoint in the interpolation view.
//
// Ownership: a modal dialog owned by its parent; borrows the ExplorationWorker.
// Thread affinity: GUI thread; the images come from the exploration thread
// as replies to its own requests. Failure modes: a dataset that cannot be loaded shows
// the worker's message in the dialog; OK stays disabled until a pick.
#pragma once

#include <QDialog>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QSpinBox;
class QToolButton;
class ExplorationWorker;
struct ExploreResult;

class DatasetBrowser : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kPageSize = 64;

    explicit DatasetBrowser(ExplorationWorker *worker, QWidget *parent = nullptr);

    int selectedIndex() const; // -1 without a pick
    void showPage(int page);
    int page() const { return mPage; }
    int shownImages() const; // on the current page, once loaded

private:
    void onResult(const std::shared_ptr<const ExploreResult> &result);
    void updateButtons();

    ExplorationWorker *mWorker;
    QListWidget *mList;
    QLabel *mStatus;
    QToolButton *mPrevious;
    QToolButton *mNext;
    QSpinBox *mJump;
    QDialogButtonBox *mButtons;
    quint64 mTicket = 0;
    int mPage = 0;
    int mDatasetSize = -1; // unknown until the first page arrives
};
