#include "presenter/studiolook.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QTimer>

#include "presenter/plotstyle.h"
#include "support/studiosettings.h"

StudioLook::StudioLook(QObject *parent)
    : QObject(parent)
    , mBaseFont(QApplication::font())
    , mOriginalPalette(QGuiApplication::palette())
    , mPlots(new PlotStyler(this))
{
    mScheme = StudioPalette::schemeFromName(StudioSettings().colorScheme());
    qApp->installEventFilter(this);
    apply();
}

StudioLook::~StudioLook()
{
    qApp->removeEventFilter(this);
    mApplying = true;
    QApplication::setFont(mBaseFont);
    QApplication::setPalette(mOriginalPalette);
}

void StudioLook::setScheme(StudioPalette::Scheme scheme)
{
    if (scheme == mScheme)
        return;
    mScheme = scheme;
    if (mSchemeGroup) {
        for (QAction *action : mSchemeGroup->actions())
            action->setChecked(action->objectName().endsWith(StudioPalette::schemeName(scheme)));
    }
    apply();
}

QList<QAction *> StudioLook::schemeActions()
{
    if (!mSchemeGroup) {
        mSchemeGroup = new QActionGroup(this);
        mSchemeGroup->setExclusive(true);
        const std::pair<StudioPalette::Scheme, QString> schemes[] = {
            {StudioPalette::Scheme::FollowDesktop, tr("Follow the &Desktop")},
            {StudioPalette::Scheme::Light, tr("&Light")},
            {StudioPalette::Scheme::Dark, tr("D&ark")}};
        for (const auto &[scheme, text] : schemes) {
            QAction *action = mSchemeGroup->addAction(text);
            action->setCheckable(true);
            action->setChecked(scheme == mScheme);
            action->setObjectName(QStringLiteral("colors_") + StudioPalette::schemeName(scheme));
            connect(action, &QAction::triggered, this, [this, scheme = scheme] {
                StudioSettings().setColorScheme(StudioPalette::schemeName(scheme));
                setScheme(scheme);
            });
        }
    }
    return mSchemeGroup->actions();
}

void StudioLook::setPresenter(bool on)
{
    if (on == mPresenter)
        return;
    mPresenter = on;
    apply();
}

void StudioLook::apply()
{
    mApplying = true;
    mDark = StudioPalette::resolvesDark(mScheme);
    QApplication::setPalette(StudioPalette::palette(mDark, mPresenter));
    QFont font = mBaseFont;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(mBaseFont.pointSizeF() * fontScale());
    else if (font.pixelSize() > 0)
        font.setPixelSize(qRound(mBaseFont.pixelSize() * fontScale()));
    QApplication::setFont(font);
    mPlots->setScales(lineScale(), fontScale());
    mApplying = false;
    emit changed();
}

bool StudioLook::eventFilter(QObject *watched, QEvent *event)
{
    // The desktop switched between light and dark: the platform theme sends
    // ThemeChange to the windows; one check after the burst is enough.
    if (event->type() == QEvent::ThemeChange && !mApplying && !mThemeCheckQueued
        && mScheme == StudioPalette::Scheme::FollowDesktop) {
        mThemeCheckQueued = true;
        QTimer::singleShot(0, this, [this] {
            mThemeCheckQueued = false;
            if (StudioPalette::resolvesDark(mScheme) != mDark)
                apply();
        });
    }
    return QObject::eventFilter(watched, event);
}
