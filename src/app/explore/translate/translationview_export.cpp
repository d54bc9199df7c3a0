// translationview_export.cpp — TranslationView's export of the shown tiles:
// one PNG per tile into a folder, or one strip, on the global thread pool
// (TranslationExport), with the file dialogs that ask where.
#include "explore/translate/translationview.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include "explore/translate/translationcaptions.h"
#include "explore/translate/translationexport.h"
#include "explore/translate/translationtiles.h"
#include "support/studiosettings.h"

// --- Export ---------------------------------------------------------------------

std::vector<TranslationFrame> TranslationView::frames() const
{
    std::vector<TranslationFrame> result;
    if (!mShown || mShown->frames.size() < size_t(TranslationTiles::TileCount))
        return result;
    const QString from = domainLetter(mShownAToB), to = domainLetter(!mShownAToB);
    const QStringList tags = {QStringLiteral("input-%1").arg(from),
                              QStringLiteral("translation-%1to%2").arg(from, to),
                              QStringLiteral("cycle-%1to%2to%1").arg(from, to),
                              QStringLiteral("identity-%1to%2").arg(to, from)};
    for (int i = 0; i < TranslationTiles::TileCount; ++i) {
        QString detail = mTiles->detail(i);
        detail.replace(QLatin1Char('\n'), QStringLiteral(" · "));
        result.push_back({mShown->frames[size_t(i)], tags.at(i), mTiles->title(i), detail});
    }
    return result;
}

bool TranslationView::exportImages(const QString &folder)
{
    QString message;
    if (!mExport->saveImages(frames(), folder, mShownInput.prefix, &message)) {
        emit error(message);
        return false;
    }
    updateControls();
    return true;
}

bool TranslationView::exportStrip(const QString &path)
{
    QString message;
    if (!mExport->saveStrip(frames(), path, &message)) {
        emit error(message);
        return false;
    }
    updateControls();
    return true;
}

bool TranslationView::isExporting() const
{
    return mExport->isRunning();
}

void TranslationView::chooseExportFolder()
{
    StudioSettings settings;
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Save the Translation Images in"), settings.lastDirectory());
    if (folder.isEmpty())
        return;
    settings.setLastDirectory(folder);
    exportImages(folder);
}

void TranslationView::chooseExportStrip()
{
    StudioSettings settings;
    const QString name = QStringLiteral("%1-%2to%3.png")
                             .arg(mShownInput.prefix, domainLetter(mShownAToB), domainLetter(!mShownAToB));
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save the Translation Strip"), QDir(settings.lastDirectory()).filePath(name),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) != 0)
        path += QStringLiteral(".png");
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    exportStrip(path);
}

void TranslationView::onExportDone(const QStringList &paths, bool ok, const QString &message)
{
    updateControls();
    if (ok)
        emit notice(message);
    else
        emit error(message);
    emit exportFinished(paths, ok, message);
}

