// topview.h — top-level views as plug-ins, the way Tiled registers an editor
// per document type: each view describes itself (id, title, factory) and
// shell/topviews.cpp holds the one list, in tab order. The main window loops
// over the list to build its tabs and knows no concrete view.
//
// Ownership: the factory returns a widget the caller parents (the tab widget
// owns it); the context's pointers are borrowed and outlive every view.
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
class TrainingRequests;

// What a view may use of the studio (never the main window itself).
struct TopViewContext
{
    TrainingController *controller = nullptr; // the one training session
    TrainingRequests *requests = nullptr;     // runs through the Training dock's form
    MessageBanner *banner = nullptr;          // errors and warnings above the tabs
    std::function<void(QWidget *view)> bringToFront; // shows the view's tab
};

// What a factory built.
struct TopView
{
    QWidget *widget = nullptr;
    QList<QAction *> fileActions; // listed in the File menu after Open Checkpoint
};

struct TopViewDescriptor
{
    QString id;    // stable: "training", "explore", "playground"
    const char *title; // the tab's text, untranslated (MainWindow::tr translates it)
    std::function<TopView(const TopViewContext &context, QWidget *parent)> create;
};

// Every top-level view, in tab order (shell/topviews.cpp).
const std::vector<TopViewDescriptor> &topViews();
