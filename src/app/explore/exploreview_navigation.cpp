// exploreview_navigation.cpp — ExploreView's views: the tabs built from the
// list of explorer views (explorerviews.cpp), which of them a model enables
// (and the tooltips saying why not), which one shows (by the names
// --explore-view takes), the style-space bar over the views that ask for it,
// and files dropped onto the tab (checkpoints, TorchScript modules, pictures
// for the view in front).
#include "explore/exploreview.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QStackedWidget>
#include <QTabWidget>

#include "explore/explorerviews.h"
#include "explore/stylespacebar.h"
#include "explore/torchscriptdialog.h"
#include "widgets/messagebanner.h"
#include "support/imagefile.h"

void ExploreView::addViews()
{
    for (const ExplorerViewEntry &entry : explorerViewEntries()) {
        ExplorerView *view = entry.make(*this);
        Q_ASSERT(view->id() == entry.id);
        mViews.push_back(view);
        mTabs->addTab(view->widget(), view->title());
    }
    for (ExplorerView *view : mViews)
        view->attach(*this);
    updateTabs(ExplorerInfo()); // until a model comes
    // Disabling the tabs moved the current one along; the first view is where
    // a model starts.
    if (!mViews.empty())
        mTabs->setCurrentWidget(mViews.front()->widget());
}

void ExploreView::updateTabs(const ExplorerInfo &info)
{
    for (ExplorerView *view : mViews) {
        const int tab = mTabs->indexOf(view->widget());
        const bool available = view->isAvailable(info);
        mTabs->setTabEnabled(tab, available);
        mTabs->setTabToolTip(tab, available ? view->tabToolTip() : view->unavailableReason(info));
    }
}

bool ExploreView::anyViewAvailable(const ExplorerInfo &info) const
{
    for (const ExplorerView *view : mViews) {
        if (view->isAvailable(info))
            return true;
    }
    return false;
}

void ExploreView::chooseViewAfterModel(const ExplorerInfo &info, QWidget *before)
{
    // Keep the view shown when it still applies (or the one asked for before
    // the first model); otherwise the first view the model can use.
    QWidget *wanted = mWantedView ? mWantedView.data() : before;
    mWantedView.clear();
    if (wanted && mTabs->isTabEnabled(mTabs->indexOf(wanted))) {
        mTabs->setCurrentWidget(wanted);
        return;
    }
    for (ExplorerView *view : mViews) {
        if (view->isAvailable(info)) {
            mTabs->setCurrentWidget(view->widget());
            return;
        }
    }
}

ExplorerView *ExploreView::explorerView(const QString &id) const
{
    for (ExplorerView *view : mViews) {
        if (view->id() == id)
            return view;
    }
    return nullptr;
}

ExplorerView *ExploreView::currentView() const
{
    for (ExplorerView *view : mViews) {
        if (view->widget() == mTabs->currentWidget())
            return view;
    }
    return nullptr;
}

QString ExploreView::currentViewId() const
{
    const ExplorerView *view = currentView();
    return view ? view->id() : QString();
}

bool ExploreView::showSubView(const QString &name)
{
    for (ExplorerView *view : mViews) {
        if (!view->matches(name))
            continue;
        // Not for a model that cannot use it (the tab is disabled and says
        // why); before the first model it is chosen for when it comes.
        if (!mInfo.isValid())
            mWantedView = view->widget();
        if (!mInfo.isValid() || view->isAvailable(mInfo))
            mTabs->setCurrentWidget(view->widget());
        return true;
    }
    return false;
}

void ExploreView::updateStyleSpaceBar()
{
    mStyleSpace->setModel(mInfo);
    const ExplorerView *view = currentView();
    const bool wanted = view && view->showsStyleSpaceBar();
    mStyleSpace->setVisible(mInfo.hasStyles() && wanted && mStack->currentWidget() == mTabs);
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
        ExplorerView *view = currentView();
        if (view && view->drops() == ExplorerView::Drops::Files && view->isAvailable(mInfo)) {
            // The view reads the file itself (at full size).
            if (view->takeFile(path))
                return;
            continue;
        }
        QString message;
        QString damage;
        const gs::Image image = readImageFile(path, &message, &damage);
        if (image.empty()) {
            showError(message);
            continue;
        }
        if (!damage.isEmpty())
            mBanner->showMessage(MessageBanner::Kind::Warning, damage);
        if (!mInfo.canDecodeImages()) {
            showError(tr("There is no model to explore yet, so %1 cannot be used. Train a "
                         "model or explore a checkpoint first.")
                          .arg(QFileInfo(path).fileName()));
            return;
        }
        const QString label = QStringLiteral("“%1”").arg(QFileInfo(path).fileName());
        if (!view || view->drops() == ExplorerView::Drops::Files)
            return;
        if (view->drops() == ExplorerView::Drops::None) {
            showError(view->dropRefusal(mInfo, label));
            return;
        }
        view->takeImage(image, label);
    }
}
