// thumbnaillist.h — filling a QListWidget in icon mode with a page of dataset
// thumbnails (the dataset browser dialog, the translation panel's domain
// browser): one item per image, captioned "#index", the index kept in
// Qt::UserRole, nearest-neighbour scaled so pixels stay square.
//
// Ownership: a free function; the items belong to the list. Thread affinity:
// GUI thread. Failure modes: none; `indices` shorter than `images` stops early.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>

#include <functional>

class QListWidget;

// Replaces the list's items with `images` at most `side` pixels square; each
// item's tooltip is toolTip(index).
void showThumbnails(QListWidget *list, const QVector<QImage> &images, const QVector<int> &indices,
                    int side, const std::function<QString(int)> &toolTip);
