#include "widgets/thumbnaillist.h"

#include <QIcon>
#include <QListWidget>
#include <QPixmap>

#include <algorithm>

void showThumbnails(QListWidget *list, const QVector<QImage> &images, const QVector<int> &indices,
                    int side, const std::function<QString(int)> &toolTip)
{
    list->clear();
    const int count = std::min(images.size(), indices.size());
    for (int i = 0; i < count; ++i) {
        const int index = indices.at(i);
        const QImage thumb = images.at(i).scaled(side, side, Qt::KeepAspectRatio, Qt::FastTransformation);
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumb)), QStringLiteral("#%1").arg(index), list);
        item->setData(Qt::UserRole, index);
        item->setToolTip(toolTip(index));
    }
}
