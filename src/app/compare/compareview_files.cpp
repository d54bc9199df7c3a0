// compareview_files.cpp — the Compare tab's files: choosing runs, dropping
// them, the recent runs, and exporting the table (CSV) and the view (PNG).
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QSaveFile>

#include <algorithm>

#include "compare/compareview.h"
#include "compare/comparetable.h"
#include "support/imagefile.h"
#include "support/studiosettings.h"

namespace {

bool isRunFolder(const QString &dir)
{
    return QFileInfo(QDir(dir).filePath(QStringLiteral("metrics.csv"))).isFile();
}

} // namespace

void CompareView::chooseFolder()
{
    StudioSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Run Folder"), settings.runsFolder());
    if (!dir.isEmpty())
        addRun(dir);
}

void CompareView::chooseCheckpoint()
{
    StudioSettings settings;
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Add Checkpoints"), settings.lastDirectory(),
                                                            tr("GenStudio checkpoints (*.gsckpt);;All files (*)"));
    for (const QString &path : paths)
        addRun(path);
    if (!paths.isEmpty())
        settings.setLastDirectory(QFileInfo(paths.first()).absolutePath());
}

void CompareView::chooseRunsFolder()
{
    StudioSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs Folder"), settings.runsFolder());
    if (dir.isEmpty())
        return;
    settings.setRunsFolder(dir);
    refreshRecentRuns();
}

QStringList CompareView::recentRuns() const
{
    StudioSettings settings;
    QStringList folders;
    QDirIterator it(settings.runsFolder(), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        if (isRunFolder(dir))
            folders << QFileInfo(dir).absoluteFilePath();
    }
    for (const QString &checkpoint : settings.recentCheckpoints()) {
        const QString dir = QFileInfo(checkpoint).absolutePath();
        if (isRunFolder(dir) && !folders.contains(dir))
            folders << dir;
    }
    const auto modified = [](const QString &dir) {
        return QFileInfo(QDir(dir).filePath(QStringLiteral("metrics.csv"))).lastModified();
    };
    std::stable_sort(folders.begin(), folders.end(),
                     [&](const QString &a, const QString &b) { return modified(a) > modified(b); });
    while (folders.size() > 30)
        folders.removeLast();
    return folders;
}

void CompareView::refreshRecentRuns()
{
    mRecentList->clear();
    for (const QString &dir : recentRuns()) {
        auto *item = new QListWidgetItem(QFileInfo(dir).fileName(), mRecentList);
        item->setData(Qt::UserRole, dir);
        item->setToolTip(dir);
    }
    mRunsFolderLabel->setText(tr("Runs folder: %1").arg(QDir::toNativeSeparators(StudioSettings().runsFolder())));
}

void CompareView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFilePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void CompareView::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFilePaths(event->mimeData());
    for (const QString &path : paths)
        addRun(path);
    if (!paths.isEmpty())
        event->acceptProposedAction();
}

bool CompareView::exportCsv(const QString &path)
{
    if (mRuns.empty())
        return refuse(tr("There are no runs to export: add runs first."));
    QSaveFile file(path);
    const QByteArray csv = mTable->toCsv();
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return refuse(tr("Could not write “%1”: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    mLastError.clear();
    return true;
}

bool CompareView::exportPng(const QString &path)
{
    QString error;
    if (!writePngFile(grab().toImage(), path, &error))
        return refuse(error);
    mLastError.clear();
    return true;
}

void CompareView::chooseCsv()
{
    StudioSettings settings;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Table"),
                                                QDir(settings.lastDirectory()).filePath(QStringLiteral("runs.csv")),
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    exportCsv(path);
}

void CompareView::choosePng()
{
    StudioSettings settings;
    QString path = QFileDialog::getSaveFileName(this, tr("Export View"),
                                                QDir(settings.lastDirectory()).filePath(QStringLiteral("compare-runs.png")),
                                                tr("PNG pictures (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    exportPng(path);
}
