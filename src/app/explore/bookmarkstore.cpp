#include "explore/bookmarkstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include "support/studiosettings.h"

namespace {

bool sameOwner(const LatentBookmark &b, const QString &modelId, int latentDim)
{
    return b.modelId == modelId && b.latentDim == latentDim;
}
} // namespace

BookmarkStore::BookmarkStore(QObject *parent)
    : QObject(parent)
{
    load();
}

QVector<LatentBookmark> BookmarkStore::bookmarks(const QString &modelId, int latentDim) const
{
    QVector<LatentBookmark> result;
    for (const LatentBookmark &b : mAll) {
        if (sameOwner(b, modelId, latentDim))
            result << b;
    }
    return result;
}

bool BookmarkStore::add(const LatentBookmark &bookmark)
{
    if (bookmark.name.trimmed().isEmpty() || bookmark.latent.empty()
        || int(bookmark.latent.size()) != bookmark.latentDim)
        return false;
    LatentBookmark copy = bookmark;
    copy.name = copy.name.trimmed();
    if (!copy.created.isValid())
        copy.created = QDateTime::currentDateTimeUtc();
    bool replaced = false;
    for (LatentBookmark &b : mAll) {
        if (sameOwner(b, copy.modelId, copy.latentDim) && b.name == copy.name) {
            b = copy;
            replaced = true;
        }
    }
    if (!replaced)
        mAll << copy;
    save();
    emit changed();
    return true;
}

void BookmarkStore::remove(const QString &modelId, int latentDim, const QString &name)
{
    const auto before = mAll.size();
    mAll.erase(std::remove_if(mAll.begin(), mAll.end(),
                              [&](const LatentBookmark &b) {
                                  return sameOwner(b, modelId, latentDim) && b.name == name;
                              }),
               mAll.end());
    if (mAll.size() != before) {
        save();
        emit changed();
    }
}

void BookmarkStore::load()
{
    mAll.clear();
    const QByteArray json = StudioSettings().latentBookmarks();
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        LatentBookmark b;
        b.name = o.value(QStringLiteral("name")).toString();
        b.modelId = o.value(QStringLiteral("model")).toString();
        b.latentDim = o.value(QStringLiteral("latent_dim")).toInt();
        b.step = qint64(o.value(QStringLiteral("step")).toDouble());
        b.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(),
                                          Qt::ISODate);
        for (const QJsonValue &v : o.value(QStringLiteral("latent")).toArray())
            b.latent.push_back(float(v.toDouble()));
        if (!b.name.isEmpty() && b.latentDim > 0 && int(b.latent.size()) == b.latentDim)
            mAll << b; // damaged entries are skipped
    }
}

void BookmarkStore::save() const
{
    QJsonArray array;
    for (const LatentBookmark &b : mAll) {
        QJsonArray latent;
        for (float v : b.latent)
            latent.append(double(v));
        array.append(QJsonObject{{QStringLiteral("name"), b.name},
                                 {QStringLiteral("model"), b.modelId},
                                 {QStringLiteral("latent_dim"), b.latentDim},
                                 {QStringLiteral("step"), double(b.step)},
                                 {QStringLiteral("created"), b.created.toString(Qt::ISODate)},
                                 {QStringLiteral("latent"), latent}});
    }
    StudioSettings().setLatentBookmarks(QJsonDocument(array).toJson(QJsonDocument::Compact));
}
