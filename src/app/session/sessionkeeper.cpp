// SessionKeeper: the menu items, saving (with the checkpoint it needs first),
// the autosave and the restore offer after a crash. See sessionkeeper.h.
#include "session/sessionkeeper.h"

#include <QAction>
#include <QBoxLayout>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

#include "core/common/error.h"
#include "session/recentsessionsmenu.h"
#include "shell/mainwindow.h"
#include "support/studiosettings.h"
#include "training/trainingcontroller.h"
#include "widgets/messagebanner.h"

namespace {

std::string localPath(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}

QString sessionFilter()
{
    return SessionKeeper::tr("GenStudio sessions (*.gssession);;All files (*)");
}

QDateTime parseUtc(const std::string &text)
{
    QDateTime t = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

SessionKeeper::SessionKeeper(MainWindow *window)
    : QObject(window)
    , mWindow(window)
{
    setObjectName(QStringLiteral("sessionKeeper"));
    createActions();
    mRecentMenu = new RecentSessionsMenu(this, window);
    TrainingController *c = window->trainingController();
    connect(c, &TrainingController::checkpointSaved, this, &SessionKeeper::onCheckpointSaved);
    connect(c, &TrainingController::runCheckpointSaved, this, [this](const QString &path, qint64 step) {
        if (step >= mLatestStep) {
            mLatestCheckpoint = path;
            mLatestStep = long(step);
        }
    });
    connect(c, &TrainingController::newSessionQueued, this, [this] {
        mLatestCheckpoint.clear();
        mLatestStep = -1;
    });
    connect(c, &TrainingController::sessionReady, this, [this](const SessionSummary &summary) {
        mLatestCheckpoint = summary.checkpointPath;
        mLatestStep = summary.checkpointPath.isEmpty() ? -1 : summary.step;
        if (mWaitingForModel)
            finishRestore();
    });
    connect(c, &TrainingController::warning, this, &SessionKeeper::onWarning);
    connect(c, &TrainingController::failed, this, [this](const QString &message) {
        if (mWaitingForModel) {
            mWaitingForModel = false;
            mRestoreProblems << tr("The model could not be reopened: %1").arg(message);
            finish(mRestoreProblems);
        }
        onWarning(message);
    });

    mAutosaveTimer = new QTimer(this);
    const int minutes = StudioSettings().autosaveMinutes();
    if (minutes > 0) {
        mAutosaveTimer->setInterval(minutes * 60 * 1000);
        connect(mAutosaveTimer, &QTimer::timeout, this, [this] { autosave(false); });
        mAutosaveTimer->start();
    }
    offerRestoreIfCrashed();
}

void SessionKeeper::createActions()
{
    mSaveAction = new QAction(tr("Save Sess&ion…"), this);
    mSaveAction->setObjectName(QStringLiteral("saveSessionAction"));
    mSaveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    mSaveAction->setStatusTip(tr("Save the form, the model's checkpoint, bookmarks, views, the loss "
                                 "history and the layout as one session file"));
    connect(mSaveAction, &QAction::triggered, this, &SessionKeeper::saveSessionDialog);

    mOpenAction = new QAction(tr("Open Sessio&n…"), this);
    mOpenAction->setObjectName(QStringLiteral("openSessionAction"));
    mOpenAction->setStatusTip(tr("Restore a saved session: the model, its views and the layout"));
    connect(mOpenAction, &QAction::triggered, this, &SessionKeeper::openSessionDialog);
}

void SessionKeeper::saveSessionDialog()
{
    StudioSettings settings;
    QString path = QFileDialog::getSaveFileName(
        mWindow, tr("Save Session"),
        QDir(settings.lastDirectory()).filePath(QStringLiteral("session.") + kSuffix), sessionFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + kSuffix;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    saveSession(path);
}

void SessionKeeper::openSessionDialog()
{
    StudioSettings settings;
    const QString path = QFileDialog::getOpenFileName(mWindow, tr("Open Session"),
                                                      settings.lastDirectory(), sessionFilter());
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    openSession(path);
}

bool SessionKeeper::saveSession(const QString &given)
{
    const QString path = QFileInfo(given).absoluteFilePath();
    TrainingController *c = mWindow->trainingController();
    const bool current = !mLatestCheckpoint.isEmpty() && mLatestStep == c->step()
                         && QFileInfo::exists(mLatestCheckpoint);
    if (!c->hasSession() || current) {
        writeSession(path, collect());
        return true;
    }
    // The model has steps no checkpoint holds: save one beside the session first.
    const QFileInfo info(path);
    const QString checkpoint = info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(".gsckpt"));
    QString why;
    if (!c->saveCheckpoint(checkpoint, &why)) {
        mWindow->messageBanner()->showMessage(MessageBanner::Kind::Error,
                                              tr("The session was not saved: %1").arg(why));
        emit saveFailed(why);
        return false;
    }
    mPendingSavePath = path;
    mPendingCheckpoint = checkpoint;
    return true;
}

void SessionKeeper::onCheckpointSaved(const QString &path, qint64 step)
{
    mLatestCheckpoint = path;
    mLatestStep = long(step);
    if (!mPendingSavePath.isEmpty() && path == mPendingCheckpoint) {
        const QString sessionPath = mPendingSavePath;
        mPendingSavePath.clear();
        mPendingCheckpoint.clear();
        writeSession(sessionPath, collect());
    }
}

void SessionKeeper::onWarning(const QString &message)
{
    if (mPendingSavePath.isEmpty() || !message.contains(QFileInfo(mPendingCheckpoint).fileName()))
        return;
    // The checkpoint the session needed was not saved: neither is the session.
    mPendingSavePath.clear();
    mPendingCheckpoint.clear();
    mWindow->messageBanner()->showMessage(MessageBanner::Kind::Error,
                                          tr("The session was not saved: %1").arg(message));
    emit saveFailed(message);
}

void SessionKeeper::writeSession(const QString &path, const gs::SessionFile &session)
{
    try {
        gs::write_session_file(localPath(path), session);
    } catch (const gs::Error &e) {
        const QString message = QString::fromStdString(e.what());
        mWindow->messageBanner()->showMessage(MessageBanner::Kind::Error, message);
        emit saveFailed(message);
        return;
    }
    mWindow->statusBar()->showMessage(tr("Saved the session %1.").arg(QFileInfo(path).fileName()), 8000);
    StudioSettings().addRecentSession(path);
    emit sessionSaved(path);
}

bool SessionKeeper::openSession(const QString &path)
{
    if (!mWindow->trainingController()->isIdle()) {
        mWindow->messageBanner()->showMessage(MessageBanner::Kind::Error,
                                              tr("Stop training before opening a session."));
        return false;
    }
    gs::SessionRead read;
    try {
        read = gs::read_session_file(localPath(QFileInfo(path).absoluteFilePath()));
    } catch (const gs::Error &e) {
        mWindow->messageBanner()->showMessage(MessageBanner::Kind::Error, QString::fromStdString(e.what()));
        return false;
    }
    StudioSettings().addRecentSession(path);
    restore(QFileInfo(path).absoluteFilePath(), read);
    return true;
}

QString SessionKeeper::autosavePath() const
{
    return StudioSettings().autosavePath();
}

bool SessionKeeper::autosave(bool cleanExit)
{
    gs::SessionFile session = collect();
    session.clean_exit = cleanExit;
    const QString path = autosavePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    try {
        gs::write_session_file(localPath(path), session);
    } catch (const gs::Error &e) {
        const QString message = tr("The session could not be autosaved: %1").arg(QString::fromStdString(e.what()));
        if (message != mAutosaveError && !cleanExit)
            mWindow->messageBanner()->showMessage(MessageBanner::Kind::Warning, message);
        mAutosaveError = message;
        return false;
    }
    mAutosaveError.clear();
    return true;
}

void SessionKeeper::quitting()
{
    mAutosaveTimer->stop();
    autosave(true);
}

void SessionKeeper::offerRestoreIfCrashed()
{
    const QString path = autosavePath();
    if (!QFileInfo::exists(path))
        return;
    gs::SessionRead read;
    try {
        read = gs::read_session_file(localPath(path));
    } catch (const gs::Error &) {
        return; // nothing a person could restore
    }
    if (read.session.clean_exit)
        return;
    // Kept aside, so this run's own autosaves do not replace it before the answer.
    const QFileInfo info(path);
    const QString kept = info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral("-crashed.")
                                                     + kSuffix);
    QFile::remove(kept);
    if (!QFile::rename(path, kept))
        return;
    showOffer(kept, parseUtc(read.session.saved_utc));
}

QString SessionKeeper::restoreOfferText() const
{
    return mOfferLabel ? mOfferLabel->text() : QString();
}

void SessionKeeper::showOffer(const QString &path, const QDateTime &when)
{
    mOfferPath = path;
    mOfferTime = when;
    mOffer = new QFrame(mWindow->centralWidget());
    mOffer->setObjectName(QStringLiteral("sessionRestoreOffer"));
    mOffer->setFrameShape(QFrame::StyledPanel);
    mOffer->setStyleSheet(QStringLiteral("#sessionRestoreOffer { background: palette(alternate-base); }"));
    auto *layout = new QHBoxLayout(mOffer);
    layout->setContentsMargins(8, 4, 8, 4);
    mOfferLabel = new QLabel(mOffer);
    mOfferLabel->setWordWrap(true);
    mOfferLabel->setText(tr("GenStudio did not close normally last time. Its session was autosaved at "
                            "%1. Restore it?")
                             .arg(QLocale().toString(when.toLocalTime(), QLocale::ShortFormat)));
    auto *restoreButton = new QPushButton(tr("Restore"), mOffer);
    restoreButton->setObjectName(QStringLiteral("restoreSessionButton"));
    auto *discardButton = new QPushButton(tr("Discard"), mOffer);
    discardButton->setObjectName(QStringLiteral("discardSessionButton"));
    layout->addWidget(mOfferLabel, 1);
    layout->addWidget(restoreButton);
    layout->addWidget(discardButton);
    connect(restoreButton, &QPushButton::clicked, this, [this] { answerRestoreOffer(true); });
    connect(discardButton, &QPushButton::clicked, this, [this] { answerRestoreOffer(false); });
    if (auto *box = qobject_cast<QBoxLayout *>(mWindow->centralWidget()->layout()))
        box->insertWidget(0, mOffer);
    emit restoreOffered(when);
}

void SessionKeeper::answerRestoreOffer(bool restoreIt)
{
    if (!mOffer)
        return;
    const QString path = mOfferPath;
    closeOffer();
    if (restoreIt)
        openSession(path);
    else
        QFile::remove(path);
}

void SessionKeeper::closeOffer()
{
    mOffer->hide();
    mOffer->deleteLater();
    mOffer = nullptr;
    mOfferLabel = nullptr;
    mOfferPath.clear();
}
