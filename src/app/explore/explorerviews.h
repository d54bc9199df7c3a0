// explorerviews.h — the explicit list of the Explore tab's views, in tab order
// (explorerviews.cpp: one line per view, a factory each). ExploreView builds
// its tabs from it and main.cpp its --explore-view choices; a static library
// drops self-registering objects, so the list is explicit.
//
// Ownership: makeExplorerViews returns views whose widgets have no parent yet;
// the caller parents them (ExploreView puts them in its tab widget) and keeps
// the views alive with their widgets. Thread affinity: GUI thread.
// Failure modes: none.
#pragma once

#include <QStringList>

#include <functional>
#include <vector>

class ExplorerHost;
class ExplorerView;

struct ExplorerViewEntry
{
    QString id; // as ExplorerView::id(), for --explore-view
    std::function<ExplorerView *(ExplorerHost &host)> make;
};

const std::vector<ExplorerViewEntry> &explorerViewEntries();
QStringList explorerViewIds(); // in tab order
