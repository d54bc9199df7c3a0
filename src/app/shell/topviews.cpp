// The list of top-level views, one entry each, in tab order. A new view is one
// folder, one factory and one entry here.
#include "shell/topview.h"

#include "compare/compareview.h"
#include "dataset/generatedatasetdialog.h"
#include "explore/exploreview.h"
#include "playground/playgroundview.h"
#include "training/trainingcontroller.h"
#include "training/trainingview.h"

namespace {

// The factories.
TopView training(const TopViewContext &context, QWidget *parent)
{
    return {new TrainingView(context.controller, parent), {}};
}

TopView explore(const TopViewContext &context, QWidget *parent)
{
    auto *view = new ExploreView(parent);
    view->setTrainingController(context.controller);
    return {view, {view->exploreCheckpointAction(), view->importTorchScriptAction()}};
}

TopView playground(const TopViewContext &context, QWidget *parent)
{
    return {new PlaygroundView(context, parent), {}};
}

TopView compare(const TopViewContext &context, QWidget *parent)
{
    auto *view = new CompareView(context.controller, context.banner, parent);
    return {view, {GenerateDatasetDialog::createAction(context.controller, view)}};
}

} // namespace

const std::vector<TopViewDescriptor> &topViews()
{
    static const std::vector<TopViewDescriptor> views = {
        // id, tab title (translated in MainWindow's context), factory
        {QStringLiteral("training"), QT_TRANSLATE_NOOP("MainWindow", "Training"), training},
        {QStringLiteral("explore"), QT_TRANSLATE_NOOP("MainWindow", "Explore"), explore},
        {QStringLiteral("playground"), QT_TRANSLATE_NOOP("MainWindow", "Playground"), playground},
        {QStringLiteral("compare"), QT_TRANSLATE_NOOP("MainWindow", "Compare"), compare},
    };
    return views;
}
