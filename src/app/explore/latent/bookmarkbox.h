// bookmarkbox.h — the latent panel's bookmark list: the saved latents of the
// model being explored, with Save… (asks for a name), Go To and Delete.
//
// Ownership: a group box owned by its parent; borrows the BookmarkStore.
// Thread affinity: GUI thread. Failure modes: none (the store refuses empty
// names; the panel reports that).
#pragma once

#include <QGroupBox>

#include "explore/bookmarkstore.h"

class QListWidget;
class QPushButton;

class BookmarkBox : public QGroupBox
{
    Q_OBJECT

public:
    BookmarkBox(BookmarkStore *store, QWidget *parent = nullptr);

    void setModel(const QString &modelId, int latentDim);
    QStringList names() const;
    bool find(const QString &name, LatentBookmark *bookmark) const;

signals:
    void saveRequested(const QString &name);
    void applyRequested(const LatentBookmark &bookmark);

private:
    void refresh();

    BookmarkStore *mStore;
    QString mModelId;
    int mLatentDim = 0;
    QListWidget *mList;
    QPushButton *mSave;
    QPushButton *mApply;
    QPushButton *mDelete;
};
