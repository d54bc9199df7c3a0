// sessionkeeper.h — the studio's sessions (.gssession, core/session/session_file.h):
// File ▸ Save Session…, Open Session… and Open Recent Session (the last 8), the autosave every few minutes
// (StudioSettings::autosaveMinutes) and on quit to StudioSettings::autosavePath(),
// and after a crash or kill -9 (the autosave has no clean-exit mark) the offer
// to restore the last session, in a strip above the views with the time of
// its last autosave and Restore / Discard.
//
// A session refers to a checkpoint, it never holds weights: saving a session
// whose model has steps beyond its newest checkpoint first saves one beside
// the session file (NAME.gsckpt) and writes the session when the worker says
// it is saved. Autosaves do not save checkpoints; they refer to the newest one
// the session has (saved, opened, or a run folder's step checkpoint).
//
// Collecting and restoring (sessionkeeper_restore.cpp): the training form, the
// model (its checkpoint, reopened so Continue works), the loss history (put on
// the plot once the checkpoint is open), latent bookmarks, the current tab and
// explorer view, each explorer view's sessionState(), and the window layout.
//
// Ownership: a QObject child of the MainWindow, which it borrows (the window
// outlives it); owns its actions, timer and the offer strip (parented into the
// central widget). Thread affinity: GUI thread. Failure modes: a file that
// cannot be read at all (corrupt JSON, another format, a newer version) is a
// sentence in the banner and nothing changes; a readable one restores what it
// can and the banner names the rest (a missing checkpoint, a damaged part); a
// failed write (full disk, read-only folder) is a sentence and the previous
// file stays. Autosave failures are shown once per kind, not every minute.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include "core/session/session_file.h"

class MainWindow;
class QAction;
class QFrame;
class QLabel;
class QTimer;
class RecentSessionsMenu;

class SessionKeeper : public QObject
{
    Q_OBJECT

public:
    static inline const QString kSuffix = QStringLiteral("gssession");

    explicit SessionKeeper(MainWindow *window);

    QAction *saveAction() const { return mSaveAction; }
    QAction *openAction() const { return mOpenAction; }
    // File ▸ Open Recent Session (session/recentsessionsmenu.h): saved and opened sessions.
    RecentSessionsMenu *recentMenu() const { return mRecentMenu; }

    // Without dialogs (tests, the command line). saveSession: false with the
    // banner's sentence when it cannot start; sessionSaved or saveFailed follows
    // (at once, or after the checkpoint it needs was saved). openSession: false
    // when the file cannot be read at all; restoring the model goes on after it
    // returns (sessionRestored follows when everything is in place).
    bool saveSession(const QString &path);
    bool openSession(const QString &path);

    // Writes the autosave file now (no new checkpoint); false on a write error.
    bool autosave(bool cleanExit);
    QString autosavePath() const;
    // The window is closing normally: the last autosave, marked as a clean exit.
    void quitting();

    // The restore offer after a crash: shown, its autosave time, the answer.
    bool hasRestoreOffer() const { return mOffer != nullptr; }
    QDateTime restoreOfferTime() const { return mOfferTime; }
    QString restoreOfferText() const;
    void answerRestoreOffer(bool restore);

    // Collects the studio's session as a session file would hold it.
    gs::SessionFile collect() const;

signals:
    void sessionSaved(const QString &path);
    void saveFailed(const QString &message);
    // The session is restored: `notRestored` names what was left out (empty: all).
    void sessionRestored(const QString &path, const QStringList &notRestored);
    void restoreOffered(const QDateTime &autosavedAt);

private:
    // sessionkeeper.cpp
    void createActions();
    void saveSessionDialog();
    void openSessionDialog();
    void writeSession(const QString &path, const gs::SessionFile &session);
    void onCheckpointSaved(const QString &path, qint64 step);
    void onWarning(const QString &message);
    void offerRestoreIfCrashed();
    void showOffer(const QString &path, const QDateTime &when);
    void closeOffer();

    // sessionkeeper_restore.cpp
    void restore(const QString &path, const gs::SessionRead &read);
    void finishRestore();
    void applyViewStates();
    void finish(QStringList notRestored);

    MainWindow *mWindow;
    QAction *mSaveAction = nullptr;
    QAction *mOpenAction = nullptr;
    RecentSessionsMenu *mRecentMenu = nullptr;
    QTimer *mAutosaveTimer = nullptr;
    QString mAutosaveError; // the last autosave failure shown, to show each kind once

    // The newest checkpoint of the current session and its step.
    QString mLatestCheckpoint;
    long mLatestStep = -1;

    // A Save Session waiting for its checkpoint.
    QString mPendingSavePath;
    QString mPendingCheckpoint;

    // A restore waiting for its checkpoint to open.
    QString mRestorePath;
    gs::SessionFile mRestoring;
    QStringList mRestoreProblems;
    bool mWaitingForModel = false;

    QFrame *mOffer = nullptr;
    QLabel *mOfferLabel = nullptr;
    QString mOfferPath;
    QDateTime mOfferTime;
};
