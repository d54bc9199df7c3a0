// MainWindow, views: accessors that reach top-level views through the list.
#include "shell/mainwindow.h"

#include "explore/exploreview.h"

ExploreView *MainWindow::exploreView() const
{
    return topView<ExploreView>(QStringLiteral("explore"));
}
