// exploreview_translate.cpp — the parts of ExploreView for translation models
// and imported TorchScript modules: the Translate tab's state, the view shown
// after a model arrives, and the TorchScript import (dialog or sidecar).
#include "explore/exploreview.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTabWidget>

#include <exception>

#include "explore/interpolation/interpolationview.h"
#include "explore/latent/latentpanel.h"
#include "widgets/messagebanner.h"
#include "explore/torchscriptdialog.h"
#include "explore/translate/translationview.h"

void ExploreView::updateTranslationTabs(const ExplorerInfo &info)
{
    // Translation is a capability, not a model id; the latent views need a decoder.
    const int translateTab = mTabs->indexOf(mTranslation);
    mTabs->setTabEnabled(translateTab, info.canTranslate());
    mTabs->setTabToolTip(translateTab, info.canTranslate()
                                           ? tr("Translate a picture or a test image A→B or "
                                                "B→A, with the cycle and identity views")
                                           : TranslationView::unavailableReason(info));
    for (QWidget *latentView : {static_cast<QWidget *>(mLatent), static_cast<QWidget *>(mInterpolation)}) {
        mTabs->setTabEnabled(mTabs->indexOf(latentView), info.canDecodeImages());
        mTabs->setTabToolTip(mTabs->indexOf(latentView),
                             info.canDecodeImages()
                                 ? QString()
                                 : tr("%1 has no latent space to explore: it translates images "
                                      "(see Translate).")
                                       .arg(info.modelName));
    }
    mTranslation->setModel(info);
}

void ExploreView::chooseViewAfterModel(const ExplorerInfo &info, QWidget *before)
{
    // Keep the view shown when it still applies (or the one asked for before
    // the first model); otherwise the translation panel for models that only
    // translate, the latent panel for the others.
    QWidget *wanted = mWantedView ? mWantedView.data() : before;
    mWantedView.clear();
    if (wanted && mTabs->isTabEnabled(mTabs->indexOf(wanted)))
        mTabs->setCurrentWidget(wanted);
    else
        mTabs->setCurrentWidget(info.canDecodeImages() ? static_cast<QWidget *>(mLatent)
                                                       : mTranslation);
}

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
    raiseTab();
    if (!QFileInfo(path).isFile()) {
        showError(tr("The TorchScript module %1 does not exist.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    mBanner->dismiss();
    if (mOpening.isEmpty())
        mFollowBeforeOpen = followsTraining();
    mOpening = QFileInfo(path).absoluteFilePath();
    {
        const QSignalBlocker blocker(mFollow);
        mFollow->setChecked(false);
    }
    mWorker->setFollowTraining(false); // before the import: a late snapshot loses
    mWorker->openTorchScript(mOpening, descriptor);
    updateSourceText();
}
