// SessionKeeper: what a session holds, collected from the window, and putting
// it back — the form and layout at once, the model by reopening its checkpoint,
// the loss history once that checkpoint is open, the explorer views' states
// (each view waits for a model that fits it). See sessionkeeper.h.
#include "session/sessionkeeper.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStatusBar>
#include <QTabWidget>

#include <algorithm>

#include "explore/bookmarkstore.h"
#include "explore/explorerview.h"
#include "explore/explorerviews.h"
#include "explore/exploreview.h"
#include "shell/mainwindow.h"
#include "shell/topview.h"
#include "training/losspanel.h"
#include "training/sessionsummary.h"
#include "training/trainingcontroller.h"
#include "training/trainingpanel.h"
#include "widgets/messagebanner.h"

namespace {

const QString kExploreViewId = QStringLiteral("explore"); // shell/topviews.cpp

std::string toStd(const QString &s)
{
    return s.toStdString();
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

QString localName(const std::string &path)
{
    return QFile::decodeName(QByteArray::fromStdString(path));
}

} // namespace

gs::SessionFile SessionKeeper::collect() const
{
    gs::SessionFile s;
    const TrainingController *c = mWindow->trainingController();
    const TrainingPanel *panel = mWindow->trainingPanel();
    s.config = panel->sessionConfig();
    s.total_steps = panel->totalSteps();
    s.has_session = c->hasSession();
    if (s.has_session && !mLatestCheckpoint.isEmpty()) {
        s.checkpoint = QFile::encodeName(QFileInfo(mLatestCheckpoint).absoluteFilePath()).toStdString();
        s.step = mLatestStep;
    }
    s.run_folder = QFile::encodeName(c->runFolder()).toStdString();

    if (auto *explore = mWindow->topView<ExploreView>(kExploreViewId)) {
        for (const LatentBookmark &b : explore->bookmarkStore()->all())
            s.bookmarks.push_back({toStd(b.name), toStd(b.modelId), b.latentDim, long(b.step),
                                   toStd(b.created.toUTC().toString(Qt::ISODate)), b.latent});
        s.explorer_view = toStd(explore->currentViewId());
        for (const QString &id : explorerViewIds()) {
            const ExplorerView *view = explore->explorerView(id);
            const QJsonObject state = view ? view->sessionState() : QJsonObject();
            if (!state.isEmpty())
                s.view_states[toStd(id)] = QJsonDocument(state).toJson(QJsonDocument::Compact).toStdString();
        }
    }

    const LossPanel *losses = mWindow->lossPanel();
    for (const QString &name : losses->seriesNames())
        s.losses.names.push_back(toStd(name));
    for (const LossPoint &p : losses->points())
        s.losses.points.push_back({p.step, p.values});
    if (!c->runFolder().isEmpty() && QFileInfo::exists(c->runFolder() + QStringLiteral("/metrics.csv")))
        s.losses.metrics_csv = QFile::encodeName(c->runFolder() + QStringLiteral("/metrics.csv")).toStdString();

    for (const TopViewDescriptor &d : topViews()) {
        if (mWindow->topViewWidget(d.id) == mWindow->views()->currentWidget())
            s.top_view = toStd(d.id);
    }
    s.window_geometry = mWindow->saveGeometry().toBase64().toStdString();
    s.window_state = mWindow->saveState().toBase64().toStdString();
    return s;
}

void SessionKeeper::restore(const QString &path, const gs::SessionRead &read)
{
    const gs::SessionFile &s = read.session;
    mRestorePath = path;
    mRestoring = s;
    mRestoreProblems.clear();
    for (const std::string &problem : read.problems)
        mRestoreProblems << fromStd(problem);

    // The layout and the form, at once.
    if (!s.window_geometry.empty())
        mWindow->restoreGeometry(QByteArray::fromBase64(QByteArray::fromStdString(s.window_geometry)));
    if (!s.window_state.empty())
        mWindow->restoreState(QByteArray::fromBase64(QByteArray::fromStdString(s.window_state)));
    TrainingPanel *panel = mWindow->trainingPanel();
    if (!s.config.model_id.empty() && panel->selectModel(fromStd(s.config.model_id))) {
        SessionSummary form;
        form.config = s.config;
        panel->showSession(form);
        if (s.total_steps > 0)
            panel->setTotalSteps(s.total_steps);
    } else if (!s.config.model_id.empty()) {
        mRestoreProblems << tr("The training form was not restored: this GenStudio has no model \"%1\".")
                                .arg(fromStd(s.config.model_id));
    }

    // Bookmarks join the ones the studio has (same name and model: replaced).
    if (auto *explore = mWindow->topView<ExploreView>(kExploreViewId)) {
        for (const gs::SessionBookmark &b : s.bookmarks) {
            LatentBookmark bookmark;
            bookmark.name = fromStd(b.name);
            bookmark.modelId = fromStd(b.model_id);
            bookmark.latentDim = b.latent_dim;
            bookmark.step = b.step;
            bookmark.created = QDateTime::fromString(fromStd(b.created_utc), Qt::ISODate);
            bookmark.latent = b.latent;
            explore->bookmarkStore()->add(bookmark);
        }
    }

    // The tabs; the views' own states wait for their models where they need them.
    if (QWidget *top = mWindow->topViewWidget(fromStd(s.top_view)))
        mWindow->views()->setCurrentWidget(top);
    applyViewStates();

    // The model: reopened from its checkpoint, so Continue trains on.
    const QString checkpoint = localName(s.checkpoint);
    if (s.has_session && !checkpoint.isEmpty() && QFileInfo(checkpoint).isFile()) {
        mWaitingForModel = true;
        mWindow->openCheckpointFile(checkpoint);
        if (mWindow->trainingController()->state() == TrainingController::State::Busy)
            return; // finishRestore (or the failure) when the worker has opened it
        mWaitingForModel = false;
        mRestoreProblems << tr("The model was not reopened from %1.").arg(checkpoint);
    } else if (s.has_session && checkpoint.isEmpty()) {
        mRestoreProblems << tr("The model had no checkpoint yet when the session was saved, so it was "
                               "not restored; press Train to train it again.");
    }
    finish(mRestoreProblems);
}

void SessionKeeper::finishRestore()
{
    mWaitingForModel = false;
    const gs::SessionFile &s = mRestoring;
    // The loss history up to the checkpoint's step, on the plot the new session cleared.
    LossPanel *losses = mWindow->lossPanel();
    QStringList names;
    for (const std::string &name : s.losses.names)
        names << fromStd(name);
    if (!s.losses.points.empty() && names == losses->seriesNames()) {
        std::vector<LossPoint> points;
        for (const gs::SessionLossPoint &p : s.losses.points) {
            if (p.step <= s.step)
                points.push_back({p.step, p.values});
        }
        losses->appendPoints(points);
    } else if (!s.losses.points.empty()) {
        mRestoreProblems << tr("The loss history was left out: its curves do not match the model's losses.");
    }
    TrainingPanel *panel = mWindow->trainingPanel();
    if (s.total_steps > mWindow->trainingController()->step())
        panel->setTotalSteps(s.total_steps);
    finish(mRestoreProblems);
}

void SessionKeeper::applyViewStates()
{
    auto *explore = mWindow->topView<ExploreView>(kExploreViewId);
    if (!explore)
        return;
    for (const auto &[id, text] : mRestoring.view_states) {
        ExplorerView *view = explore->explorerView(fromStd(id));
        const QJsonObject state = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
        if (view && !state.isEmpty())
            view->restoreSessionState(state);
    }
    if (!mRestoring.explorer_view.empty())
        explore->showSubView(fromStd(mRestoring.explorer_view));
}

void SessionKeeper::finish(QStringList notRestored)
{
    notRestored.removeDuplicates();
    const QString name = QFileInfo(mRestorePath).fileName();
    if (notRestored.isEmpty()) {
        mWindow->statusBar()->showMessage(tr("Restored the session %1.").arg(name), 8000);
    } else {
        mWindow->messageBanner()->showMessage(
            MessageBanner::Kind::Warning,
            tr("Restored the session %1, except: %2").arg(name, notRestored.join(QLatin1Char(' '))));
    }
    emit sessionRestored(mRestorePath, notRestored);
}
