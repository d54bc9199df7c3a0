// recentsessionsmenu.h — File ▸ Open Recent Session: the last
// StudioSettings::kMaxRecentSessions session files saved or opened, newest
// first (StudioSettings::recentSessions), rebuilt each time it is shown.
// Choosing one opens it through SessionKeeper::openSession; a file that no
// longer exists is removed from the list and the banner says so in a sentence.
//
// Ownership: a QMenu owned by its parent widget (the main window); borrows the
// SessionKeeper and the window's banner, both of which outlive it. Thread
// affinity: GUI thread. Failure modes: a missing or unreadable file is a
// sentence in the banner (SessionKeeper's for unreadable ones); nothing else.
#pragma once

#include <QMenu>

class MainWindow;
class SessionKeeper;

class RecentSessionsMenu : public QMenu
{
    Q_OBJECT

public:
    RecentSessionsMenu(SessionKeeper *keeper, MainWindow *window);

    // Rebuilds the items from the settings (also done before each showing).
    void rebuild();
    // What choosing `path` from the menu does; false when it was missing.
    bool openRecent(const QString &path);

private:
    SessionKeeper *mKeeper;
    MainWindow *mWindow;
};
