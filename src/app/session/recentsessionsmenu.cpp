// recentsessionsmenu.cpp — see recentsessionsmenu.h.
#include "session/recentsessionsmenu.h"

#include <QDir>
#include <QFileInfo>

#include "session/sessionkeeper.h"
#include "shell/mainwindow.h"
#include "support/studiosettings.h"
#include "widgets/messagebanner.h"

RecentSessionsMenu::RecentSessionsMenu(SessionKeeper *keeper, MainWindow *window)
    : QMenu(tr("Open Recent Sessio&n"), window)
    , mKeeper(keeper)
    , mWindow(window)
{
    setObjectName(QStringLiteral("recentSessionsMenu"));
    connect(this, &QMenu::aboutToShow, this, &RecentSessionsMenu::rebuild);
    rebuild();
}

void RecentSessionsMenu::rebuild()
{
    clear();
    const QStringList files = StudioSettings().recentSessions();
    const bool canOpen = mWindow->trainingController()->isIdle();
    const auto escaped = [](QString s) { return s.replace(QLatin1Char('&'), QLatin1String("&&")); };
    int number = 1;
    for (const QString &path : files) {
        const QFileInfo info(path);
        const QString text = QStringLiteral("&%1  %2 — %3")
                                 .arg(number)
                                 .arg(escaped(info.fileName()),
                                      escaped(QDir::toNativeSeparators(info.absolutePath())));
        QAction *action = addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setData(path);
        action->setEnabled(canOpen);
        connect(action, &QAction::triggered, this, [this, path] { openRecent(path); });
        ++number;
    }
    if (files.isEmpty()) {
        addAction(tr("No recent sessions"))->setEnabled(false);
        return;
    }
    addSeparator();
    QAction *clearAction = addAction(tr("&Clear Menu"));
    clearAction->setObjectName(QStringLiteral("clearRecentSessionsAction"));
    connect(clearAction, &QAction::triggered, this, [this] {
        StudioSettings().clearRecentSessions();
        rebuild();
    });
}

bool RecentSessionsMenu::openRecent(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        StudioSettings().removeRecentSession(path);
        mWindow->messageBanner()->showMessage(
            MessageBanner::Kind::Warning,
            tr("The session file \"%1\" no longer exists, so it was removed from Open Recent "
               "Session.")
                .arg(QDir::toNativeSeparators(path)));
        rebuild();
        return false;
    }
    mKeeper->openSession(path);
    return true;
}
