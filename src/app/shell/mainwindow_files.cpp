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
#include "training/trainingworker.h"

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
    if (!mWorker)
        return;
    if (mState != State::NoSession && mState != State::Ready) {
        showError(tr("Stop training before opening a checkpoint."));
        return;
    }
    if (!QFileInfo(path).isFile()) {
        StudioSettings().removeRecentCheckpoint(path);
        showError(tr("The checkpoint \"%1\" does not exist.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    mBanner->dismiss();
    mPendingOpenPath = QFileInfo(path).absoluteFilePath();
    setState(State::Busy);
    TrainingWorker *worker = mWorker;
    const QString absolute = mPendingOpenPath;
    QMetaObject::invokeMethod(
        worker, [worker, absolute] { worker->openCheckpoint(absolute); }, Qt::QueuedConnection);
}

QString MainWindow::suggestedCheckpointName() const
{
    const QString name = QStringLiteral("%1-%2-step%3.%4")
                             .arg(QString::fromStdString(mSession.config.model_id),
                                  QString::fromStdString(mSession.config.dataset.id))
                             .arg(mStep)
                             .arg(kCheckpointSuffix);
    const QString dir = mCheckpointPath.isEmpty() ? StudioSettings().lastDirectory()
                                                  : QFileInfo(mCheckpointPath).absolutePath();
    return QDir(dir).filePath(name);
}

void MainWindow::saveCheckpointDialog()
{
    if (!mHasSession)
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
    if (!mWorker || !mHasSession) {
        showError(tr("There is no session to save yet."));
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (mState == State::Running || mState == State::Paused || mState == State::Stopping) {
        // The busy worker cannot run a queued job: the loop saves between two steps.
        mWorker->control().save_now(QFile::encodeName(absolute).toStdString());
        statusBar()->showMessage(tr("Saving %1 at the next step…").arg(QFileInfo(path).fileName()));
        return;
    }
    if (mState != State::Ready) {
        showError(tr("Wait until the session is loaded, then save it."));
        return;
    }
    TrainingWorker *worker = mWorker;
    statusBar()->showMessage(tr("Saving %1…").arg(QFileInfo(path).fileName()));
    QMetaObject::invokeMethod(
        worker, [worker, absolute] { worker->saveCheckpoint(absolute); }, Qt::QueuedConnection);
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
    if (mLossPanel->pointCount() == 0) {
        showError(tr("There are no losses to export yet."));
        return false;
    }
    return writeFileAtomically(path, mLossPanel->toCsv());
}

void MainWindow::exportLossesDialog()
{
    const QString suggested = QDir(StudioSettings().lastDirectory())
                                  .filePath(QStringLiteral("losses-step%1.csv").arg(mStep));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Losses"), suggested,
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    exportLossCsv(path);
}

void MainWindow::exportPlotDialog()
{
    const QString suggested = QDir(StudioSettings().lastDirectory())
                                  .filePath(QStringLiteral("loss-plot-step%1.png").arg(mStep));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Loss Plot"), suggested,
                                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    exportImage(mLossPanel->plot()->toPixmap().toImage(), path);
}

bool MainWindow::exportSampleGrid(const QString &path)
{
    return exportImage(mSampleView->image(), path);
}

void MainWindow::exportSamplesDialog()
{
    const QString suggested = QDir(StudioSettings().lastDirectory())
                                  .filePath(QStringLiteral("samples-step%1.png").arg(mStep));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Sample Grid"), suggested,
                                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    exportSampleGrid(path);
}

void MainWindow::exportReconstructionsDialog()
{
    const QString suggested
        = QDir(StudioSettings().lastDirectory())
              .filePath(QStringLiteral("reconstructions-step%1.png").arg(mStep));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Reconstructions"), suggested,
                                                tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    exportImage(mReconstructionView->image(), path);
}

void MainWindow::updateRecentMenu()
{
    mRecentMenu->clear();
    const QStringList files = StudioSettings().recentCheckpoints();
    const bool canOpen = mState == State::NoSession || mState == State::Ready;
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
