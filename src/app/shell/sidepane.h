// sidepane.h — side panes as plug-ins, like the top-level views (topview.h):
// each pane describes itself (id, title, dock area, factory) and
// shell/sidepanes.cpp holds the one list. The main window puts each pane in a
// dock widget (object name "<id>Dock"), lists its toggle in the View menu and
// remembers whether it was open with the window's state.
//
// Ownership: the factory returns a widget the caller parents (the dock owns
// it); the context's pointers are borrowed and outlive every pane.
// Thread affinity: GUI thread.
// Failure modes: none; a factory always returns a widget.
#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <vector>

class QAction;
class QWidget;
class MessageBanner;
class TrainingController;
class TrainingPanel;
class TrainingRequests;

// What a pane may use of the studio (never the main window's class itself).
struct SidePaneContext
{
    TrainingController *controller = nullptr; // the one training session
    TrainingRequests *requests = nullptr;     // runs through the Training dock's Steps target
    TrainingPanel *trainingPanel = nullptr;   // the Training dock's form (model, dataset, parameters)
    MessageBanner *banner = nullptr;          // errors and warnings above the tabs
    // The studio's top-level widget, as a plain QWidget: a pane may look up
    // controls by object name under it (a lesson highlighting a slider).
    QWidget *studio = nullptr;
    // A top-level view by its id in shell/topviews.cpp ("training", "explore",
    // "playground", "compare"), or null; and bringing its tab to the front.
    std::function<QWidget *(const QString &id)> topView;
    std::function<void(const QString &id)> showTopView;
};

// What a factory built.
struct SidePane
{
    QWidget *widget = nullptr;
    QList<QAction *> viewActions; // listed in the View menu after the pane's own toggle
};

struct SidePaneDescriptor
{
    QString id;                    // stable, e.g. "lessons"; the dock is named id + "Dock"
    const char *title;             // the dock's title, untranslated (MainWindow::tr translates it)
    bool rightSide = true;         // right dock area (else left, under the Training dock)
    bool openByDefault = false;    // shown on the first start (afterwards the saved state wins)
    std::function<SidePane(const SidePaneContext &context, QWidget *parent)> create;
};

// Every side pane, in View menu order (shell/sidepanes.cpp).
const std::vector<SidePaneDescriptor> &sidePanes();
