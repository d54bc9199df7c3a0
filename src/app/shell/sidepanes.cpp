// The list of side panes, one entry each, in View menu order. A new pane is one
// folder, one factory and one entry here.
#include "shell/sidepane.h"

#include "lessons/lessonpane.h"
#include "modelcard/modelcardfactory.h"

const std::vector<SidePaneDescriptor> &sidePanes()
{
    static const std::vector<SidePaneDescriptor> panes = {
        // id, dock title (translated in MainWindow's context), right side, open by default, factory
        {QStringLiteral("lessons"), QT_TRANSLATE_NOOP("MainWindow", "Lessons"), true, false, &LessonPane::create},
        modelCardPaneDescriptor(), // the model's card and overview graph (modelcard/)
    };
    return panes;
}
