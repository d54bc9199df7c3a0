// The list of top-level views, one entry each, in tab order. A new view is one
// folder and one line here.
#include "shell/topview.h"

#include <QCoreApplication>

#include "explore/exploreview.h"
#include "playground/playgroundview.h"
#include "training/trainingcontroller.h"
#include "training/trainingview.h"

namespace {

QString title(const char *text)
{
    return QCoreApplication::translate("MainWindow", text);
}

TopView trainingView(const TopViewContext &context, QWidget *parent)
{
    return {new TrainingView(context.controller, parent), {}};
}

TopView exploreView(const TopViewContext &context, QWidget *parent)
{
    auto *view = new ExploreView(parent);
    view->setTrainingWorker(context.controller->worker());
    return {view, {view->exploreCheckpointAction(), view->importTorchScriptAction()}};
}

TopView playgroundView(const TopViewContext &context, QWidget *parent)
{
    return {new PlaygroundView(context, parent), {}};
}

} // namespace

const std::vector<TopViewDescriptor> &topViews()
{
    static const std::vector<TopViewDescriptor> views = {
        {QStringLiteral("training"), title("Training"), trainingView},
        {QStringLiteral("explore"), title("Explore"), exploreView},
        {QStringLiteral("playground"), title("Playground"), playgroundView},
    };
    return views;
}
