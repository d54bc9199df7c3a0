// bookmarkstore.h — named latent bookmarks ("smiling", "long sleeves"), kept in
// the studio's settings (StudioSettings::latentBookmarks, one JSON document)
// so they survive restarts. A bookmark belongs to a model id and latent size;
// the panels list only the bookmarks that fit the model being explored.
//
// Ownership: a QObject owned by the ExploreView and shared (borrowed) by its
// panels. Thread affinity: GUI thread. Failure modes: an unreadable or damaged
// settings entry reads as no bookmarks; add() refuses empty names (returns false).
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVector>

#include "core/explore/explorer.h"

struct LatentBookmark
{
    QString name;
    QString modelId;
    int latentDim = 0;
    qint64 step = 0; // the model's step when it was saved
    QDateTime created;
    gs::Latent latent;
};

class BookmarkStore : public QObject
{
    Q_OBJECT

public:
    explicit BookmarkStore(QObject *parent = nullptr);

    // The bookmarks of one model id and latent size, oldest first.
    QVector<LatentBookmark> bookmarks(const QString &modelId, int latentDim) const;
    // Adds one; a bookmark of the same name for the same model is replaced.
    bool add(const LatentBookmark &bookmark);
    void remove(const QString &modelId, int latentDim, const QString &name);
    int count() const { return mAll.size(); }
    QVector<LatentBookmark> all() const { return mAll; } // every model's (session files)

signals:
    void changed();

private:
    void load();
    void save() const;

    QVector<LatentBookmark> mAll;
};
