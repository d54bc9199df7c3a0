// studiolook.h — the application's look: the colour scheme (follow the
// desktop, light or dark) and the presenter factors (a high-contrast palette,
// fonts × 1.5, plot lines × 2). It sets QApplication's palette and font and
// drives the PlotStyler, so every widget and plot follows; with "follow the
// desktop" it re-reads the platform palette when the desktop's theme changes.
//
// The scheme starts from StudioSettings::colorScheme.
//
// Ownership: a QObject (the main window owns one); its destructor gives the
// application back the palette and font it had before. Thread affinity: GUI
// thread. Failure modes: none; without a platform theme the desktop is light.
#pragma once

#include <QFont>
#include <QList>
#include <QObject>
#include <QPalette>

#include "presenter/studiopalette.h"

class PlotStyler;
class QAction;
class QActionGroup;

class StudioLook : public QObject
{
    Q_OBJECT

public:
    static constexpr double kPresenterFontScale = 1.5;
    static constexpr double kPresenterLineScale = 2.0;

    explicit StudioLook(QObject *parent = nullptr);
    ~StudioLook() override;

    StudioPalette::Scheme scheme() const { return mScheme; }
    void setScheme(StudioPalette::Scheme scheme);
    bool presenter() const { return mPresenter; }
    void setPresenter(bool on);

    bool isDark() const { return mDark; } // the scheme as it resolved
    double fontScale() const { return mPresenter ? kPresenterFontScale : 1.0; }
    double lineScale() const { return mPresenter ? kPresenterLineScale : 1.0; }
    QFont baseFont() const { return mBaseFont; } // the application font without the factor
    PlotStyler *plotStyler() const { return mPlots; }
    // View ▸ Colours: Follow the Desktop, Light, Dark (one exclusive group,
    // owned by the look; the choice is remembered in StudioSettings).
    QList<QAction *> schemeActions();

signals:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();

    StudioPalette::Scheme mScheme = StudioPalette::Scheme::FollowDesktop;
    bool mPresenter = false;
    bool mDark = false;
    bool mApplying = false;
    bool mThemeCheckQueued = false;
    QFont mBaseFont;
    QPalette mOriginalPalette;
    PlotStyler *mPlots = nullptr;
    QActionGroup *mSchemeGroup = nullptr;
};
