// latentpanel_session.cpp — the Latent view's part of a session file: the seed,
// slider mode and the latent shown (with its origin). The latent waits for a
// model of its size; the seed's own latent, asked for when that model came,
// does not replace it.
#include "explore/latent/latentpanel.h"
#include "explore/controlstate.h"

#include <QJsonArray>

#include "explore/latent/latentcontrols.h"

QJsonObject LatentPanel::sessionState() const
{
    QJsonArray latent;
    for (float v : mLatent)
        latent.append(double(v));
    return {{QStringLiteral("seed"), double(seed())},
            {QStringLiteral("mode"),
             mMode == Mode::Directions ? QStringLiteral("directions") : QStringLiteral("dimensions")},
            {QStringLiteral("latent"), latent},
            {QStringLiteral("origin"), mOrigin}};
}

void LatentPanel::restoreSessionState(const QJsonObject &state)
{
    mPendingSession = state;
    if (unsigned long seed = 0; ControlState::seedFrom(state.value(QStringLiteral("seed")), &seed))
        mControls->showSeed(seed);
    if (mInfo.isValid())
        applyPendingSession();
}

void LatentPanel::applyPendingSession()
{
    if (mPendingSession.isEmpty())
        return;
    const QJsonObject state = mPendingSession;
    const QJsonArray values = state.value(QStringLiteral("latent")).toArray();
    if (values.size() != mInfo.latentDim)
        return; // kept for a model it fits (the session's, still loading)
    mPendingSession = {};
    if (state.value(QStringLiteral("mode")).toString() == QLatin1String("directions"))
        setMode(Mode::Directions);
    else
        setMode(Mode::Dimensions);
    gs::Latent z;
    for (const QJsonValue &v : values)
        z.push_back(float(v.toDouble()));
    mSeedTicket = 0; // a pending seed reply must not replace the restored latent
    QString origin = state.value(QStringLiteral("origin")).toString();
    setLatent(z, origin.isEmpty() ? tr("the restored session") : origin);
}
