#include "support/quotedfilename.h"

#include <QFileInfo>

QString quotedFileName(const QString &path)
{
    return QStringLiteral("“%1”").arg(QFileInfo(path).fileName());
}
