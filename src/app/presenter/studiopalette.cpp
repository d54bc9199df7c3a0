#include "presenter/studiopalette.h"

#include <QApplication>
#include <QColor>

namespace StudioPalette {

QString schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Light:
        return QStringLiteral("light");
    case Scheme::Dark:
        return QStringLiteral("dark");
    default:
        return QStringLiteral("auto");
    }
}

Scheme schemeFromName(const QString &name)
{
    if (name == QLatin1String("light"))
        return Scheme::Light;
    if (name == QLatin1String("dark"))
        return Scheme::Dark;
    return Scheme::FollowDesktop;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Active, QPalette::Window).lightness() < 128;
}

QPalette desktopPalette()
{
    // A default-constructed palette resolves nothing, so setting it hands the
    // application palette back to the platform theme; the studio's palette is
    // put back at once by the caller (StudioLook::apply).
    const QPalette ours = QGuiApplication::palette();
    QApplication::setPalette(QPalette());
    const QPalette desktop = QGuiApplication::palette();
    QApplication::setPalette(ours);
    return desktop;
}

namespace {

void setAllGroups(QPalette &p, QPalette::ColorRole role, const QColor &color)
{
    p.setColor(QPalette::Active, role, color);
    p.setColor(QPalette::Inactive, role, color);
}

void setDisabled(QPalette &p, const QColor &text, const QColor &base)
{
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, text);
    p.setColor(QPalette::Disabled, QPalette::Base, base);
}

} // namespace

QPalette palette(bool dark, bool highContrast)
{
    QPalette p;
    QColor window, base, alternate, text, button, highlight, highlightText, mid, link, tooltip;
    if (dark) {
        window = highContrast ? QColor(0, 0, 0) : QColor(0x2b, 0x2d, 0x31);
        base = highContrast ? QColor(0, 0, 0) : QColor(0x1e, 0x1f, 0x22);
        alternate = highContrast ? QColor(0x1a, 0x1a, 0x1a) : QColor(0x26, 0x28, 0x2b);
        text = highContrast ? QColor(255, 255, 255) : QColor(0xe6, 0xe6, 0xe6);
        button = highContrast ? QColor(0x10, 0x10, 0x10) : QColor(0x35, 0x37, 0x3c);
        highlight = highContrast ? QColor(0xff, 0xd7, 0x00) : QColor(0x3d, 0x8e, 0xe6);
        highlightText = highContrast ? QColor(0, 0, 0) : QColor(255, 255, 255);
        mid = highContrast ? QColor(0xc0, 0xc0, 0xc0) : QColor(0x60, 0x63, 0x68);
        link = highContrast ? QColor(0x7f, 0xd4, 0xff) : QColor(0x6c, 0xb4, 0xff);
        tooltip = QColor(0x10, 0x10, 0x10);
    } else {
        window = highContrast ? QColor(255, 255, 255) : QColor(0xef, 0xef, 0xef);
        base = QColor(255, 255, 255);
        alternate = highContrast ? QColor(0xf0, 0xf0, 0xf0) : QColor(0xf7, 0xf7, 0xf7);
        text = highContrast ? QColor(0, 0, 0) : QColor(0x1a, 0x1a, 0x1a);
        button = highContrast ? QColor(0xf4, 0xf4, 0xf4) : QColor(0xe8, 0xe8, 0xe8);
        highlight = highContrast ? QColor(0x00, 0x3c, 0xb4) : QColor(0x30, 0x8c, 0xc6);
        highlightText = QColor(255, 255, 255);
        mid = highContrast ? QColor(0x40, 0x40, 0x40) : QColor(0xa0, 0xa0, 0xa0);
        link = highContrast ? QColor(0x00, 0x2a, 0xa0) : QColor(0x1a, 0x5f, 0xb4);
        tooltip = QColor(0xff, 0xff, 0xdc);
    }
    setAllGroups(p, QPalette::Window, window);
    setAllGroups(p, QPalette::WindowText, text);
    setAllGroups(p, QPalette::Base, base);
    setAllGroups(p, QPalette::AlternateBase, alternate);
    setAllGroups(p, QPalette::Text, text);
    setAllGroups(p, QPalette::Button, button);
    setAllGroups(p, QPalette::ButtonText, text);
    setAllGroups(p, QPalette::BrightText, dark ? QColor(255, 255, 255) : QColor(0, 0, 0));
    setAllGroups(p, QPalette::Highlight, highlight);
    setAllGroups(p, QPalette::HighlightedText, highlightText);
    setAllGroups(p, QPalette::Link, link);
    setAllGroups(p, QPalette::LinkVisited, link.darker(120));
    setAllGroups(p, QPalette::ToolTipBase, tooltip);
    setAllGroups(p, QPalette::ToolTipText, dark ? QColor(255, 255, 255) : QColor(0, 0, 0));
    setAllGroups(p, QPalette::PlaceholderText, mid);
    setAllGroups(p, QPalette::Mid, mid);
    setAllGroups(p, QPalette::Dark, dark ? window.darker(150) : mid.darker(130));
    setAllGroups(p, QPalette::Light, dark ? button.lighter(150) : QColor(255, 255, 255));
    setAllGroups(p, QPalette::Midlight, dark ? button.lighter(120) : button.lighter(105));
    setAllGroups(p, QPalette::Shadow, QColor(0, 0, 0));
    for (QPalette::ColorRole role :
         {QPalette::Window, QPalette::Button, QPalette::Mid, QPalette::Dark, QPalette::Light,
          QPalette::Midlight, QPalette::Shadow, QPalette::Highlight, QPalette::HighlightedText,
          QPalette::Link, QPalette::LinkVisited, QPalette::AlternateBase, QPalette::PlaceholderText,
          QPalette::ToolTipBase, QPalette::ToolTipText, QPalette::BrightText})
        p.setColor(QPalette::Disabled, role, p.color(QPalette::Active, role));
    QColor disabledText = text;
    disabledText.setAlpha(highContrast ? 160 : dark ? 140 : 110);
    setDisabled(p, disabledText, base);
    return p;
}

bool resolvesDark(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Light:
        return false;
    case Scheme::Dark:
        return true;
    default:
        return isDark(desktopPalette());
    }
}

} // namespace StudioPalette
