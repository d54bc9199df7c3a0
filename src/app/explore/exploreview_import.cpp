// exploreview_import.cpp — ExploreView's import of TorchScript modules: the
// dialog, the sidecar PATH.json, and the files dropped or given on the command
// line.
#include "explore/exploreview.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <exception>

#include "explore/torchscriptdialog.h"

void ExploreView::chooseTorchScript(const QString &path)
{
    TorchScriptDialog dialog(this);
    if (!path.isEmpty())
        dialog.setModulePath(path);
    if (dialog.exec() != QDialog::Accepted)
        return;
    importTorchScript(dialog.modulePath(), dialog.descriptor());
}

void ExploreView::openTorchScriptFile(const QString &path)
{
    if (gs::has_torchscript_sidecar(QFile::encodeName(path).toStdString()) || !QFileInfo(path).isFile())
        importTorchScript(path); // a missing file gets its message there
    else
        chooseTorchScript(path);
}

bool ExploreView::importTorchScript(const QString &path)
{
    raiseTab();
    const QString name = QFileInfo(path).fileName();
    if (!QFileInfo(path).isFile()) {
        showError(tr("The TorchScript module %1 does not exist.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    try {
        importTorchScript(path, gs::read_torchscript_sidecar(QFile::encodeName(path).toStdString()));
        return true;
    } catch (const std::exception &e) {
        showError(tr("%1 cannot be imported without a description: %2 Use File → Import "
                     "TorchScript Model… to describe it.")
                      .arg(name, QString::fromStdString(e.what())));
        return false;
    }
}

void ExploreView::importTorchScript(const QString &path, const gs::TorchScriptDescriptor &descriptor)
{
    if (!beginOpening(path, tr("The TorchScript module %1 does not exist."), true))
        return;
    mWorker->openTorchScript(mOpening, descriptor);
    updateSourceText();
}
