#include "explore/latent/bookmarkbox.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

BookmarkBox::BookmarkBox(BookmarkStore *store, QWidget *parent)
    : QGroupBox(tr("Bookmarks"), parent)
    , mStore(store)
    , mList(new QListWidget(this))
    , mSave(new QPushButton(tr("Save…"), this))
    , mApply(new QPushButton(tr("Go To"), this))
    , mDelete(new QPushButton(tr("Delete"), this))
{
    setObjectName(QStringLiteral("bookmarkBox"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    mList->setObjectName(QStringLiteral("bookmarkList"));
    mList->setToolTip(tr("Latents saved for this model; double-click one to go back to it"));
    mList->setMinimumHeight(60);
    mList->setMaximumHeight(140);
    mSave->setToolTip(tr("Keep the current latent under a name (kept across sessions)"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(mSave);
    buttons->addWidget(mApply);
    buttons->addWidget(mDelete);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mList);
    layout->addLayout(buttons);

    connect(mSave, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Bookmark"), tr("Name:"),
                                                   QLineEdit::Normal,
                                                   tr("Bookmark %1").arg(mList->count() + 1), &ok);
        if (ok)
            emit saveRequested(name);
    });
    auto apply = [this] {
        LatentBookmark bookmark;
        if (mList->currentItem() && find(mList->currentItem()->text(), &bookmark))
            emit applyRequested(bookmark);
    };
    connect(mApply, &QPushButton::clicked, this, apply);
    connect(mList, &QListWidget::itemActivated, this, apply);
    connect(mDelete, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = mList->currentItem())
            mStore->remove(mModelId, mLatentDim, item->text());
    });
    connect(mList, &QListWidget::currentRowChanged, this, [this](int row) {
        mApply->setEnabled(row >= 0);
        mDelete->setEnabled(row >= 0);
    });
    connect(mStore, &BookmarkStore::changed, this, &BookmarkBox::refresh);
    refresh();
}

void BookmarkBox::setModel(const QString &modelId, int latentDim)
{
    mModelId = modelId;
    mLatentDim = latentDim;
    refresh();
}

QStringList BookmarkBox::names() const
{
    QStringList result;
    for (const LatentBookmark &b : mStore->bookmarks(mModelId, mLatentDim))
        result << b.name;
    return result;
}

bool BookmarkBox::find(const QString &name, LatentBookmark *bookmark) const
{
    for (const LatentBookmark &b : mStore->bookmarks(mModelId, mLatentDim)) {
        if (b.name == name) {
            *bookmark = b;
            return true;
        }
    }
    return false;
}

void BookmarkBox::refresh()
{
    const QString current = mList->currentItem() ? mList->currentItem()->text() : QString();
    mList->clear();
    for (const LatentBookmark &b : mStore->bookmarks(mModelId, mLatentDim)) {
        auto *item = new QListWidgetItem(b.name, mList);
        item->setToolTip(tr("Saved at step %1").arg(QLocale().toString(b.step)));
        if (b.name == current)
            mList->setCurrentItem(item);
    }
    mSave->setEnabled(!mModelId.isEmpty());
    mApply->setEnabled(mList->currentItem());
    mDelete->setEnabled(mList->currentItem());
    if (mList->count() == 0)
        mList->setToolTip(tr("No bookmarks for this model yet: press Save… to keep the "
                             "current latent."));
}
