// interpolationview_session.cpp — the Interpolation view's part of a session
// file: frames per segment, linear or spherical path, loop, and the endpoints.
// Latent endpoints are kept as their values, seeds and test images as what
// they are; a picture that was dropped is kept as its latent only if it was
// resolved, so such endpoints are left out (the rest restore).
#include "explore/interpolation/interpolationview.h"
#include "explore/controlstate.h"

#include <QCheckBox>
#include <QJsonArray>

QJsonObject InterpolationView::sessionState() const
{
    QJsonArray endpoints;
    for (const Endpoint &e : mEndpoints) {
        QJsonObject o{{QStringLiteral("label"), e.label}};
        switch (e.source.kind) {
        case LatentSource::Kind::Latent: {
            QJsonArray z;
            for (float v : e.source.latent)
                z.append(double(v));
            o.insert(QStringLiteral("latent"), z);
            break;
        }
        case LatentSource::Kind::Seed:
            o.insert(QStringLiteral("seed"), double(e.source.seed));
            break;
        case LatentSource::Kind::DatasetImage:
            o.insert(QStringLiteral("test_image"), e.source.index);
            break;
        case LatentSource::Kind::Image:
            continue;
        }
        endpoints.append(o);
    }
    return {{QStringLiteral("frames"), framesPerSegment()},
            {QStringLiteral("spherical"), spherical()},
            {QStringLiteral("loop"), mLoop->isChecked()},
            {QStringLiteral("latent_dim"), mInfo.latentDim},
            {QStringLiteral("endpoints"), endpoints}};
}

void InterpolationView::restoreSessionState(const QJsonObject &state)
{
    if (state.contains(QStringLiteral("frames")))
        setFramesPerSegment(state.value(QStringLiteral("frames")).toInt(framesPerSegment()));
    if (state.contains(QStringLiteral("spherical")))
        setSpherical(state.value(QStringLiteral("spherical")).toBool());
    if (state.contains(QStringLiteral("loop")))
        setLoop(state.value(QStringLiteral("loop")).toBool());
    mPendingSession = state;
    if (mInfo.isValid())
        applyPendingSession();
}

void InterpolationView::applyPendingSession()
{
    if (mPendingSession.isEmpty())
        return;
    if (mPendingSession.value(QStringLiteral("latent_dim")).toInt() != mInfo.latentDim)
        return; // kept for a model it fits (the session's, still loading)
    const QJsonArray endpoints = mPendingSession.value(QStringLiteral("endpoints")).toArray();
    mPendingSession = {};
    if (endpoints.isEmpty())
        return;
    clearEndpoints();
    for (const QJsonValue &value : endpoints) {
        const QJsonObject o = value.toObject();
        const QString label = o.value(QStringLiteral("label")).toString();
        if (o.contains(QStringLiteral("latent"))) {
            gs::Latent z;
            for (const QJsonValue &v : o.value(QStringLiteral("latent")).toArray())
                z.push_back(float(v.toDouble()));
            if (int(z.size()) == mInfo.latentDim)
                addEndpoint(LatentSource::fromLatent(z), label);
        } else if (unsigned long seed = 0; ControlState::seedFrom(o.value(QStringLiteral("seed")), &seed)) {
            addEndpoint(LatentSource::fromSeed(seed), label);
        } else if (o.contains(QStringLiteral("test_image")) && mInfo.canEncode()) {
            addEndpoint(LatentSource::fromDatasetImage(o.value(QStringLiteral("test_image")).toInt()), label);
        }
    }
}
