// stylemixview_export.cpp — StyleMixView: exporting the mix, the sources with
// the mix, or the mixing grid as a PNG enlarged nearest-neighbour.
#include "explore/stylemix/stylemixview.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include <algorithm>

#include "support/imageconvert.h"
#include "support/imagefile.h"
#include "support/studiosettings.h"
#include "explore/stylemix/stylemixgrid.h"

namespace {
constexpr int kExportSize = 112; // exported images are enlarged to about this size
} // namespace

void StyleMixView::chooseExport(ExportKind kind)
{
    const QString name = kind == ExportKind::Grid             ? QStringLiteral("style-grid")
                         : kind == ExportKind::MixWithSources ? QStringLiteral("style-sources-mix")
                                                              : QStringLiteral("style-mix");
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export"),
        QDir(StudioSettings().lastDirectory()).filePath(QStringLiteral("%1.png").arg(name)),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) != 0)
        path += QStringLiteral(".png");
    exportTo(path, kind);
}

bool StyleMixView::exportTo(const QString &path, ExportKind kind)
{
    QImage image;
    switch (kind) {
    case ExportKind::Mix:
        image = mMixedSource;
        break;
    case ExportKind::MixWithSources:
        if (!mMixedSource.isNull())
            image = tileImages({mSourceAImage, mSourceBImage, mMixedSource}, 0, 2);
        break;
    case ExportKind::Grid:
        image = mGrid->image();
        break;
    }
    if (image.isNull() || mMixedSource.isNull()) {
        emit error(kind == ExportKind::Grid ? tr("There is no mixing grid to export yet.")
                                            : tr("There is no mixed image to export yet."));
        return false;
    }
    // Nearest neighbour, a whole factor: every model pixel stays a sharp square.
    const int side = std::max(mMixedSource.width(), mMixedSource.height());
    const int scale = std::clamp(kExportSize / std::max(1, side), 1, 8);
    if (scale > 1)
        image = image.scaled(image.size() * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    QString message;
    if (!writePngFile(image, path, &message)) {
        emit error(message);
        return false;
    }
    StudioSettings().setLastDirectory(QFileInfo(path).absolutePath());
    emit notice(tr("Exported %1 (%2 × %3 pixels).")
                    .arg(QFileInfo(path).fileName())
                    .arg(image.width())
                    .arg(image.height()));
    return true;
}
