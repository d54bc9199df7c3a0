// advancedcontrol.h — marks a widget as an advanced control or status detail:
// the presenter layout (presenter/presentermode.h) hides every marked widget
// of the window while it is on and shows them again when it goes off. The
// mark is the dynamic property "gsAdvanced" = true, so any widget can carry it
// without knowing about the presenter.
//
// Ownership: none (sets a property). Thread affinity: GUI thread.
// Failure modes: none; a null widget is ignored.
#pragma once

#include <QWidget>

inline constexpr const char *kAdvancedControlProperty = "gsAdvanced";

inline void markAdvanced(QWidget *widget)
{
    if (widget)
        widget->setProperty(kAdvancedControlProperty, true);
}

inline bool isAdvanced(const QWidget *widget)
{
    return widget && widget->property(kAdvancedControlProperty).toBool();
}
