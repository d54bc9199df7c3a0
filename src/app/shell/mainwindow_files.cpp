// MainWindow, files: open and save checkpoints, export images, the recent-files
// menu and the About dialog.
#include "shell/mainwindow.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSaveFile>
#include <QStatusBar>

#include <qcustomplot.h>

#include "shell/aboutdialog.h"
#include "support/imagefile.h"
#include "widgets/imageview.h"
#include "training/losspanel.h"
#include "widgets/messagebanner.h"
#include "support/studiosettings.h"
#include "training/trainingcontroller.h"

namespace {
const QString kCheckpointSuffix = QStringLiteral("gsckpt");

QString checkpointFilter()
{
    return MainWindow::tr("GenStudio checkpoints (*.gsckpt);;All files (*)");
}
} // namespace

void MainWindow::openCheckpointDialog()
{
    StudioSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Checkpoint"),
                                                      settings.lastDirectory(), checkpointFilter());
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    openCheckpointFile(path);
}

void MainWindow::openCheckpointFile(const QString &path)
{
    if (!mController->worker())
        return;
    if (!mController->isIdle()) {
        showError(tr("Stop training before opening a checkpoint."));
        return;
    }
    if (!QFileInfo(path).isFile()) {
        StudioSettings().removeRecentCheckpoint(path);
        showError(tr("The checkpoint \"%1\" does not exist.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    mController->openCheckpoint(QFileInfo(path).absoluteFilePath());
}

QString MainWindow::suggestedCheckpointName() const
{
    const gs::SessionConfig &config = mController->session().config;
    const QString name = QStringLiteral("%1-%2-step%3.%4")
                             .arg(QString::fromStdString(config.model_id),
                                  QString::fromStdString(config.dataset.id))
                             .arg(mController->step())
                             .arg(kCheckpointSuffix);
    const QString checkpoint = mController->checkpointPath();
    const QString dir = checkpoint.isEmpty() ? StudioSettings().lastDirectory()
                                             : QFileInfo(checkpoint).absolutePath();
    return QDir(dir).filePath(name);
}

void MainWindow::saveCheckpointDialog()
{
    if (!hasSession())
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Checkpoint"),
                                                suggestedCheckpointName(), checkpointFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + kCheckpointSuffix;
    StudioSettings().setLastDirectory(QFileInfo(path).absolutePath());
    saveCheckpointFile(path);
}

void MainWindow::saveCheckpointFile(const QString &path)
{
    QString why;
    if (!mController->saveCheckpoint(QFileInfo(path).absoluteFilePath(), &why))
        showError(why);
}

bool MainWindow::exportImage(const QImage &image, const QString &path)
{
    if (image.isNull()) {
        showError(tr("There is no image to export yet."));
        return false;
    }
    QString message;
    if (!writePngFile(image, path, &message)) {
        showError(message);
        return false;
    }
    StudioSettings().setLastDirectory(QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Exported %1 (%2 × %3 pixels).")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(image.width())
                                 .arg(image.height()),
                             kStatusTimeoutMs);
    return true;
}

bool MainWindow::writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showError(tr("Could not write \"%1\": %2")
                      .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    StudioSettings().setLastDirectory(QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Exported %1.").arg(QFileInfo(path).fileName()), kStatusTimeoutMs);
    return true;
}

bool MainWindow::exportLossCsv(const QString &path)
{
    if (lossPanel()->pointCount() == 0) {
        showError(tr("There are no losses to export yet."));
        return false;
    }
    return writeFileAtomically(path, lossPanel()->toCsv());
}

QString MainWindow::askExportPath(const QString &title, const QString &stem,
                                  const QString &suffix, const QString &filter)
{
    const QString name
        = QStringLiteral("%1-step%2.%3").arg(stem).arg(mController->step()).arg(suffix);
    const QString suggested = QDir(StudioSettings().lastDirectory()).filePath(name);
    QString path = QFileDialog::getSaveFileName(this, title, suggested, filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    return path;
}

void MainWindow::exportLossesDialog()
{
    const QString path = askExportPath(tr("Export Losses"), QStringLiteral("losses"),
                                       QStringLiteral("csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportLossCsv(path);
}

void MainWindow::exportPlotDialog()
{
    const QString path = askExportPath(tr("Export Loss Plot"), QStringLiteral("loss-plot"),
                                       QStringLiteral("png"), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        exportImage(lossPanel()->plot()->toPixmap().toImage(), path);
}

bool MainWindow::exportSampleGrid(const QString &path)
{
    return exportImage(sampleView()->image(), path);
}

void MainWindow::exportSamplesDialog()
{
    const QString path = askExportPath(tr("Export Sample Grid"), QStringLiteral("samples"),
                                       QStringLiteral("png"), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        exportSampleGrid(path);
}

void MainWindow::exportReconstructionsDialog()
{
    const QString path
        = askExportPath(tr("Export Reconstructions"), QStringLiteral("reconstructions"),
                        QStringLiteral("png"), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        exportImage(reconstructionView()->image(), path);
}

void MainWindow::updateRecentMenu()
{
    mRecentMenu->clear();
    const QStringList files = StudioSettings().recentCheckpoints();
    const bool canOpen = mController->isIdle();
    int number = 1;
    for (const QString &path : files) {
        const QFileInfo info(path);
        auto escaped = [](QString s) { return s.replace(QLatin1Char('&'), QLatin1String("&&")); };
        const QString text
            = QStringLiteral("%1  %2 — %3")
                  .arg(number <= 9 ? QStringLiteral("&%1").arg(number) : QString::number(number),
                       escaped(info.fileName()),
                       escaped(QDir::toNativeSeparators(info.absolutePath())));
        QAction *action = mRecentMenu->addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setEnabled(canOpen && info.exists());
        connect(action, &QAction::triggered, this, [this, path] { openCheckpointFile(path); });
        ++number;
    }
    if (files.isEmpty()) {
        QAction *none = mRecentMenu->addAction(tr("No recent checkpoints"));
        none->setEnabled(false);
        return;
    }
    mRecentMenu->addSeparator();
    QAction *clear = mRecentMenu->addAction(tr("&Clear Menu"));
    connect(clear, &QAction::triggered, this, [] { StudioSettings().clearRecentCheckpoints(); });
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}
