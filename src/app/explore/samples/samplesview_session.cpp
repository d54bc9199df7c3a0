// samplesview_session.cpp — the Samples view's part of a session file: how many
// samples and the first seed (neither needs the model, so both apply at once).
#include "explore/samples/samplesview.h"

QJsonObject SamplesView::sessionState() const
{
    return {{QStringLiteral("count"), count()}, {QStringLiteral("seed"), double(seed())}};
}

void SamplesView::restoreSessionState(const QJsonObject &state)
{
    if (state.contains(QStringLiteral("count")))
        setCount(state.value(QStringLiteral("count")).toInt(count()));
    if (state.contains(QStringLiteral("seed")))
        setSeed(static_cast<unsigned long>(state.value(QStringLiteral("seed")).toDouble(double(seed()))));
}
