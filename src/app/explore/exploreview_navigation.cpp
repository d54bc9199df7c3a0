// exploreview_navigation.cpp — ExploreView: which sub-view shows (by enum or
// by the name --explore-view takes), the style-space bar that goes with the
// latent views, and files dropped onto the tab (checkpoints, TorchScript
// modules, pictures for the view in front).
#include "explore/exploreview.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QStackedWidget>
#include <QTabWidget>

#include "support/imagefile.h"
#include "explore/interpolation/interpolationview.h"
#include "explore/map/latentmapview.h"
#include "explore/latent/latentpanel.h"
#include "explore/stylemix/stylemixview.h"
#include "explore/stylespacebar.h"
#include "explore/torchscriptdialog.h"
#include "explore/translate/translationview.h"

void ExploreView::updateStyleSpaceBar()
{
    mStyleSpace->setModel(mInfo);
    QWidget *view = mTabs->currentWidget();
    const bool latentView = view == mLatent || view == mMap || view == mInterpolation;
    mStyleSpace->setVisible(mInfo.hasStyles() && latentView && mStack->currentWidget() == mTabs);
}

void ExploreView::showSubView(SubView view)
{
    if (view == SubView::Style) {
        // Not for a model without styles (the tab is disabled and says why); before
        // the first model (--explore-view style) it is chosen for when it comes.
        if (!mInfo.isValid())
            mWantedView = mStyleMix;
        if (!mInfo.isValid() || mInfo.hasStyles())
            mTabs->setCurrentWidget(mStyleMix);
        return;
    }
    if (view == SubView::Translate) {
        // Before the first model (--explore-view translate) it is chosen for when it comes.
        if (!mInfo.isValid())
            mWantedView = mTranslation;
        if (!mInfo.isValid() || mInfo.canTranslate())
            mTabs->setCurrentWidget(mTranslation);
        return;
    }
    mTabs->setCurrentIndex(int(view));
}

bool ExploreView::showSubView(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("latent") || n == QLatin1String("sliders"))
        showSubView(SubView::Latent);
    else if (n == QLatin1String("map"))
        showSubView(SubView::Map);
    else if (n.startsWith(QLatin1String("interp")))
        showSubView(SubView::Interpolation);
    else if (n == QLatin1String("style") || n == QLatin1String("style-mix")
             || n == QLatin1String("stylemix") || n == QLatin1String("mix"))
        showSubView(SubView::Style);
    else if (n.startsWith(QLatin1String("transl")))
        showSubView(SubView::Translate);
    else
        return false;
    return true;
}

ExploreView::SubView ExploreView::currentSubView() const
{
    if (mTabs->currentWidget() == mStyleMix)
        return SubView::Style;
    if (mTabs->currentWidget() == mTranslation)
        return SubView::Translate;
    return SubView(mTabs->currentIndex());
}

void ExploreView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFilePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ExploreView::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFilePaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    dropFiles(paths);
}

void ExploreView::dropFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (isCheckpointPath(path)) {
            openCheckpoint(path);
            return; // one model at a time; pictures need it loaded first
        }
        if (TorchScriptDialog::isModulePath(path)) {
            openTorchScriptFile(path);
            return;
        }
        if (mInfo.canTranslate() && currentSubView() == SubView::Translate) {
            // Translation keeps the picture's size: the panel reads it at full size.
            if (mTranslation->openImageFile(path))
                return;
            continue;
        }
        QString message;
        const gs::Image image = readImageFile(path, &message);
        if (image.empty()) {
            showError(message);
            continue;
        }
        if (!mInfo.canDecodeImages()) {
            showError(tr("There is no model to explore yet, so %1 cannot be used. Train a "
                         "model or explore a checkpoint first.")
                          .arg(QFileInfo(path).fileName()));
            return;
        }
        const QString label = QStringLiteral("“%1”").arg(QFileInfo(path).fileName());
        switch (currentSubView()) {
        case SubView::Latent:
            mLatent->takeImage(image, label);
            break;
        case SubView::Map:
            mMap->locateImage(image, label);
            break;
        case SubView::Interpolation:
            mInterpolation->addImage(image, label);
            break;
        case SubView::Style:
            showError(tr("Style mixing starts from seeds or bookmarks, not pictures: %1 has no "
                         "encoder to find the latent of %2.")
                          .arg(mInfo.modelName, label));
            return;
        case SubView::Translate:
            return; // handled above (a model that translates)
        }
    }
}
