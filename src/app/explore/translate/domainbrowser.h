// domainbrowser.h — the translation panel's small browser of test images: a
// domain choice (A or B), an index box and a page of thumbnails of that
// domain's test images; a click or a new index picks an image. Models without
// test images (imported TorchScript modules) get a sentence saying so instead.
//
// Ownership: a plain widget owned by the TranslationView; borrows the
// ExplorationWorker. Thread affinity: GUI thread; thumbnails are read on the
// exploration thread (its own requests, newest wins) and come back queued.
// Failure modes: a dataset that cannot be read shows the worker's message in
// the browser's status line; nothing is picked and nothing else happens.
#pragma once

#include <QWidget>

#include "explore/latentjobs.h"

class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;
class QToolButton;

class DomainBrowser : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kPageSize = 12; // thumbnails per page (4 × 3)

    explicit DomainBrowser(ExplorationWorker *worker, QWidget *parent = nullptr);

    // The explored model: thumbnails are (re)loaded when its data may differ.
    void setModel(const ExplorerInfo &info);
    bool hasImages() const; // the model comes with test images

    int domain() const;
    void setDomain(int domain); // shows that domain's page; emits nothing
    int currentIndex() const;
    void setCurrentIndex(int index); // marks and shows it; emits nothing
    int datasetSize() const { return mDatasetSize; }
    int shownImages() const; // thumbnails on the current page, once loaded
    int page() const { return mPage; }
    void showPage(int page);
    QString statusText() const;

signals:
    void imageChosen(int index, int domain); // by a click or the index box
    void domainChosen(int domain);           // by the domain box

private:
    void requestPage();
    void onResult(const ExploreResultPtr &result);
    void updateButtons();
    void markCurrent();

    ExplorationWorker *mWorker;
    ExplorerInfo mInfo;
    QComboBox *mDomain;
    QSpinBox *mIndex;
    QToolButton *mPrevious;
    QToolButton *mNext;
    QListWidget *mList;
    QLabel *mStatus;
    quint64 mTicket = 0;
    int mPage = 0;
    int mCurrent = 0;
    int mDatasetSize = -1; // unknown until the first page arrives
};
