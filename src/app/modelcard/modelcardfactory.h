// modelcardfactory.h — the side-pane entry of the "Model" pane
// (modelcardpane.h), listed once in shell/sidepanes.cpp.
//
// Ownership: the returned widget is parented by the caller (its dock).
// Thread affinity: GUI thread. Failure modes: none.
#pragma once

#include "shell/sidepane.h"

SidePaneDescriptor modelCardPaneDescriptor();
