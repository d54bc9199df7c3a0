// studiopalette.h — the studio's colours: a light and a dark palette, each in
// a normal and a high-contrast (presenter) variant, and which of the two the
// desktop asks for. Qt 6.4 has no QStyleHints::colorScheme (6.5+), so the
// desktop's choice is read from the platform palette: a window colour darker
// than mid-grey means a dark desktop.
//
// Ownership: free functions returning values. Thread affinity: GUI thread
// (they read QGuiApplication state). Failure modes: none; without a platform
// theme the desktop counts as light.
#pragma once

#include <QPalette>
#include <QString>

namespace StudioPalette {

enum class Scheme { FollowDesktop, Light, Dark };

// "auto", "light", "dark" (settings text) and back; unknown text follows the desktop.
QString schemeName(Scheme scheme);
Scheme schemeFromName(const QString &name);

// True when the palette's window colour is darker than mid-grey.
bool isDark(const QPalette &palette);

// The desktop's palette, as the platform theme gives it (not the one the
// studio set): QGuiApplication's palette with the studio's own choice undone.
QPalette desktopPalette();

// Light or dark; `highContrast`: pure black/white text and background, strong
// highlight and a yellow focus colour, for projectors.
QPalette palette(bool dark, bool highContrast);

// Whether `scheme` comes out dark on this desktop.
bool resolvesDark(Scheme scheme);

} // namespace StudioPalette
