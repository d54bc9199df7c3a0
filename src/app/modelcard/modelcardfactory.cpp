#include "modelcard/modelcardfactory.h"

#include <QCoreApplication>

#include "modelcard/modelcardpane.h"

SidePaneDescriptor modelCardPaneDescriptor()
{
    SidePaneDescriptor d;
    d.id = QStringLiteral("modelCard");
    d.title = QT_TRANSLATE_NOOP("MainWindow", "Model");
    d.rightSide = true;
    d.openByDefault = false;
    d.create = [](const SidePaneContext &context, QWidget *parent) {
        SidePane pane;
        pane.widget = new ModelCardPane(context, parent);
        return pane;
    };
    return d;
}
